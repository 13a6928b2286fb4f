import { defineMessages } from './define-messages';

/** Switchboard's e-mails, in the recipient's language. */
export const mailMessages = defineMessages(
  {
    invitation: {
      inviteSubject: 'Your Switchboard account',
      resetSubject: 'Set a new Switchboard password',
      hello: 'Hello {{name}},',
      invite: 'an account was created for you in Switchboard ({{email}}). Choose your password here:',
      reset: 'an administrator asked for you to set a new Switchboard password ({{email}}). Set it here:',
      worksOnce: 'The link works once, until {{until}}.',
      currentKeepsWorking: 'Until you use it, your current password keeps working.',
      footer: 'Sent by Switchboard. If you did not expect this e-mail, you can ignore it.',
    },
    mediaEvent: {
      subject: 'SMS from {{sender}}',
      from: 'From:      {{value}}',
      to: 'To:        {{value}}',
      received: 'Received:  {{value}}',
      group: 'ACD group: {{value}}',
      open: 'Open it in Switchboard: {{link}}',
      footer: 'Sent by Switchboard because your SMS delivery is set to e-mail.',
    },
    conversationMessage: {
      subject: 'New SMS from {{sender}} in your conversation',
      intro: '{{sender}} wrote again in the conversation you hold:',
      from: 'From:     {{value}}',
      to: 'To:       {{value}}',
      received: 'Received: {{value}}',
      answer: 'Answer in the agent desk: {{link}}',
      footer: 'Sent by Switchboard because you hold this conversation and your SMS delivery is set to e-mail.',
    },
  },
  {
    invitation: {
      inviteSubject: 'Ihr Switchboard-Benutzerkonto',
      resetSubject: 'Neues Switchboard-Passwort festlegen',
      hello: 'Hallo {{name}},',
      invite: 'für Sie wurde ein Benutzerkonto in Switchboard angelegt ({{email}}). Wählen Sie hier Ihr Passwort:',
      reset:
        'ein Administrator bittet Sie, ein neues Switchboard-Passwort festzulegen ({{email}}). Legen Sie es hier fest:',
      worksOnce: 'Der Link funktioniert einmal, bis {{until}}.',
      currentKeepsWorking: 'Bis Sie ihn nutzen, funktioniert Ihr aktuelles Passwort weiter.',
      footer: 'Gesendet von Switchboard. Wenn Sie diese E-Mail nicht erwartet haben, können Sie sie ignorieren.',
    },
    mediaEvent: {
      subject: 'SMS von {{sender}}',
      from: 'Von:        {{value}}',
      to: 'An:         {{value}}',
      received: 'Empfangen:  {{value}}',
      group: 'ACD-Gruppe: {{value}}',
      open: 'In Switchboard öffnen: {{link}}',
      footer: 'Gesendet von Switchboard, weil Ihre SMS-Zustellung auf E-Mail eingestellt ist.',
    },
    conversationMessage: {
      subject: 'Neue SMS von {{sender}} in Ihrer Konversation',
      intro: '{{sender}} hat in der Konversation, die Sie betreuen, erneut geschrieben:',
      from: 'Von:       {{value}}',
      to: 'An:        {{value}}',
      received: 'Empfangen: {{value}}',
      answer: 'Am Agenten-Arbeitsplatz antworten: {{link}}',
      footer:
        'Gesendet von Switchboard, weil Sie diese Konversation betreuen und Ihre SMS-Zustellung auf E-Mail eingestellt ist.',
    },
  },
);
