import type { Localized } from '../../i18n/languages';
import { SMS_FIELDS, type SmsField, type WorkflowSms } from './sms';

/**
 * Values a workflow reads from the SMS that the SMS does not carry as such: computed from its
 * fields when a node reads them (`sms.firstWord` in a switch, `{{sms.firstWord}}` in a template).
 */
export const DERIVED_SMS_VALUES = {
  firstWord: (sms: WorkflowSms) => firstWordOf(sms.text),
} as const satisfies Record<string, (sms: WorkflowSms) => string>;

export type DerivedSmsValue = keyof typeof DERIVED_SMS_VALUES;

/** Everything after `sms.` a node may read: the SMS's fields, then the derived values. */
export const SMS_VALUES = [...SMS_FIELDS, ...(Object.keys(DERIVED_SMS_VALUES) as DerivedSmsValue[])] as const;
export type SmsValue = SmsField | DerivedSmsValue;

const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

/**
 * The first word of a text: up to the first whitespace, without the punctuation around it
 * ("VIP, please call" → "VIP", "«Stop»" → "Stop"); its case is kept, so a switch compares it as
 * its "Ignore upper/lower case" setting says. A text without a word gives "".
 */
export function firstWordOf(text: string): string {
  const [word = ''] = text.trim().split(/\s/u, 1);
  return word.replace(EDGE_PUNCTUATION, '');
}

/** What a form names each SMS value ("keyword") and says of it where a node asks which value to read. */
export const SMS_VALUE_WORDS: Readonly<Record<SmsValue, { name: Localized; description: Localized }>> = {
  sender: {
    name: { en: 'sender', de: 'Absender' },
    description: { en: 'The number the SMS came from', de: 'Die Nummer, von der die SMS kam' },
  },
  receiver: {
    name: { en: 'receiver', de: 'Empfänger' },
    description: { en: 'The number the SMS was sent to', de: 'Die Nummer, an die die SMS ging' },
  },
  text: {
    name: { en: 'text', de: 'Text' },
    description: { en: 'The whole text of the SMS', de: 'Der ganze Text der SMS' },
  },
  keyword: {
    name: { en: 'keyword', de: 'Schlüsselwort' },
    description: {
      en:
        'The keyword field some providers send beside the text (a short code’s keyword); often empty. ' +
        'For the first word of the text, use sms.firstWord',
      de:
        'Das Schlüsselwort-Feld, das manche Anbieter neben dem Text senden (das Keyword einer Kurzwahl); oft leer. ' +
        'Für das erste Wort des Textes nutzen Sie sms.firstWord',
    },
  },
  connectorId: {
    name: { en: 'connector', de: 'Connector' },
    description: {
      en: 'The id of the connector that received the SMS',
      de: 'Die ID des Connectors, der die SMS empfing',
    },
  },
  receivedAt: {
    name: { en: 'received at', de: 'Empfangszeit' },
    description: {
      en: 'When the SMS arrived (ISO 8601, UTC)',
      de: 'Wann die SMS ankam (ISO 8601, UTC)',
    },
  },
  firstWord: {
    name: { en: 'first word', de: 'erstes Wort' },
    description: {
      en: 'The first word of the text, without punctuation around it: “VIP” in “VIP, please call me back”',
      de: 'Das erste Wort des Textes, ohne Satzzeichen darum: „VIP“ in „VIP, bitte rufen Sie zurück“',
    },
  },
};
