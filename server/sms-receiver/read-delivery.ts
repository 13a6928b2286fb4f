import { decodeBytes, parseFormEncoded } from './decode-text';

export class DeliveryError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The parameter sources of a delivery, highest precedence first: the body, then the query; and
 * the body's bytes (for the delivery log).
 */
export async function readDeliverySources(
  request: Request,
  maxBytes: number,
): Promise<{ sources: Map<string, string>[]; body: Uint8Array | undefined }> {
  const query = queryString(request.url);
  const sources = [parseFormEncoded(query)];
  if (request.method !== 'POST') return { sources, body: undefined };
  const body = await readBodyBytes(request, maxBytes);
  sources.unshift(await parseBody(body, request.headers.get('content-type') ?? ''));
  return { sources, body };
}

/** The query of a URL as it arrived (without `?` and fragment). */
export function queryString(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end < 0 ? undefined : end);
}

/** The body's bytes, refused with 413 past `maxBytes` before it is read in full. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // With a declared length the HTTP parser bounds the body, and reading it whole is much cheaper
  // than a web stream; a chunked body is counted as it streams in.
  return Number.isFinite(declared) ? new Uint8Array(await request.arrayBuffer()) : await readLimited(request, maxBytes);
}

/** The media type (lower case, no parameters) and the charset of a Content-Type header. */
export function mediaTypeOf(contentType: string): { mediaType: string; charset: string | undefined } {
  return {
    mediaType: contentType.split(';')[0]!.trim().toLowerCase(),
    charset: /charset="?([^";]+)"?/i.exec(contentType)?.[1],
  };
}

async function parseBody(bytes: Uint8Array, contentType: string): Promise<Map<string, string>> {
  if (bytes.length === 0) return new Map();
  const { mediaType, charset } = mediaTypeOf(contentType);
  if (mediaType === 'application/json' || (mediaType !== 'application/x-www-form-urlencoded' && bytes[0] === 0x7b)) {
    return parseJson(decodeBytes(bytes, charset));
  }
  if (mediaType === 'multipart/form-data') return parseMultipart(bytes, contentType);
  // Form encoding, also for providers that send no or a plain content type.
  return parseFormEncoded(Buffer.from(bytes).toString('latin1'), charset);
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function parseJson(text: string): Map<string, string> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DeliveryError(400, 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DeliveryError(400, 'The JSON body must be an object of fields');
  }
  const fields = new Map<string, string>();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields.set(name, value);
    else if (typeof value === 'number' || typeof value === 'boolean') fields.set(name, String(value));
    else if (value !== null) throw new DeliveryError(400, `${name} must be a string`, name);
  }
  return fields;
}

export async function parseMultipart(bytes: Uint8Array, contentType: string): Promise<Map<string, string>> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new DeliveryError(400, 'The multipart body could not be read');
  }
  const fields = new Map<string, string>();
  for (const [name, value] of form) {
    if (fields.has(name)) continue;
    fields.set(name, typeof value === 'string' ? value : decodeBytes(new Uint8Array(await value.arrayBuffer())));
  }
  return fields;
}

function tooLarge(maxBytes: number): DeliveryError {
  return new DeliveryError(413, `The request body is larger than ${maxBytes} bytes`);
}
