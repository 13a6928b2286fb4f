import { sql, type RawBuilder } from 'kysely';
import type { Provider } from '../../contract/domain';
import type { ArrivedRequest } from './delivery-record';
import { requestOfStoredSms } from './redact-request';

/**
 * The delivery log's line of an SMS the receiver stores. It is kept with the SMS, in
 * inbound_sms.delivery, by the very statement that stores it, and the log reads it from there
 * (routes/delivery-log.ts): the most frequent line costs the intake no row, no index entry and
 * no batch of its own, and is as durable as the SMS. Repeats, parts and refusals go through the
 * writer. Its content is the SMS itself, so the request keeps only where it came from and how.
 */
export interface AcceptedLine {
  provider: Provider;
  /** The status the request is answered with once the SMS is stored. */
  status: number;
  clientAddress: string | null;
  method: string;
  path: string;
  contentType: string | null;
  userAgent: string | null;
}

export function acceptedLine(
  provider: Provider,
  status: number,
  clientAddress: string | null,
  request: ArrivedRequest,
): AcceptedLine {
  const kept = requestOfStoredSms(request);
  return {
    provider,
    status,
    clientAddress,
    method: kept.method,
    path: kept.path,
    contentType: kept.headers['content-type'] ?? null,
    userAgent: kept.headers['user-agent'] ?? null,
  };
}

/**
 * The line as inbound_sms.delivery keeps it: short keys, and what is as usual left out (the
 * generic provider, status 200, POST, the provider's own path). Every byte here is written with
 * every SMS: the full form cost the intake's statement 8 % more database time, this one none
 * measurable. `storedLine` (SQL) reads it back; the two are the one definition of the format.
 */
export function storedForm(line: AcceptedLine): Record<string, string | number> {
  const form: Record<string, string | number> = {};
  if (line.provider !== 'generic') form.p = line.provider;
  if (line.status !== 200) form.s = line.status;
  if (line.method !== 'POST') form.m = line.method;
  if (line.path !== usualPath(line.provider)) form.path = line.path;
  if (line.clientAddress !== null) form.a = line.clientAddress;
  if (line.contentType !== null) form.ct = line.contentType;
  if (line.userAgent !== null) form.ua = line.userAgent;
  return form;
}

const usualPath = (provider: Provider) => (provider === 'generic' ? '/SMSReceiver' : `/SMSReceiver/${provider}`);

/** The columns of a stored line, in SQL, from the jsonb column `column` holding its stored form. */
export function storedLine(column: string) {
  const field = (key: string) => sql<string | null>`${sql.ref(column)}->>${sql.lit(key)}`;
  const provider = sql<Provider>`coalesce(${field('p')}, 'generic')`;
  return {
    provider,
    status: sql<number>`coalesce((${field('s')})::int, 200)`,
    clientAddress: field('a'),
    request: sql<unknown>`jsonb_build_object('method', coalesce(${field('m')}, 'POST'),
      'path', coalesce(${field('path')}, case when ${provider} = 'generic' then '/SMSReceiver' else '/SMSReceiver/' || ${provider} end),
      'query', '{}'::jsonb, 'body', '',
      'headers', jsonb_strip_nulls(jsonb_build_object('content-type', ${field('ct')}, 'user-agent', ${field('ua')})))`,
  } satisfies Record<string, RawBuilder<unknown>>;
}
