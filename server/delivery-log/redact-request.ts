import type { DeliveryAttempt } from '../../contract/delivery-log';
import { SECRET_FIELD_NAMES } from '../logging/logger';
import { decodeBytes, decodeFormComponent, parseFormEncoded } from '../sms-receiver/decode-text';
import type { ArrivedRequest } from './delivery-record';

export type LoggedRequest = DeliveryAttempt['request'];

export const REDACTED = '[redacted]';
/** The most of a body the log keeps, in UTF-8 bytes. */
export const LOGGED_BODY_BYTES = 4096;

/** Headers that carry credentials on every path: the bearer token, session cookies, the connector token. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-switchboard-token',
]);

/**
 * The request as the delivery log keeps it: query and headers as records, the body as text cut
 * to 4 KiB, and every secret shown as `[redacted]`: query and body fields named like a secret
 * (`token`, `password`, … in any case) or in the request's `secretNames`, credential headers and
 * the headers in `secretNames` (a provider's signature). Form and JSON bodies are redacted field
 * by field (JSON at any depth, then written compactly); other bodies are kept as text. Characters
 * no column stores (NUL, unpaired surrogates) become U+FFFD.
 */
export function redactRequest(request: ArrivedRequest): LoggedRequest {
  const secretNames = new Set(request.secretNames.map((name) => name.toLowerCase()));
  const isSecretField = (name: string) => {
    const lower = name.toLowerCase();
    return SECRET_FIELD_NAMES.has(lower) || secretNames.has(lower);
  };
  const isSecretHeader = (name: string) => SECRET_HEADERS.has(name) || secretNames.has(name);

  const target = withoutOrigin(request.url);
  const queryStart = target.indexOf('?');
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query: Record<string, string> = {};
  if (queryStart >= 0) {
    for (const [name, value] of parseFormEncoded(asBinary(target.slice(queryStart + 1)))) {
      query[storable(name)] = isSecretField(name) ? REDACTED : storable(value);
    }
  }

  const headers: Record<string, string> = {};
  let contentType = '';
  for (const [rawName, value] of request.headers) {
    const name = rawName.toLowerCase();
    if (name === 'content-type') contentType = value.toLowerCase();
    headers[storable(name)] = isSecretHeader(name) ? REDACTED : storable(value);
  }

  const body = request.body && request.body.byteLength > 0 ? redactBody(request.body, contentType, isSecretField) : '';
  return { method: storable(request.method), path: storable(path), query, headers, body: cutToBytes(storable(body)) };
}

function redactBody(bytes: Uint8Array, contentType: string, isSecret: (name: string) => boolean): string {
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    return redactFormBody(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), isSecret);
  const text = decodeBytes(bytes, charsetOf(contentType));
  const jsonLike = contentType.includes('json') || (contentType === '' && /^\s*[{[]/.test(text));
  if (!jsonLike) return text;
  try {
    return JSON.stringify(redactJson(JSON.parse(text) as unknown, isSecret));
  } catch {
    return text; // not JSON after all: kept as it came
  }
}

/** The form as it arrived (still percent-encoded), each secret field's value replaced. */
function redactFormBody(binary: string, isSecret: (name: string) => boolean): string {
  const redacted = binary.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    return isSecret(decodeFormComponent(rawName)) ? `${rawName}=${REDACTED}` : pair;
  });
  // What is left is percent-encoded ASCII, or raw bytes a provider sent unencoded.
  return decodeBytes(Buffer.from(redacted.join('&'), 'latin1'));
}

function redactJson(value: unknown, isSecret: (name: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactJson(item, isSecret));
  if (typeof value === 'string') return storable(value);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      storable(key),
      isSecret(key) ? REDACTED : redactJson(inner, isSecret),
    ]),
  );
}

function charsetOf(contentType: string): string | undefined {
  return contentType.match(/charset="?([^";\s]+)/)?.[1];
}

/** A URL's query as one char per byte, as `parseFormEncoded` reads it (raw non-ASCII too). */
function asBinary(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

/** Text any text or jsonb column stores: NUL and unpaired surrogates become U+FFFD. */
export function storable(text: string): string {
  return text.replace(UNSTORABLE, '\ufffd');
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** At most `LOGGED_BODY_BYTES` of UTF-8, never ending inside a character. */
function cutToBytes(text: string): string {
  // Every UTF-16 code unit is at most 3 bytes of UTF-8: shorter texts need no measuring.
  if (text.length * 3 <= LOGGED_BODY_BYTES) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength <= LOGGED_BODY_BYTES) return text;
  let end = LOGGED_BODY_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // back to the start of a character
  return bytes.subarray(0, end).toString('utf8');
}

/** `http://host:port/SMSReceiver?…` as `/SMSReceiver?…`: the route hands over the URL as the request has it. */
function withoutOrigin(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const pathStart = url.indexOf('/', scheme + 3);
  return pathStart < 0 ? '/' : url.slice(pathStart);
}

/**
 * What the log keeps of a request whose SMS (or part) was stored: its method, path and the
 * headers that say who sent it. Its content is the stored SMS itself (the line names it by
 * `smsId`, with the fields as they arrived); keeping it twice would cost every accepted delivery
 * another copy of the request, and the intake its speed.
 */
export function requestOfStoredSms(request: ArrivedRequest): LoggedRequest {
  const target = withoutOrigin(request.url);
  const queryStart = target.indexOf('?');
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'user-agent']) {
    const value = request.headers.get(name);
    if (value) headers[name] = storable(value);
  }
  return {
    method: request.method,
    path: queryStart < 0 ? target : target.slice(0, queryStart),
    query: {},
    headers,
    body: '',
  };
}
