import { sql } from 'kysely';
import { languages, type Language } from '../../i18n/languages';
import { mailText } from './mail-text';

/**
 * E-mail to an agent whose SMS delivery is e-mail for each SMS into a conversation they hold.
 * The mail is written to the e-mail outbox by the intake statement itself (see
 * `heldMessageMailSql`), so it is as durable as the SMS: stored together or not at all.
 */
export interface HeldMessageEmail {
  /** The host in Message-IDs (`<sms.ID@host>`, one per SMS: a repeat is not written twice). */
  domain: string;
  /** Where users reach Switchboard (SWITCHBOARD_PUBLIC_URL, or the address it listens on). */
  baseUrl: () => string;
}

/** One language's mail as `format()` templates: %1$s text, %2$s sender, %3$s receiver, %4$s time, %5$s link. */
interface MailTemplate {
  subject: string;
  body: string;
  /** A `to_char` pattern for the time it arrived, in UTC. */
  time: string;
}

const TIME_PATTERNS: Record<Language, string> = {
  en: 'YYYY-MM-DD HH24:MI:SS "UTC"',
  de: 'DD.MM.YYYY, HH24:MI "UTC"',
};

/** Stand-ins the catalog's texts are rendered with, replaced by `format()` positions afterwards. */
const SLOTS = {
  text: '\u0001text\u0001',
  sender: '\u0001sender\u0001',
  receiver: '\u0001receiver\u0001',
  time: '\u0001time\u0001',
  link: '\u0001link\u0001',
};
const POSITIONS: Record<keyof typeof SLOTS, string> = {
  text: '%1$s',
  sender: '%2$s',
  receiver: '%3$s',
  time: '%4$s',
  link: '%5$s',
};

/** A rendered text as a `format()` template: its own `%` doubled, the stand-ins turned into positions. */
function asFormat(rendered: string): string {
  let template = rendered.replace(/%/g, '%%');
  for (const [slot, marker] of Object.entries(SLOTS))
    template = template.split(marker).join(POSITIONS[slot as keyof typeof SLOTS]);
  return template;
}

function templateFor(language: Language): MailTemplate {
  const t = mailText(language);
  const body = [
    t('mail.conversationMessage.intro', { sender: SLOTS.sender }),
    '',
    SLOTS.text,
    '',
    t('mail.conversationMessage.from', { value: SLOTS.sender }),
    t('mail.conversationMessage.to', { value: SLOTS.receiver }),
    t('mail.conversationMessage.received', { value: SLOTS.time }),
    '',
    t('mail.conversationMessage.answer', { link: SLOTS.link }),
    '',
    '-- ',
    t('mail.conversationMessage.footer'),
  ].join('\n');
  return {
    subject: asFormat(t('mail.conversationMessage.subject', { sender: SLOTS.sender })),
    body: asFormat(body),
    time: TIME_PATTERNS[language],
  };
}

/** Every language's template, as the JSON the statement reads (composed once). */
const TEMPLATES = JSON.stringify(Object.fromEntries(languages.map((language) => [language, templateFor(language)])));

/** The desk's link to a conversation. */
export const conversationLink = (baseUrl: string, conversationId: string) =>
  `${baseUrl}/desk?conversation=${conversationId}`;

/**
 * CTEs for the intake statement: `held_mail` (the inserted SMS that joined a conversation held by
 * an active agent whose delivery is e-mail) and the outbox rows written for them. Reads the CTEs
 * `sms` (the inserted rows) and `threaded` (their input with `held_by`). The customer's text and
 * numbers are `format()` arguments, never part of a template.
 */
export function heldMessageMailSql(mail: HeldMessageEmail) {
  const link = conversationLink(mail.baseUrl(), '');
  return sql`held_mail as (
      select gen_random_uuid() as id, sms.id as sms_id, sms.client_id, u.email, sms.received_at, t.message, t.sender,
        t.receiver, ${link}::text || sms.conversation_id as link,
        coalesce(${TEMPLATES}::jsonb -> u.language, ${TEMPLATES}::jsonb -> 'en') as tpl
      from sms join threaded t on t.id = sms.id
      join app_user u on u.id = t.held_by
      where t.held_by is not null and u.sms_delivery = 'email' and u.active
    ), held_mail_written as (
      insert into email_outbox (id, client_id, message_id, to_address, subject, text_body)
      select id, client_id, '<sms.' || sms_id || '@' || ${mail.domain}::text || '>', email,
        format(tpl->>'subject', message, sender, receiver, to_char(received_at at time zone 'UTC', tpl->>'time'), link),
        format(tpl->>'body', message, sender, receiver, to_char(received_at at time zone 'UTC', tpl->>'time'), link)
      from held_mail
      on conflict (message_id) do nothing
    )`;
}
