/**
 * MessageBird (legacy platform) SMS webhooks: an SMS to a virtual mobile number or short code,
 * forwarded as a GET query, or POSTed as a form or JSON (Flow Builder "Forward to URL").
 *
 * Payload: `originator` (sender), `recipient` (the number), `incomingMessage` or `body` (text),
 * `message_id` or `id`, `keyword`, `reference`, `createdDatetime`, as the issue lists them (the
 * developers.messagebird.com pages were not reachable from here). A status report (`status`, no
 * `originator`) is acknowledged and ignored.
 * Signature: messagebird/messagebird-nodejs `lib/webhook-signature-jwt.js` (`verify`), checked the
 * same way here and against its test table `lib/testdata/webhook-signature-jwt-reference.json`:
 * `MessageBird-Signature-JWT` is a JWT signed HS256 (the SDK also takes HS384 and HS512) with the
 * signing key; `iss` MessageBird; `nbf`, `exp` with 5 s of clock tolerance; `jti` present;
 * `url_hash` the SHA-256 (hex) of the URL; `payload_hash` the SHA-256 of the body, required when
 * the body is not empty.
 * Answer: 200 with a short text. MessageBird's retry schedule for other statuses could not be
 * verified from here; the standard refusal statuses are kept (a permanent refusal is a 4xx).
 */
import { sentence } from '../../../i18n/sentence';
import {
  isObject,
  jsonObjectOf,
  readPayload,
  refuseEmpty,
  refuseField,
  refuseMissing,
  type JsonObject,
} from './payload-reader';
import {
  standardRefusalStatus,
  type ParsedWebhook,
  type ProviderAdapter,
  type SignatureVerdict,
  type WebhookRequest,
} from './provider-adapter';
import {
  emptySecret,
  equalInConstantTime,
  hmac,
  malformedHeader,
  mismatch,
  missingHeader,
  refused,
  sha256,
  utf8,
  VALID,
} from './signature-checks';

const SIGNATURE_HEADER = 'messagebird-signature-jwt';
const ISSUER = 'MessageBird';
/** The SDK's `clockTolerance`. */
const CLOCK_TOLERANCE_SECONDS = 5;
const HMAC_OF_ALG = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;

/** The parameters read here; a JSON body's other members may be anything, and are only stored. */
const READ_PARAMS = new Set(['originator', 'recipient', 'incomingMessage', 'body', 'message_id', 'id', 'keyword']);

function parse(request: WebhookRequest): ParsedWebhook {
  return readPayload(() => {
    const { params, fields } = paramsOf(request);
    const text = params.get('incomingMessage') ?? params.get('body');
    const originator = params.get('originator');
    if (originator === undefined && params.has('status')) {
      return { kind: 'ignored', reason: sentence('delivery.ignored.deliveryReport') };
    }
    const keyword = params.get('keyword');
    return {
      kind: 'message',
      message: {
        sender: present(originator, 'originator'),
        receiver: present(params.get('recipient'), 'recipient'),
        text: text ?? refuseMissing('incomingMessage'),
        messageId: params.get('message_id') || params.get('id') || null,
        ...(keyword ? { keyword } : {}),
        fields,
      },
    };
  });
}

function present(value: string | undefined, field: string): string {
  if (value === undefined) refuseMissing(field);
  if (value === '') refuseEmpty(field);
  return value;
}

/** The body's parameters before the query's (a POST may carry some in its URL). */
function paramsOf(request: WebhookRequest): { params: Map<string, string>; fields: JsonObject } {
  const json = isJsonBody(request) ? jsonObjectOf(request) : undefined;
  const body = json ? scalarParams(json) : request.method === 'POST' ? request.form : new Map<string, string>();
  const params = new Map<string, string>();
  for (const source of [body, request.query]) {
    for (const [name, value] of source) if (!params.has(name)) params.set(name, value);
  }
  return { params, fields: { ...Object.fromEntries(params), ...json } };
}

const isJsonBody = (request: WebhookRequest) =>
  request.method === 'POST' &&
  request.body.length > 0 &&
  (request.contentType === 'application/json' || request.contentType.endsWith('+json'));

