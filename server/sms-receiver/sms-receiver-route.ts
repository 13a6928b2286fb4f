import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/app-env';
import type { Logger } from '../logging/logger';
import { buildSms, routeOf } from './build-sms';
import type { ConnectorCache } from './connector-cache';
import {
  findUnstorableField,
  pickDeliveryFields,
  storableFields,
  unstorableProblem,
  type DeliveryFields,
} from './delivery-fields';
import { isNationalForm, toE164 } from '../../contract/phone-number';
import { DeliveryError, readDeliverySources } from './read-delivery';
import type { SmsStore } from './sms-store';

export interface SmsReceiverDeps {
  connectors: ConnectorCache;
  store: SmsStore;
  logger: Logger;
  maxBytes: number;
  maxChars: number;
}

const MAX_FIELD_CHARS = 256;

/** `/SMSReceiver`: the contract in shared/design/sms-receiver-api.md. */
export function smsReceiverRoutes(deps: SmsReceiverDeps) {
  const app = new Hono<AppEnv>();
  const receive = (c: Context<AppEnv>) => receiveSms(c, deps);
  // Hono answers HEAD with the GET handler (dropping the body), which would store an SMS for a
  // request that asks only for headers: a monitor's HEAD must have no side effect.
  app.use('/', async function onlyGetAndPost(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'POST') return next();
    return c.json({ error: `${c.req.method} delivers nothing: send the SMS with GET or POST` }, 405, {
      Allow: 'GET, POST',
    });
  });
  app.get('/', receive);
  app.post('/', receive);
  return app;
}

async function receiveSms(c: Context<AppEnv>, deps: SmsReceiverDeps) {
  let sources: Map<string, string>[];
  try {
    sources = await readDeliverySources(c.req.raw, deps.maxBytes);
  } catch (error) {
    if (error instanceof DeliveryError) return refuse(c, error.status, error.message, error.field);
    throw error;
  }
  const fields = pickDeliveryFields(sources);

  if (fields.receiver === undefined) return refuse(c, 400, 'receiver is missing', 'receiver');
  const unusableReceiver = unstorableProblem(fields.receiver);
  if (unusableReceiver) return refuse(c, 400, `receiver ${unusableReceiver}`, 'receiver');
  const match = deps.connectors.findByReceiver(fields.receiver);
  if (!match && toE164(fields.receiver) === null && !isNationalForm(fields.receiver))
    return refuse(c, 400, 'receiver is not a phone number', 'receiver');
  // A connector of a native provider answers only at its provider's own path.
  if (!match || match.connector.provider !== 'generic')
    return refuse(c, 404, 'No connector has this receiver number', 'receiver');
  const { connector, receiver } = match;
  if (connector.requireToken && !tokenMatches(presentedToken(c, fields), connector.tokenHash)) {
    return refuse(c, 401, 'The token is missing or wrong', 'token');
  }

  const problem = checkContent(fields, deps.maxChars) ?? checkStorable(sources);
  if (problem) return refuse(c, problem.status, problem.message, problem.field);
  const target = routeOf(connector);
  if (!target) return refuse(c, 502, 'The connector has no ACD group or routing application configured', 'receiver');

  const sms = buildSms(
    connector,
    {
      sender: fields.sender!,
      receiver: fields.receiver,
      receiverNormalized: receiver,
      message: fields.message!,
      keyword: fields.keyword ?? null,
      messageId: fields.messageId?.trim() || null,
      raw: JSON.stringify(storableFields(sources)),
    },
    target,
  );
  try {
    const stored = await deps.store.store(sms);
    return c.json({ id: stored.id, status: 'accepted' }, 200);
  } catch {
    // The store has logged the cause; the provider retries.
    return refuse(c, 500, 'Storing the SMS failed; please retry');
  }
}

function refuse(c: Context, status: ContentfulStatusCode, error: string, field?: string) {
  return c.json(field ? { error, field } : { error }, status);
}

function presentedToken(c: Context, fields: DeliveryFields): string | undefined {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? c.req.header('x-switchboard-token') ?? fields.token;
}

function tokenMatches(presented: string | undefined, storedHash: Buffer): boolean {
  if (presented === undefined || presented.length > 512) return false;
  const hash = createHash('sha256').update(presented).digest();
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

function checkContent(fields: DeliveryFields, maxChars: number) {
  if (fields.sender === undefined) return { status: 400, message: 'sender is missing', field: 'sender' } as const;
  if (fields.sender.trim() === '') return { status: 400, message: 'sender is empty', field: 'sender' } as const;
  if (fields.sender.length > MAX_FIELD_CHARS)
    return { status: 400, message: 'sender is too long', field: 'sender' } as const;
  if (fields.message === undefined) return { status: 400, message: 'message is missing', field: 'message' } as const;
  if (codePoints(fields.message) > maxChars) {
    return { status: 413, message: `message is longer than ${maxChars} characters`, field: 'message' } as const;
  }
  for (const field of ['keyword', 'messageId'] as const) {
    if ((fields[field]?.length ?? 0) > MAX_FIELD_CHARS)
      return { status: 400, message: `${field} is too long`, field } as const;
  }
  return undefined;
}

function checkStorable(sources: ReadonlyArray<ReadonlyMap<string, string>>) {
  const unstorable = findUnstorableField(sources);
  if (!unstorable) return undefined;
  return { status: 400, message: `${unstorable.field} ${unstorable.problem}`, field: unstorable.field } as const;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
