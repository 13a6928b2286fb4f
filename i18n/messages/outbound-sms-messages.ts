import { defineMessages } from './define-messages';

/** Outbound SMS: why one cannot be queued, and what a delivery report did (the delivery log). */
export const outboundSmsMessages = defineMessages(
  {
    refused: {
      noSendConnector: 'There is no send connector {{id}}',
      otherClient: 'The send connector belongs to another client',
      emptyText: 'The text is empty',
      textTooLong: 'The text needs {{segments}} SMS; at most {{max}} go out as one message',
      badRecipient: 'The recipient {{to}} is not a number in E.164 (a + and 8 to 15 digits)',
      noSender: 'There is no sender: the message names none and the send connector has no default sender',
      badSender:
        'The sender {{from}} is neither a number in E.164 nor an alphanumeric id of 1 to 11 letters and digits',
      alphanumericSender:
        'The {{driver}} driver cannot send from an alphanumeric sender such as {{from}}; use a number',
      // Opt-out (issue 15).
      optedOut: 'The recipient {{to}} opted out: nothing is sent to them until they opt in again',
    },
    report: {
      applied: 'A delivery report: the outbound SMS {{id}} is now {{status}}',
      unknownMessage:
        'A delivery report for {{messageId}}, which no outbound SMS of this send connector has: acknowledged, nothing changed',
      stale:
        'A delivery report saying {{status}} for an outbound SMS already {{current}}: acknowledged, nothing changed',
      interim: 'A delivery report with the interim status {{status}}: acknowledged, nothing changed',
      unknownConnector: 'There is no {{provider}} send connector {{id}}',
      noCredentials: 'The send connector has no credentials to check the report’s signature with',
      badToken: 'The report’s token is missing or wrong',
    },
  },
  {
    refused: {
      noSendConnector: 'Es gibt keinen Sendekonnektor {{id}}',
      otherClient: 'Der Sendekonnektor gehört einem anderen Mandanten',
      emptyText: 'Der Text ist leer',
      textTooLong: 'Der Text braucht {{segments}} SMS; höchstens {{max}} gehen als eine Nachricht hinaus',
      badRecipient: 'Der Empfänger {{to}} ist keine Nummer in E.164 (ein + und 8 bis 15 Ziffern)',
      noSender:
        'Es gibt keinen Absender: die Nachricht nennt keinen, und der Sendekonnektor hat keinen Standardabsender',
      badSender:
        'Der Absender {{from}} ist weder eine Nummer in E.164 noch eine alphanumerische Kennung aus 1 bis 11 Buchstaben und Ziffern',
      alphanumericSender:
        'Der Treiber {{driver}} kann nicht von einem alphanumerischen Absender wie {{from}} senden; nehmen Sie eine Nummer',
      // Opt-out (issue 15).
      optedOut: 'Der Empfänger {{to}} hat sich abgemeldet: Ihm wird nichts gesendet, bis er sich wieder anmeldet',
    },
    report: {
      applied: 'Ein Zustellbericht: die ausgehende SMS {{id}} ist jetzt {{status}}',
      unknownMessage:
        'Ein Zustellbericht für {{messageId}}, die keine ausgehende SMS dieses Sendekonnektors hat: bestätigt, nichts geändert',
      stale:
        'Ein Zustellbericht „{{status}}“ für eine ausgehende SMS, die schon {{current}} ist: bestätigt, nichts geändert',
      interim: 'Ein Zustellbericht mit dem Zwischenstand {{status}}: bestätigt, nichts geändert',
      unknownConnector: 'Es gibt keinen {{provider}}-Sendekonnektor {{id}}',
      noCredentials: 'Der Sendekonnektor hat keine Zugangsdaten, mit denen die Signatur des Berichts zu prüfen wäre',
      badToken: 'Das Token des Berichts fehlt oder ist falsch',
    },
  },
);
