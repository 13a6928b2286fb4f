import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { renderTemplate } from '../templates/render-template';
import { templateField } from './fields';
import { saying } from '../node-types/check-words';

// One class on each side of the single `@`, and the domain's dot looked for apart: a regex
// `[^…]+\.[^…]+$` would try every dot of a long domain over again.
const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+$/;

function isAddress(address: string): boolean {
  if (!ADDRESS.test(address)) return false;
  const domain = address.slice(address.indexOf('@') + 1);
  return domain.slice(1, -1).includes('.');
}

/** Addresses separated by commas, semicolons or spaces. */
export function splitAddresses(to: string): string[] {
  return to
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean);
}

const sendEmailConfig = z.strictObject({
  to: z
    .string()
    .max(2_000)
    .superRefine((to, ctx) => {
      const addresses = splitAddresses(to);
      if (addresses.length === 0)
        ctx.addIssue({
          code: 'custom',
          ...saying({ en: 'Enter at least one e-mail address', de: 'Geben Sie mindestens eine E-Mail-Adresse ein' }),
        });
      if (addresses.length > 20)
        ctx.addIssue({ code: 'custom', ...saying({ en: 'At most 20 addresses', de: 'Höchstens 20 Adressen' }) });
      for (const address of addresses) {
        if (!isAddress(address))
          ctx.addIssue({
            code: 'custom',
            ...saying({ en: `"${address}" is not an e-mail address`, de: `„${address}“ ist keine E-Mail-Adresse` }),
          });
      }
    })
    .prefault('')
    .meta({ ui: { title: { en: 'To (addresses, comma-separated)', de: 'An (Adressen, durch Kommas getrennt)' } } }),
  subject: templateField(
    {
      title: { en: 'Subject', de: 'Betreff' },
      initial: { en: 'SMS from {{sms.sender}}', de: 'SMS von {{sms.sender}}' },
    },
    500,
  ).default('SMS from {{sms.sender}}'),
  text: templateField({ title: { en: 'Text', de: 'Text' }, rows: 3 }, 20_000).default(
    '{{sms.text}}\n\nFrom {{sms.sender}} to {{sms.receiver}} at {{sms.receivedAt}}',
  ),
});

export const sendEmailNode = defineNodeType({
  type: 'send_email',
  kind: 'effect',
  label: { en: 'Send e-mail', de: 'E-Mail senden' },
  category: 'integration',
  description: {
    en:
      'Notifies addresses with a templated e-mail and goes on. The e-mail is stored with the run and sent, ' +
      'retried if need be, by the mail service; the run does not wait for the mail server.',
    de:
      'Benachrichtigt Adressen mit einer E-Mail aus einer Vorlage und geht weiter. Die E-Mail wird mit dem Lauf ' +
      'gespeichert und vom Mail-Dienst gesendet, notfalls erneut; der Lauf wartet nicht auf den Mailserver.',
  },
  icon: 'mail',
  config: sendEmailConfig,
  ports: ['next'],
  portLabels: { next: { en: 'next', de: 'weiter' } },
  summarize: (config, language) => {
    const to = splitAddresses(config.to).join(', ') || '…';
    return { en: `To ${to}: "${config.subject}"`, de: `An ${to}: „${config.subject}“` }[language];
  },
  async run(context, config) {
    const message = {
      to: splitAddresses(config.to),
      subject: renderTemplate(config.subject, context)
        .replace(/[\r\n]+/g, ' ')
        .slice(0, 500),
      text: renderTemplate(config.text, context),
    };
    try {
      await context.services.email.send(message, { nodeId: context.nodeId });
      return { port: 'next' };
    } catch (error) {
      // A notification that could not even be queued must not stop the SMS from being routed.
      return {
        port: 'next',
        error: `The e-mail could not be queued: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  },
});