/** JSON strings, and numbers (MessageBird writes numbers as numbers) as their text. */
function scalarParams(json: JsonObject): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of Object.entries(json)) {
    if (typeof value === 'string') params.set(name, value);
    else if (typeof value === 'number' || typeof value === 'boolean') params.set(name, String(value));
    else if (value !== null && READ_PARAMS.has(name)) refuseField(name, sentence('validation.wrongType'));
  }
  return params;
}

interface Jwt {
  signingInput: Buffer;
  signature: Buffer;
  alg: string;
  claims: JsonObject;
}

/** Splits a compact JWS; null when it is not one. */
function decodeJwt(token: string): Jwt | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return null;
  const [header, claims, signature] = parts as [string, string, string];
  const headerJson = jsonOf(header);
  const claimsJson = jsonOf(claims);
  if (!headerJson || !claimsJson || typeof headerJson.alg !== 'string') return null;
  return {
    signingInput: utf8(`${header}.${claims}`),
    signature: Buffer.from(signature, 'base64url'),
    alg: headerJson.alg,
    claims: claimsJson,
  };
}

function jsonOf(base64url: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function verify(request: WebhookRequest, secret: string): SignatureVerdict {
  if (secret === '') return emptySecret();
  const token = request.headers.get(SIGNATURE_HEADER);
  if (token === undefined) return missingHeader(SIGNATURE_HEADER);
  const jwt = decodeJwt(token.trim());
  if (!jwt) return malformedHeader(SIGNATURE_HEADER);
  // `alg` chooses the algorithm, so only the HMACs the SDK accepts: never `none`.
  if (!Object.hasOwn(HMAC_OF_ALG, jwt.alg)) return malformedHeader(SIGNATURE_HEADER);
  const algorithm = HMAC_OF_ALG[jwt.alg as keyof typeof HMAC_OF_ALG];
  if (!equalInConstantTime(jwt.signature, hmac(algorithm, secret, jwt.signingInput))) {
    return mismatch(SIGNATURE_HEADER);
  }
  return claimsProblem(jwt.claims, request) ?? VALID;
}

/** The checks of the SDK (jose's `jwtVerify` first, then its own), in its order. */
function claimsProblem(claims: JsonObject, request: WebhookRequest): SignatureVerdict | null {
  if (claims.iss !== ISSUER) return malformedHeader(SIGNATURE_HEADER);
  const timing = timingProblem(claims, request.now);
  if (timing) return timing;
  if (!('jti' in claims)) return malformedHeader(SIGNATURE_HEADER);
  if (!hashClaimMatches(claims.url_hash, sha256(request.url))) return mismatch(SIGNATURE_HEADER);
  if ('payload_hash' in claims) {
    if (!hashClaimMatches(claims.payload_hash, sha256(request.body))) return mismatch(SIGNATURE_HEADER);
  } else if (request.body.length > 0) {
    return mismatch(SIGNATURE_HEADER);
  }
  return null;
}

function timingProblem(claims: JsonObject, now: Date): SignatureVerdict | null {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const { nbf, exp, iat } = claims;
  if ([nbf, exp, iat].some((claim) => claim !== undefined && typeof claim !== 'number')) {
    return malformedHeader(SIGNATURE_HEADER);
  }
  const limit = CLOCK_TOLERANCE_SECONDS;
  if (typeof nbf === 'number' && nbf > nowSeconds + limit) {
    return refused(sentence('delivery.signature.stale', { seconds: nbf - nowSeconds, limit }));
  }
  if (typeof exp === 'number' && exp <= nowSeconds - limit) {
    return refused(sentence('delivery.signature.stale', { seconds: nowSeconds - exp, limit }));
  }
  return null;
}

function hashClaimMatches(claim: unknown, digest: Buffer): boolean {
  return (
    typeof claim === 'string' &&
    /^[0-9a-fA-F]{64}$/.test(claim) &&
    equalInConstantTime(Buffer.from(claim, 'hex'), digest)
  );
}

export const messagebirdAdapter: ProviderAdapter = {
  provider: 'messagebird',
  parse,
  verify,
  accepted: () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'OK' }),
  refusalStatus: (refusal) => standardRefusalStatus[refusal],
  secretFields: [SIGNATURE_HEADER],
};
