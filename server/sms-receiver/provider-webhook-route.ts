import { Hono, type Context } from 'hono';
import { nativeProviders, type NativeProvider } from '../../contract/domain';
import { providerWebhooks } from '../../contract/provider-webhooks';
import { say, sentence, type Sentence } from '../../i18n/sentence';
import { acceptedLine } from '../delivery-log/accepted-line';
import type { ArrivedRequest, DeliveryLog, DeliveryRecord } from '../delivery-log/delivery-record';
import type { AppEnv } from '../http/app-env';
import { remoteAddress } from '../http/remote-address';
import { buildSms, routeOf, type ArrivedSms } from './build-sms';
import type { CachedConnector, ConnectorCache } from './connector-cache';
import { parseFormEncoded } from './decode-text';
import { unstorableProblem } from './delivery-fields';
import type { PartOf, ProviderAdapter, ProviderMessage, Refusal, WebhookRequest } from './providers/provider-adapter';
import { DeliveryError, mediaTypeOf, parseMultipart, queryString, readBodyBytes } from './read-delivery';
import { presentedToken, tokenMatches } from './connector-token-check';
import type { SmsStore } from './sms-store';

/** Where the parts of a multipart SMS go (see multipart/). */
export interface PartIntake {
  store(connector: CachedConnector, arrived: ArrivedSms, part: PartOf): Promise<{ duplicate: boolean }>;
}

export interface ProviderWebhookDeps {
  connectors: ConnectorCache;
  store: SmsStore;
  parts: PartIntake | undefined;
  log: DeliveryLog;
  adapters: Readonly<Record<NativeProvider, ProviderAdapter>>;
  /** SWITCHBOARD_PUBLIC_URL: the URL providers call, and sign, behind a proxy. */
  publicUrl: string | undefined;
  maxBytes: number;
  maxChars: number;
}

const MAX_FIELD_CHARS = 256;

/** `/SMSReceiver/<provider>`: each provider's own webhook, as its documentation says. */
export function providerWebhookRoutes(deps: ProviderWebhookDeps) {
  const app = new Hono<AppEnv>();
  for (const provider of nativeProviders) {
    const adapter = deps.adapters[provider];
    const receive = (c: Context<AppEnv>) => receiveWebhook(c, adapter, deps);
    app.on([...providerWebhooks[provider].methods], `/${provider}`, receive);
    // Everything else is answered 405 (and logged); a HEAD has no side effect.
    app.all(`/${provider}`, receive);
  }
  return app;
}

/** What the route knows about a request so far, for the delivery log. */
interface Attempt {
  c: Context<AppEnv>;
  adapter: ProviderAdapter;
  deps: ProviderWebhookDeps;
  receivedAt: Date;
  body: Uint8Array | undefined;
  connector?: CachedConnector;
  /** A signature failure that `log` mode let through. */
  signatureProblem?: Sentence;
}

