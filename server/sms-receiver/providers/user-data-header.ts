/**
 * The concatenation element of an SMS user data header (3GPP TS 23.040 §9.2.3.24.1 and .8):
 * where one part of a multipart SMS belongs.
 */
export interface Concatenation {
  /** The sender's reference of the whole message, the same in all its parts. */
  ref: number;
  /** 8 for IEI 0x00 (one reference byte), 16 for IEI 0x08 (two). */
  refBits: 8 | 16;
  total: number;
  /** 1-based. */
  index: number;
}

const IEI_CONCAT_8BIT_REF = 0x00;
const IEI_CONCAT_16BIT_REF = 0x08;

/**
 * Reads the concatenation element out of a hex user data header, with or without its leading
 * length byte (UDHL), as providers send it: `050003CC0201` and `0003CC0201` are part 1 of 2 of
 * message 0xCC. Other elements (port addressing, national language shift, ...) are skipped.
 * Null when there is no usable concatenation element, or the header is no header at all: it never
 * throws on garbage.
 */
export function parseUserDataHeader(hex: string): Concatenation | null {
  const bytes = hexBytes(hex);
  if (!bytes || bytes.length === 0) return null;
  // A header that reads well-formed after its length byte is taken as one that has it.
  const withLength = bytes[0] === bytes.length - 1 ? concatenationIn(bytes.subarray(1)) : undefined;
  if (withLength !== undefined) return withLength;
  return concatenationIn(bytes) ?? null;
}

function hexBytes(hex: string): Uint8Array | null {
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

/**
 * Walks the information elements (IEI, length, data). Undefined when they do not fill the bytes
 * exactly (not a header read this way), null when they do but carry no valid concatenation.
 */
function concatenationIn(elements: Uint8Array): Concatenation | null | undefined {
  let found: Concatenation | null = null;
  let offset = 0;
  while (offset < elements.length) {
    const iei = elements[offset]!;
    const length = elements[offset + 1];
    if (length === undefined || offset + 2 + length > elements.length) return undefined;
    const data = elements.subarray(offset + 2, offset + 2 + length);
    found ??= concatenationElement(iei, data);
    offset += 2 + length;
  }
  return found;
}

function concatenationElement(iei: number, data: Uint8Array): Concatenation | null {
  let element: Concatenation;
  if (iei === IEI_CONCAT_8BIT_REF && data.length === 3) {
    element = { ref: data[0]!, refBits: 8, total: data[1]!, index: data[2]! };
  } else if (iei === IEI_CONCAT_16BIT_REF && data.length === 4) {
    element = { ref: (data[0]! << 8) | data[1]!, refBits: 16, total: data[2]!, index: data[3]! };
  } else {
    return null;
  }
  // TS 23.040: a total or index of 0, or an index beyond the total, makes the element void.
  return element.total >= 1 && element.index >= 1 && element.index <= element.total ? element : null;
}
