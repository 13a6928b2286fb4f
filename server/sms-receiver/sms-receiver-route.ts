import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/app-env';
import type { Logger } from '../logging/logger';
import { buildSms, routeOf } from './build-sms';
import { presentedToken, tokenMatches } from './connector-token-check';
import type { CachedConnector, ConnectorCache } from './connector-cache';
import type { DeliveryOutcome } from '../../contract/domain';
import { sentence, verbatim, type Sentence } from '../../i18n/sentence';
import { acceptedLine } from '../delivery-log/accepted-line';
import type { ArrivedRequest, DeliveryLog } from '../delivery-log/delivery-record';
import { remoteAddress } from '../http/remote-address';
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
  log: DeliveryLog;
  maxBytes: number;
  maxChars: number;
}

const MAX_FIELD_CHARS = 256;

/** `/SMSReceiver`: the contract in shared/design/sms-receiver-api.md. */
export function smsReceiverRoutes(deps: SmsReceiverDeps) {
  const app = new Hono<AppEnv>();
  const receive = (c: Context<AppEnv>) => receiveSms(c, deps, new GenericAttempt(c, deps.log));
  // Hono answers HEAD with the GET handler (dropping the body), which would store an SMS for a
  // request that asks only for headers: a monitor's HEAD must have no side effect.
  app.use('/', async function onlyGetAndPost(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'POST') return next();
    const method = c.req.method;
    return new GenericAttempt(c, deps.log).refuse(
      405,
      `${method} delivers nothing: send the SMS with GET or POST`,
      undefined,
      sentence('delivery.methodNotAllowed', { method }),
      { Allow: 'GET, POST' },
    );
  });
  app.get('/', receive);
  app.post('/', receive);
  return app;
}

async function receiveSms(c: Context<AppEnv>, deps: SmsReceiverDeps, attempt: GenericAttempt) {
  let sources: Map<string, string>[];
  try {
    const read = await readDeliverySources(c.req.raw, deps.maxBytes);
    sources = read.sources;
    attempt.body = read.body;
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    const reason = error.status === 413 ? sentence('delivery.body.tooLarge', { limit: deps.maxBytes }) : undefined;
    return attempt.refuse(error.status, error.message, error.field, reason);
  }
  const fields = pickDeliveryFields(sources);

  if (fields.receiver === undefined) return attempt.refuse(400, 'receiver is missing', 'receiver', missing('receiver'));
  const unusableReceiver = unstorableProblem(fields.receiver);
  if (unusableReceiver) return attempt.refuse(400, `receiver ${unusableReceiver}`, 'receiver', unstorable('receiver'));
  const match = deps.connectors.findByReceiver(fields.receiver);
  if (!match && toE164(fields.receiver) === null && !isNationalForm(fields.receiver))
    return attempt.refuse(
      400,
      'receiver is not a phone number',
      'receiver',
      sentence('delivery.field.notPhoneNumber', { field: 'receiver' }),
    );
  // A connector of a native provider answers only at its provider's own path.
  if (!match || match.connector.provider !== 'generic')
    return attempt.refuse(
      404,
      'No connector has this receiver number',
      'receiver',
      sentence('delivery.unknownNumber', { provider: 'generic', receiver: fields.receiver }),
    );
  const { connector, receiver } = match;
  attempt.connector = connector;
  if (connector.requireToken && !tokenMatches(presentedToken(c, fields.token), connector.tokenHash)) {
    return attempt.refuse(401, 'The token is missing or wrong', 'token', sentence('delivery.badToken'));
  }

  const problem = checkContent(fields, deps.maxChars) ?? checkStorable(sources);
  if (problem) return attempt.refuse(problem.status, problem.message, problem.field, problem.reason);
  const target = routeOf(connector);
  if (!target)
    return attempt.refuse(
      502,
      'The connector has no ACD group or routing application configured',
      'receiver',
      sentence('delivery.unrouted'),
    );

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
  sms.deliveryLine = acceptedLine('generic', 200, remoteAddress(c), attempt.arrivedRequest());
  try {
    const stored = await deps.store.store(sms);
    // A new SMS's line was written with it; a repeat stored nothing, so the log writes its line.
    if (stored.duplicate)
      attempt.record(200, 'duplicate', sentence('delivery.duplicate', { messageId: sms.messageId ?? '' }), stored.id);
    return c.json({ id: stored.id, status: 'accepted' }, 200);
  } catch {
    // The store has logged the cause; the provider retries.
    return attempt.refuse(500, 'Storing the SMS failed; please retry', undefined, sentence('delivery.storeFailed'));
  }
}

