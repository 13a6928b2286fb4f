import type { Language } from '../../i18n/languages';
import { formatMailTime, mailText, recipientLanguage } from './mail-text';

/** A new user's first password, or a new one for a user who lost theirs. */
export type InvitationPurpose = 'invite' | 'reset';

export interface InvitationEmailInput {
  purpose: InvitationPurpose;
  displayName: string;
  email: string;
  link: string;
  expiresAt: Date;
  /** The recipient's language; English when they chose none. */
  language?: Language | null | undefined;
}

/** The e-mail with a one-time link to set one's Switchboard password, in the recipient's language. */
export function composeInvitationEmail(input: InvitationEmailInput): { subject: string; text: string } {
  const language = recipientLanguage(input.language);
  const t = mailText(language);
  const invite = input.purpose === 'invite';
  return {
    subject: invite ? t('mail.invitation.inviteSubject') : t('mail.invitation.resetSubject'),
    text: [
      t('mail.invitation.hello', { name: input.displayName }),
      '',
      invite ? t('mail.invitation.invite', { email: input.email }) : t('mail.invitation.reset', { email: input.email }),
      '',
      input.link,
      '',
      t('mail.invitation.worksOnce', { until: formatMailTime(input.expiresAt, language) }),
      invite ? '' : t('mail.invitation.currentKeepsWorking'),
      '-- ',
      t('mail.invitation.footer'),
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  };
}