async function receiveWebhook(c: Context<AppEnv>, adapter: ProviderAdapter, deps: ProviderWebhookDeps) {
  const attempt: Attempt = { c, adapter, deps, receivedAt: new Date(), body: undefined };
  const method = c.req.method;
  const methods = providerWebhooks[adapter.provider].methods;
  if (method !== 'GET' && method !== 'POST') {
    if (method === 'HEAD' && methods.includes('GET')) return c.body(null, 200);
    return refuse(attempt, 'invalid', sentence('delivery.methodNotAllowed', { method }), 405);
  }
  if (!methods.includes(method)) {
    return refuse(attempt, 'invalid', sentence('delivery.methodNotAllowed', { method }), 405);
  }

  let request: WebhookRequest;
  try {
    request = await readWebhookRequest(c, method, deps, attempt);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return error.status === 413
      ? refuse(attempt, 'tooLarge', sentence('delivery.body.tooLarge', { limit: deps.maxBytes }))
      : refuse(attempt, 'invalid', sentence('delivery.body.unreadable', { why: error.message }));
  }

  const parsed = adapter.parse(request);
  if (parsed.kind === 'invalid') return refuse(attempt, 'invalid', parsed.reason, parsed.field);
  if (parsed.kind === 'ignored') return accept(attempt, 'ignored', parsed.reason, null);
  const message = parsed.message;

  const match = deps.connectors.findByReceiver(message.receiver);
  if (!match || match.connector.provider !== adapter.provider) {
    return refuse(
      attempt,
      'unknownNumber',
      sentence('delivery.unknownNumber', { provider: adapter.provider, receiver: message.receiver }),
      'receiver',
    );
  }
  const connector = match.connector;
  attempt.connector = connector;
  if (connector.requireToken && !tokenMatches(presentedToken(c, request.query.get('token')), connector.tokenHash)) {
    return refuse(attempt, 'badToken', sentence('delivery.badToken'), 'token');
  }
  const signature = checkSignature(connector, adapter, request);
  if (signature) {
    if (connector.signatureCheck === 'enforce') return refuse(attempt, 'badSignature', signature);
    attempt.signatureProblem = signature;
  }

  const problem = contentProblem(message, deps.maxChars);
  if (problem) return refuse(attempt, problem.refusal, problem.reason, problem.field);
  const target = routeOf(connector);
  if (!target) return refuse(attempt, 'unrouted', sentence('delivery.unrouted'));

  const arrived: ArrivedSms = {
    sender: message.sender,
    receiver: message.receiver,
    receiverNormalized: match.receiver,
    message: message.text,
    keyword: message.keyword ?? null,
    messageId: message.messageId,
    raw: JSON.stringify({ provider: adapter.provider, ...message.fields }),
    receivedAt: attempt.receivedAt,
  };
  try {
    if (message.part && deps.parts) {
      const { duplicate } = await deps.parts.store(connector, arrived, message.part);
      return duplicate
        ? accept(attempt, 'duplicate', sentence('delivery.duplicate', { messageId: partName(message) }), null)
        : accept(attempt, 'part_stored', sentence('delivery.partStored', { ...message.part }), null);
    }
    const sms = buildSms(connector, arrived, target);
    // The line is written with the SMS, unless it must say that a failed signature was let in.
    const lineWithSms = attempt.signatureProblem === undefined;
    if (lineWithSms)
      sms.deliveryLine = acceptedLine(
        adapter.provider,
        adapter.accepted().status,
        remoteAddress(c),
        arrivedRequest(attempt),
      );
    const stored = await deps.store.store(sms);
    if (stored.duplicate)
      return accept(
        attempt,
        'duplicate',
        sentence('delivery.duplicate', { messageId: message.messageId ?? '' }),
        stored.id,
      );
    return lineWithSms ? answer(attempt) : accept(attempt, 'accepted', sentence('delivery.accepted'), stored.id);
  } catch {
    // The store has logged the cause; the provider retries.
    return refuse(attempt, 'storeFailed', sentence('delivery.storeFailed'));
  }
}

const partName = (message: ProviderMessage) =>
  message.messageId ?? `${message.part!.ref} ${message.part!.index}/${message.part!.total}`;

async function readWebhookRequest(
  c: Context<AppEnv>,
  method: 'GET' | 'POST',
  deps: ProviderWebhookDeps,
  attempt: Attempt,
): Promise<WebhookRequest> {
  const raw = c.req.raw;
  const body = method === 'POST' ? await readBodyBytes(raw, deps.maxBytes) : new Uint8Array(0);
  attempt.body = body;
  const { mediaType, charset } = mediaTypeOf(raw.headers.get('content-type') ?? '');
  const query = queryString(raw.url);
  // Read where asked, not copied: most requests need two or three of their headers.
  const headers = { get: (name: string) => raw.headers.get(name) ?? undefined };
  return {
    method,
    url: signedUrl(deps.publicUrl, raw.url, c.req.path, query),
    headers,
    body,
    contentType: mediaType,
    charset,
    query: parseFormEncoded(query),
    form: await formOf(body, mediaType, charset, raw.headers.get('content-type') ?? ''),
    now: attempt.receivedAt,
  };
}

async function formOf(
  body: Uint8Array,
  mediaType: string,
  charset: string | undefined,
  contentType: string,
): Promise<Map<string, string>> {
  if (body.length === 0) return new Map();
  if (mediaType === 'application/x-www-form-urlencoded')
    return parseFormEncoded(Buffer.from(body).toString('latin1'), charset);
  if (mediaType === 'multipart/form-data') return parseMultipart(body, contentType);
  return new Map();
}

/**
 * The URL the provider called, as it signed it: behind a proxy the public URL's origin (and path
 * prefix) with the path and query that reached us, never the Host header's word alone.
 */
export function signedUrl(publicUrl: string | undefined, requestUrl: string, path: string, query: string): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : new URL(requestUrl).origin;
  return `${base}${path}${query ? `?${query}` : ''}`;
}

/** Why the signature fails, or undefined when it holds or is not checked. */
function checkSignature(
  connector: CachedConnector,
  adapter: ProviderAdapter,
  request: WebhookRequest,
): Sentence | undefined {
  if (connector.signatureCheck === 'off') return undefined;
  if (connector.providerSecret === null) {
    const why = sentence(
      connector.providerSecretUnreadable ? 'delivery.signature.sealedSecret' : 'delivery.signature.noSecret',
    );
    return sentence('delivery.signature.unusableSecret', { why });
  }
  const verdict = adapter.verify(request, connector.providerSecret);
  return verdict.valid ? undefined : verdict.reason;
}

