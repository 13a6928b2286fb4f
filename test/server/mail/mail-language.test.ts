import { describe, expect, it } from 'vitest';
import { composeInvitationEmail } from '../../../server/mail/compose-invitation-email';
import { composeMediaEventEmail } from '../../../server/mail/compose-media-event-email';

const invitation = {
  purpose: 'invite' as const,
  displayName: 'Mira',
  email: 'mira@example.test',
  link: 'https://switchboard.example.test/set-password#token=abc',
  expiresAt: new Date('2026-12-05T10:30:00.000Z'),
};
const mediaEvent = {
  mediaEvent: { id: 'm1', subject: '', createdAt: new Date('2026-12-02T08:00:00Z') },
  sms: {
    sender: '+491701234567',
    receiver: '+49301234567',
    message: 'Hallo',
    receivedAt: new Date('2026-12-02T08:00:00Z'),
  },
  groupName: 'Support',
  link: 'https://switchboard.example.test/desk',
};

describe("Switchboard's e-mails speak the recipient's language", () => {
  it('writes an invitation in German to a user who chose German, in English to one who chose none', () => {
    const german = composeInvitationEmail({ ...invitation, language: 'de' });
    expect(german.subject).toBe('Ihr Switchboard-Benutzerkonto');
    expect(german.text).toContain('Hallo Mira,');
    expect(german.text).toContain('Wählen Sie hier Ihr Passwort');
    expect(german.text).toContain(invitation.link);
    const english = composeInvitationEmail({ ...invitation, language: null });
    expect(english.subject).toBe('Your Switchboard account');
    expect(english.text).toContain('The link works once, until 2026-12-05 10:30:00 UTC.');
  });

  it('writes a password reset link in German with the date in German', () => {
    const mail = composeInvitationEmail({ ...invitation, purpose: 'reset', language: 'de' });
    expect(mail.subject).toBe('Neues Switchboard-Passwort festlegen');
    expect(mail.text).toContain('05.12.2026');
    expect(mail.text).toContain('funktioniert Ihr aktuelles Passwort weiter');
  });

  it('writes an SMS e-mail to an agent in their language', () => {
    const german = composeMediaEventEmail({ ...mediaEvent, language: 'de' });
    expect(german.subject).toBe('SMS von +491701234567');
    expect(german.text).toContain('ACD-Gruppe: Support');
    const english = composeMediaEventEmail({ ...mediaEvent, language: null });
    expect(english.subject).toBe('SMS from +491701234567');
    expect(english.text).toContain('ACD group: Support');
  });
});
