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
  const message = new SegmentedMessage(text, 'auto', false);
  return {
    encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
    segments: text === '' ? 0 : message.segmentsCount,
    characters: message.numberOfCharacters,
  };
}

/** Whether the text needs UCS-2 (a character outside GSM-7's basic and extension tables). */
export const needsUnicode = (text: string) => countSegments(text).encoding === 'UCS-2';
