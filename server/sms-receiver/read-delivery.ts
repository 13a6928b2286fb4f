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

/** The parameter sources of a delivery, highest precedence first: the body, then the query. */
export async function readDeliverySources(request: Request, maxBytes: number): Promise<Map<string, string>[]> {
  const query = queryString(request.url);
  const sources = [parseFormEncoded(query)];
  if (request.method === 'POST') sources.unshift(await readBody(request, maxBytes));
  return sources;
}

function queryString(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end < 0 ? undefined : end);
}

async function readBody(request: Request, maxBytes: number): Promise<Map<string, string>> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  // With a declared length the HTTP parser bounds the body, and reading it whole is much cheaper
  // than a web stream; a chunked body is counted as it streams in.
  const bytes = Number.isFinite(declared)
    ? new Uint8Array(await request.arrayBuffer())
    : await readLimited(request, maxBytes);
  if (bytes.length === 0) return new Map();

  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const charset = /charset="?([^";]+)"?/i.exec(contentType)?.[1];
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

async function parseMultipart(bytes: Uint8Array, contentType: string): Promise<Map<string, string>> {
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
