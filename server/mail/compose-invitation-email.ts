/** A new user's first password, or a new one for a user who lost theirs. */
export type InvitationPurpose = 'invite' | 'reset';

export interface InvitationEmailInput {
  purpose: InvitationPurpose;
  displayName: string;
  email: string;
  link: string;
  expiresAt: Date;
}

/** The e-mail with a one-time link to set one's Switchboard password. */
export function composeInvitationEmail(input: InvitationEmailInput): { subject: string; text: string } {
  const until = input.expiresAt
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  const invite = input.purpose === 'invite';
  return {
    subject: invite ? 'Your Switchboard account' : 'Set a new Switchboard password',
    text: [
      `Hello ${input.displayName},`,
      '',
      invite
        ? `an account was created for you in Switchboard (${input.email}). Choose your password here:`
        : `an administrator asked for you to set a new Switchboard password (${input.email}). Set it here:`,
      '',
      input.link,
      '',
      `The link works once, until ${until}.`,
      invite ? '' : 'Until you use it, your current password keeps working.',
      '-- ',
      'Sent by Switchboard. If you did not expect this e-mail, you can ignore it.',
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  };
}