const missing = (field: string) => sentence('delivery.field.missing', { field });
const unstorable = (field: string) => sentence('delivery.field.unstorable', { field });

/** One request to /SMSReceiver: answers it as the contract says, and writes it to the delivery log. */
class GenericAttempt {
  readonly receivedAt = new Date();
  body: Uint8Array | undefined;
  connector: CachedConnector | undefined;

  constructor(
    private readonly c: Context<AppEnv>,
    private readonly log: DeliveryLog,
  ) {}

  /** `error` is the contract's English answer; `reason` the log's words for it (the answer's words when none). */
  refuse(
    status: ContentfulStatusCode,
    error: string,
    field?: string,
    reason: Sentence = verbatim(error),
    headers?: Record<string, string>,
  ) {
    this.record(status, 'refused', reason, null);
    return this.c.json(field ? { error, field } : { error }, status, headers);
  }

  record(status: number, outcome: DeliveryOutcome, reason: Sentence, smsId: string | null) {
    const c = this.c;
    this.log.record({
      receivedAt: this.receivedAt,
      provider: 'generic',
      connectorId: this.connector?.id ?? null,
      clientId: this.connector?.clientId ?? null,
      status,
      outcome,
      reason,
      smsId,
      clientAddress: remoteAddress(c),
      request: this.arrivedRequest(),
    });
  }

  arrivedRequest(): ArrivedRequest {
    const c = this.c;
    return { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body: this.body, secretNames: [] };
  }
}

// At module level: a closure made per call costs every delivery an allocation (and, run by tsx, a __name call).
const field = (status: 400 | 413, message: string, name: string, reason: Sentence) =>
  ({ status, message, field: name, reason }) as const;
const about = (name: string, key: 'missing' | 'empty' | 'tooLong') =>
  sentence(`delivery.field.${key}`, { field: name });

function checkContent(fields: DeliveryFields, maxChars: number) {
  if (fields.sender === undefined) return field(400, 'sender is missing', 'sender', about('sender', 'missing'));
  if (fields.sender.trim() === '') return field(400, 'sender is empty', 'sender', about('sender', 'empty'));
  if (fields.sender.length > MAX_FIELD_CHARS)
    return field(400, 'sender is too long', 'sender', about('sender', 'tooLong'));
  if (fields.message === undefined) return field(400, 'message is missing', 'message', about('message', 'missing'));
  // A text of at most maxChars UTF-16 units has at most as many characters.
  if (fields.message.length > maxChars && codePoints(fields.message) > maxChars) {
    const reason = sentence('delivery.body.textTooLong', { limit: maxChars });
    return field(413, `message is longer than ${maxChars} characters`, 'message', reason);
  }
  for (const name of ['keyword', 'messageId'] as const) {
    if ((fields[name]?.length ?? 0) > MAX_FIELD_CHARS)
      return field(400, `${name} is too long`, name, about(name, 'tooLong'));
  }
  return undefined;
}

function checkStorable(sources: ReadonlyArray<ReadonlyMap<string, string>>) {
  const unstorable = findUnstorableField(sources);
  if (!unstorable) return undefined;
  const { field, problem } = unstorable;
  return {
    status: 400,
    message: `${field} ${problem}`,
    field,
    reason: sentence('delivery.field.unstorable', { field }),
  } as const;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
