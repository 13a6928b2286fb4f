import type { MediaEventEmailInput } from '../acd/dispatch-groups';

export interface ComposedEmail {
  subject: string;
  text: string;
  /** RFC 5322 Message-ID, the same for every attempt to send this media event to this agent. */
  messageId: string;
}

/** The e-mail an agent whose SMS delivery is `email` receives for a media event. */
export function composeMediaEventEmail(input: MediaEventEmailInput & { domain?: string }): ComposedEmail {
  const { mediaEvent, sms } = input;
  const subject = mediaEvent.subject.trim() || `SMS from ${sms.sender}`;
  const received = sms.receivedAt.toISOString();
  const text = [
    `${subject}`,
    '',
    sms.message,
    '',
    `From:      ${sms.sender}`,
    `To:        ${sms.receiver}`,
    `Received:  ${received.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`,
    `ACD group: ${input.groupName}`,
    '',
    `Open it in Switchboard: ${input.link}`,
    '',
    '-- ',
    'Sent by Switchboard because your SMS delivery is set to e-mail.',
  ].join('\n');
  return { subject, text, messageId: `<media-event.${mediaEvent.id}@${input.domain ?? 'switchboard.invalid'}>` };
}
