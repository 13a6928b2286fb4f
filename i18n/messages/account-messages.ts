import { defineMessages } from './define-messages';

/** The signed-in user's own account: password, sessions, language. */
export const accountMessages = defineMessages(
  {
    changePassword: 'Change password',
    apiKeys: 'API keys',
    signOutEverywhere: 'Sign out everywhere',
    changePasswordTitle: 'Change your password',
    passwordChanged: 'Password changed. You were signed out on every other device.',
    otherSessionsEnd: 'Your other sessions end; this one stays signed in. API keys keep working.',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordAgain: 'New password again',
    enterCurrent: 'Enter your current password',
    doesNotMatch: 'Does not match the new password',
    enterAgain: 'Enter it again',
    signOutEverywhereText:
      'Every session of yours ends, on this and every other device and browser. Use it when you signed in on a computer you no longer use, or think someone else knows your password. API keys keep working; revoke them under API keys.',
    languageNotSaved: 'The language was not saved: {{message}}',
  },
  {
    changePassword: 'Passwort ändern',
    apiKeys: 'API-Schlüssel',
    signOutEverywhere: 'Überall abmelden',
    changePasswordTitle: 'Ihr Passwort ändern',
    passwordChanged: 'Passwort geändert. Sie wurden auf allen anderen Geräten abgemeldet.',
    otherSessionsEnd: 'Ihre anderen Sitzungen enden; diese bleibt angemeldet. API-Schlüssel funktionieren weiter.',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    newPasswordAgain: 'Neues Passwort wiederholen',
    enterCurrent: 'Geben Sie Ihr aktuelles Passwort ein',
    doesNotMatch: 'Stimmt nicht mit dem neuen Passwort überein',
    enterAgain: 'Geben Sie es erneut ein',
    signOutEverywhereText:
      'Alle Ihre Sitzungen enden, auf diesem und allen anderen Geräten und Browsern. Nutzen Sie dies, wenn Sie sich an einem Computer angemeldet haben, den Sie nicht mehr nutzen, oder wenn Sie vermuten, dass jemand anderes Ihr Passwort kennt. API-Schlüssel funktionieren weiter; widerrufen Sie sie unter API-Schlüssel.',
    languageNotSaved: 'Die Sprache wurde nicht gespeichert: {{message}}',
  },
);
