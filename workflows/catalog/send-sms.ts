import { z } from 'zod';
import { says } from '../node-types/check-words';
import { defineNodeType } from '../node-types/define-node-type';
import { readValue, renderTemplate, VALUE_PATH } from '../templates/render-template';
import { templateField, variableNameField } from './fields';

/** The most characters a message may have: ten concatenated SMS of GSM-7, the send path's limit counts segments. */
export const SMS_TEXT_MAX = 1_530;

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * The number a value names, in E.164, or undefined: spaces, dashes, dots, slashes and brackets
 * are left out and a leading 00 reads as +; nothing else is guessed (no country prefix).
 */
export function recipientNumber(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const compact = String(value).replace(/[\s\-./()]/g, '');
  const number = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return E164.test(number) ? number : undefined;
}

const sendSmsConfig = z.strictObject({
  text: templateField(
    {
      title: { en: 'Text', de: 'Text' },
      rows: 3,
      initial: {
        en: 'Thank you for your message. We will answer as soon as we can.',
        de: 'Danke für Ihre Nachricht. Wir antworten so bald wie möglich.',
      },
    },
    SMS_TEXT_MAX,
  )
    .refine((text) => text.trim() !== '', {
      error: says({ en: 'Enter the text to send', de: 'Geben Sie den Text ein, der gesendet wird' }),
    })
    .default('Thank you for your message. We will answer as soon as we can.'),
  /** Where the number comes from: the SMS's sender, or a variable (an HTTP request's answer). */
  to: z
    .string()
    .regex(VALUE_PATH, {
      error: says({
        en: 'Name where the number is: sms.sender or a variable (vars.name)',
        de: 'Geben Sie an, wo die Nummer steht: sms.sender oder eine Variable (vars.name)',
      }),
    })
    .meta({
      ui: {
        title: { en: 'To (the number in)', de: 'An (die Nummer in)' },
        widget: 'value-path',
        wide: true,
        description: {
          en: 'sms.sender answers the sender, in their conversation; a variable must hold a number in international format (+49…)',
          de: 'sms.sender antwortet dem Absender, in seiner Konversation; eine Variable muss eine Nummer im internationalen Format (+49…) enthalten',
        },
      },
    })
    .default('sms.sender'),
  /** Empty: the send connector of the connector the SMS came in on. */
  sendConnectorId: z
    .union([
      z.uuid({ error: says({ en: 'Choose a send connector', de: 'Wählen Sie einen Sende-Connector' }) }),
      z.literal(''),
    ])
    .default('')
    .meta({
      ui: {
        title: { en: 'Send connector', de: 'Sende-Connector' },
        widget: 'send-connector',
        description: {
          en: 'Empty: the send connector of the connector the SMS came in on',
          de: 'Leer: der Sende-Connector des Connectors, über den die SMS kam',
        },
      },
    }),
  /** The variable that gets the reason when the message cannot be sent. */
  errorVariable: variableNameField({
    en: 'Save the reason of an error as',
    de: 'Grund eines Fehlers speichern als',
  }).default('sendError'),
});

export type SendSmsConfig = z.output<typeof sendSmsConfig>;

export const sendSmsNode = defineNodeType({
  type: 'send_sms',
  kind: 'effect',
  label: { en: 'Send SMS', de: 'SMS senden' },
  category: 'integration',
  description: {
    en:
      'Answers with a templated SMS, to the sender (in their conversation) or to a number from a variable. ' +
      'Leaves by "sent" once the message is stored for sending, by "error" when it cannot go out (no send ' +
      'connector, not a number, an opted-out recipient, …); the reason goes into a variable. A simulation only records it.',
    de:
      'Antwortet mit einer SMS aus einer Vorlage, an den Absender (in seiner Konversation) oder an eine Nummer aus ' +
      'einer Variable. Geht über „gesendet“ weiter, sobald die Nachricht zum Senden gespeichert ist, über „Fehler“, ' +
      'wenn sie nicht hinaus kann (kein Sende-Connector, keine Nummer, ein abgemeldeter Empfänger, …); der Grund ' +
      'kommt in eine Variable. Eine Simulation zeichnet sie nur auf.',
  },
  icon: 'send',
  config: sendSmsConfig,
  ports: ['sent', 'error'],
  portLabels: { sent: { en: 'sent', de: 'gesendet' }, error: { en: 'error', de: 'Fehler' } },
  summarize: (config, language) => {
    const to = config.to === 'sms.sender' ? { en: 'the sender', de: 'den Absender' }[language] : config.to;
    const text = config.text.length > 40 ? `${config.text.slice(0, 40)}…` : config.text;
    return { en: `To ${to}: "${text}"`, de: `An ${to}: „${text}“` }[language];
  },
  async run(context, config) {
    const failed = (reason: string, message: string) => ({
      port: 'error',
      vars: { [config.errorVariable]: reason },
      error: message,
    });
    // Placeholders are filled in as text: whatever the SMS or a variable holds is never run.
    const text = renderTemplate(config.text, context).slice(0, SMS_TEXT_MAX);
    if (text.trim() === '') return failed('emptyText', 'The text is empty once its placeholders are filled in');
    const value = readValue(context, config.to);
    const to = recipientNumber(value);
    if (to === undefined) {
      const shown = typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 40) : typeof value;
      return failed('invalidRecipient', `${config.to} (${shown}) is not a phone number in international format`);
    }
    try {
      const result = await context.services.sms.send(
        { to, text, sendConnectorId: config.sendConnectorId === '' ? null : config.sendConnectorId },
        { nodeId: context.nodeId },
      );
      return result.sent ? { port: 'sent' } : failed(result.reason, result.message);
    } catch (error) {
      return failed(
        'sendFailed',
        `The SMS could not be stored: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  },
});
