import { SegmentedMessage } from 'sms-segments-calculator';

// How an SMS text is sent: its encoding and its segments. GSM-7 carries 160 characters in one
// SMS, 153 a part once split; UCS-2 carries 70, or 67 a part. Counted by `sms-segments-calculator`
// (Twilio's own segment calculator), which knows the GSM-7 extension table (`€`, `{` take two
// septets) and emoji as two UCS-2 code units. Pure: the reply box and the drivers read it alike.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/**
 * The most SMS one message may go out as: 10 segments, 1,530 GSM-7 characters or 670 UCS-2 ones.
 * Longer texts are refused rather than cut: providers join at most 10 parts reliably (Twilio
 * recommends at most 10), and a customer-service reply longer than that is a mistake.
 */
export const MAX_SEGMENTS = 10;
/** The most characters a text of MAX_SEGMENTS can hold (GSM-7, 153 a part): a cheap bound before counting. */
export const MAX_SMS_CHARACTERS = MAX_SEGMENTS * 153;

export interface SmsSegments {
  encoding: SmsEncoding;
  /** How many SMS the text goes out as. */
  segments: number;
  /** The characters as the user sees them (an emoji is one). */
  characters: number;
}

export function countSegments(text: string): SmsSegments {
  const gsm7 = countGsm7(text);
  if (gsm7) return gsm7;
  const message = new SegmentedMessage(text, 'auto', false);
  return {
    encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
    segments: text === '' ? 0 : message.segmentsCount,
    characters: message.numberOfCharacters,
  };
}

/** Whether the text needs UCS-2 (a character outside GSM-7's basic and extension tables). */
export const needsUnicode = (text: string) => countSegments(text).encoding === 'UCS-2';

/** GSM-7's basic table (one septet each) and its extension table (an escape and a septet), as the library reads them. */
const GSM7_BASIC = new Set(
  '\n\r !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz¡£¤¥§¿ÄÅÆÇÉÑÖØÜßàäåæèéìñòöøùüΓΔΘΛΞΠΣΦΨΩ',
);
const GSM7_EXTENSION = new Set('\f[\\]^{|}~€');
const SEPTETS_SINGLE = 160;
const SEPTETS_PER_PART = 153;

/**
 * The count of a text written in GSM-7's tables alone, the common case, without the library's
 * per-character objects (about 190 µs a reply there, a few here); undefined for any other text, and
 * for one with a CR (the library reads CR LF as one grapheme). A part holds 153 septets and an
 * extension character is never split across two. Checked against the library in
 * test/contract/sms-segments.test.ts.
 */
function countGsm7(text: string): SmsSegments | undefined {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\r') return undefined;
    if (GSM7_BASIC.has(ch)) septets += 1;
    else if (GSM7_EXTENSION.has(ch)) septets += 2;
    else return undefined;
  }
  if (septets <= SEPTETS_SINGLE) return { encoding: 'GSM-7', segments: septets === 0 ? 0 : 1, characters: septets };
  let segments = 1;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const size = GSM7_EXTENSION.has(text[i]!) ? 2 : 1;
    if (used + size > SEPTETS_PER_PART) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding: 'GSM-7', segments, characters: septets };
}
