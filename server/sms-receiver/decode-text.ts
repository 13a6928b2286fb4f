const utf8 = new TextDecoder('utf-8', { fatal: true });

type Decode = (bytes: Uint8Array) => string;

/**
 * Windows-1252's characters for the bytes 0x80–0x9F (the WHATWG index), where Latin-1 has control
 * codes. Node's own decoder reads them as those control codes since 20.18.3 (nodejs/node#60888),
 * which would turn a euro sign or a quote into an invisible character.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const windows1252: Decode = (bytes) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * Decodes bytes as the provider meant them: the declared charset when there is one, else UTF-8,
 * and Windows-1252 (a superset of ISO-8859-1) for the providers that send Latin-1 without saying
 * so. Never throws: a delivery never fails because of its encoding.
 */
export function decodeBytes(bytes: Uint8Array, charset?: string): string {
  if (charset) {
    const declared = decoderFor(charset);
    if (declared) return declared(bytes);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

const decoders = new Map<string, Decode | null>();

function decoderFor(charset: string): Decode | null {
  const key = charset.toLowerCase();
  if (key === 'utf-8' || key === 'utf8') return null; // with the Latin-1 fallback above
  if (!decoders.has(key)) {
    try {
      const decoder = new TextDecoder(key);
      // ISO-8859-1, latin1, US-ASCII and more are Windows-1252 by the WHATWG labels.
      decoders.set(key, decoder.encoding === 'windows-1252' ? windows1252 : (bytes) => decoder.decode(bytes));
    } catch {
      decoders.set(key, null);
    }
  }
  return decoders.get(key) ?? null;
}

/**
 * Parses `a=1&b=%C3%A4+x` (a query string or a form body held as one char per byte) into
 * fields. Percent escapes are bytes, `+` is a space, and each value is decoded as a whole so
 * multi-byte characters survive.
 */
export function parseFormEncoded(binary: string, charset?: string): Map<string, string> {
  const fields = new Map<string, string>();
  if (binary.length === 0) return fields;
  for (const pair of binary.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq), charset);
    const value = eq < 0 ? '' : decodeFormComponent(pair.slice(eq + 1), charset);
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}

/** One name or value of form encoding: percent escapes are bytes, `+` is a space. */
export function decodeFormComponent(binary: string, charset?: string): string {
  if (!/[%+\u0080-\u00ff]/.test(binary)) return binary;
  if (isUtf8(charset) && !/[\u0080-\u00ff]/.test(binary)) {
    // Escapes only: the engine's decoder reads them as UTF-8, and refuses what is not (an
    // unescaped % or Latin-1 bytes), which the byte-wise path below then reads as it should.
    try {
      const text = decodeURIComponent(binary.replaceAll('+', ' '));
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // as TextDecoder drops a BOM
    } catch {
      // fall through
    }
  }
  const bytes = new Uint8Array(binary.length);
  let length = 0;
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    if (code === 0x25 /* % */ && isHex(binary.charCodeAt(i + 1)) && isHex(binary.charCodeAt(i + 2))) {
      bytes[length++] = Number.parseInt(binary.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      bytes[length++] = code === 0x2b /* + */ ? 0x20 : code & 0xff;
    }
  }
  return decodeBytes(bytes.subarray(0, length), charset);
}

const isUtf8 = (charset: string | undefined) =>
  charset === undefined || charset.toLowerCase() === 'utf-8' || charset.toLowerCase() === 'utf8';

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}