const fieldProblem = (name: string, key: 'empty' | 'tooLong') =>
  ({ refusal: 'invalid', reason: sentence(`delivery.field.${key}`, { field: name }), field: name }) as const;

function contentProblem(
  message: ProviderMessage,
  maxChars: number,
): { refusal: Refusal; reason: Sentence; field: string } | undefined {
  if (message.sender.trim() === '') return fieldProblem('sender', 'empty');
  if (message.sender.length > MAX_FIELD_CHARS) return fieldProblem('sender', 'tooLong');
  if ((message.messageId?.length ?? 0) > MAX_FIELD_CHARS) return fieldProblem('messageId', 'tooLong');
  // A text of at most maxChars UTF-16 units has at most as many characters.
  if (message.text.length > maxChars && [...message.text].length > maxChars)
    return { refusal: 'tooLarge', reason: sentence('delivery.body.textTooLong', { limit: maxChars }), field: 'text' };
  for (const [name, value] of [
    ['sender', message.sender],
    ['receiver', message.receiver],
    ['text', message.text],
    ['messageId', message.messageId ?? ''],
  ] as const) {
    if (unstorableProblem(value))
      return { refusal: 'invalid', reason: sentence('delivery.field.unstorable', { field: name }), field: name };
  }
  if (holdsUnstorable(message.fields))
    return { refusal: 'invalid', reason: sentence('delivery.field.unstorable', { field: 'fields' }), field: 'fields' };
  return undefined;
}

/**
 * Whether a name or text anywhere in a payload cannot be stored. Checked on the values, not on
 * their JSON: JSON.stringify writes a NUL or a lone surrogate as an escape, which jsonb refuses.
 */
function holdsUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return unstorableProblem(value) !== undefined;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsUnstorable);
  return Object.entries(value).some(([name, inner]) => unstorableProblem(name) !== undefined || holdsUnstorable(inner));
}

function accept(attempt: Attempt, outcome: DeliveryRecord['outcome'], reason: Sentence, smsId: string | null) {
  const logged = attempt.signatureProblem
    ? sentence('delivery.signature.loggedOnly', { why: attempt.signatureProblem })
    : reason;
  record(attempt, attempt.adapter.accepted().status, outcome, logged, smsId);
  return answer(attempt);
}

/** The provider's acknowledgement. */
function answer(attempt: Attempt) {
  const accepted = attempt.adapter.accepted();
  return attempt.c.body(accepted.body, accepted.status as 200, { 'Content-Type': accepted.contentType });
}

/**
 * Answers a refusal with the status the provider's retry rule asks for. Where that is a 2xx (a
 * provider that would otherwise retry for weeks), the body is its usual acknowledgement, and the
 * log says so.
 */
function refuse(attempt: Attempt, refusal: Refusal, reason: Sentence, fieldOrStatus?: string | number) {
  const field = typeof fieldOrStatus === 'string' ? fieldOrStatus : undefined;
  const status = typeof fieldOrStatus === 'number' ? fieldOrStatus : attempt.adapter.refusalStatus(refusal);
  const { c, adapter } = attempt;
  if (status < 300) {
    const answer = adapter.accepted();
    const logged = sentence('delivery.answeredOkToStopRetries', { why: reason, provider: adapter.provider });
    record(attempt, status, 'refused', logged, null);
    return c.body(answer.body, status as 200, { 'Content-Type': answer.contentType });
  }
  record(attempt, status, 'refused', reason, null);
  const error = say('en', reason);
  const headers = status === 405 ? { Allow: providerWebhooks[adapter.provider].methods.join(', ') } : undefined;
  return c.json(field ? { error, field } : { error }, status as 400, headers);
}

function record(
  attempt: Attempt,
  status: number,
  outcome: DeliveryRecord['outcome'],
  reason: Sentence,
  smsId: string | null,
) {
  const { c, adapter, connector } = attempt;
  attempt.deps.log.record({
    receivedAt: attempt.receivedAt,
    provider: adapter.provider,
    connectorId: connector?.id ?? null,
    clientId: connector?.clientId ?? null,
    status,
    outcome,
    reason,
    smsId,
    clientAddress: remoteAddress(c),
    request: arrivedRequest(attempt),
  });
}

function arrivedRequest({ c, adapter, body }: Attempt): ArrivedRequest {
  return { method: c.req.method, url: c.req.url, headers: c.req.raw.headers, body, secretNames: adapter.secretFields };
}
