import type { MediaEventEmailInput } from '../acd/dispatch-groups';
import { formatMailTime, mailText, recipientLanguage } from './mail-text';

export interface ComposedEmail {
  subject: string;
  text: string;
  /** RFC 5322 Message-ID, the same for every attempt to send this media event to this agent. */
  messageId: string;
}

/** The e-mail an agent whose SMS delivery is `email` receives for a media event, in the agent's language. */
export function composeMediaEventEmail(input: MediaEventEmailInput & { domain?: string }): ComposedEmail {
  const { mediaEvent, sms } = input;
  const language = recipientLanguage(input.language);
  const t = mailText(language);
  const subject = mediaEvent.subject.trim() || t('mail.mediaEvent.subject', { sender: sms.sender });
  const text = [
    `${subject}`,
    '',
    sms.message,
    '',
    t('mail.mediaEvent.from', { value: sms.sender }),
    t('mail.mediaEvent.to', { value: sms.receiver }),
    t('mail.mediaEvent.received', { value: formatMailTime(sms.receivedAt, language) }),
    t('mail.mediaEvent.group', { value: input.groupName }),
    '',
    input.linkAnswers
      ? t('mail.conversationMessage.answer', { link: input.link })
      : t('mail.mediaEvent.open', { link: input.link }),
    '',
    '-- ',
    t('mail.mediaEvent.footer'),
  ].join('\n');
  return { subject, text, messageId: `<media-event.${mediaEvent.id}@${input.domain ?? 'switchboard.invalid'}>` };
}
