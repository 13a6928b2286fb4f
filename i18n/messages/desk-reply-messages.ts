import { defineMessages } from './define-messages';

/** Answering from the desk: the thread both ways, delivery statuses, the reply box, canned responses. */
export const deskReplyMessages = defineMessages(
  {
    you: 'You',
    customer: 'Customer',
    author: {
      workflow: 'Automatic reply',
      system: 'Switchboard',
      formerAgent: 'An agent no longer here',
    },
    status: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      delivered: 'Delivered',
      failed: 'Failed',
    },
    notHeld: {
      closed: 'This conversation is closed: it cannot be answered any more',
      waiting: 'This conversation is waiting in its group: accept it before you answer',
      otherAgent: 'This conversation is held by another agent: only they can answer it',
    },
    unreachable: {
      title: 'The customer cannot be reached',
      noReceiveConnector:
        'The customer cannot be reached: the connector this conversation came in on was deleted, so there is no way to send a reply',
      noSendConnector:
        'The customer cannot be reached: the connector this conversation came in on names no send connector for replies. An administrator can choose one on the connector.',
      sendConnectorUnusable:
        'The customer cannot be reached: the send connector {{name}} cannot send (it has no usable credentials or settings). An administrator must open and save it.',
      customerNotANumber:
        'The customer cannot be reached: they wrote from {{sender}}, which is no phone number an SMS can be sent to',
      optedOut:
        'The customer cannot be reached: {{sender}} opted out (sent a stop keyword), so nothing may be sent to them until they opt in again',
    },
    box: {
      label: 'Reply',
      placeholder: 'Write a reply … (type / for canned responses)',
      send: 'Send',
      hint: 'Ctrl+Enter sends',
      counter_one: '{{count}} SMS · {{characters}} characters · {{encoding}}',
      counter_other: '{{count}} SMS · {{characters}} characters · {{encoding}}',
      empty: 'Nothing written yet · at most {{max}} SMS',
      tooLong: 'Too long: {{count}} SMS, at most {{max}} go out as one message',
      notSent: 'The reply was not sent',
    },
    canned: {
      label: 'Canned responses',
      none: 'No canned response starts with “/{{query}}”',
      notLoaded: 'The canned responses could not be loaded',
      missing: 'Filled in without a value for: {{names}}',
    },
  },
  {
    you: 'Sie',
    customer: 'Kunde',
    author: {
      workflow: 'Automatische Antwort',
      system: 'Switchboard',
      formerAgent: 'Ein ehemaliger Agent',
    },
    status: {
      queued: 'In der Warteschlange',
      sending: 'Wird gesendet',
      sent: 'Gesendet',
      delivered: 'Zugestellt',
      failed: 'Fehlgeschlagen',
    },
    notHeld: {
      closed: 'Diese Konversation ist geschlossen: Sie kann nicht mehr beantwortet werden',
      waiting: 'Diese Konversation wartet in ihrer Gruppe: Nehmen Sie sie an, bevor Sie antworten',
      otherAgent: 'Diese Konversation liegt bei einem anderen Agenten: Nur er kann sie beantworten',
    },
    unreachable: {
      title: 'Der Kunde ist nicht erreichbar',
      noReceiveConnector:
        'Der Kunde ist nicht erreichbar: Der Konnektor, über den diese Konversation kam, wurde gelöscht, daher kann keine Antwort gesendet werden',
      noSendConnector:
        'Der Kunde ist nicht erreichbar: Der Konnektor, über den diese Konversation kam, nennt keinen Sendekonnektor für Antworten. Ein Administrator kann am Konnektor einen auswählen.',
      sendConnectorUnusable:
        'Der Kunde ist nicht erreichbar: Der Sendekonnektor {{name}} kann nicht senden (ihm fehlen gültige Zugangsdaten oder Einstellungen). Ein Administrator muss ihn öffnen und speichern.',
      customerNotANumber:
        'Der Kunde ist nicht erreichbar: Er schrieb von {{sender}}, das ist keine Telefonnummer, an die eine SMS gehen kann',
      optedOut:
        'Der Kunde ist nicht erreichbar: {{sender}} hat sich abgemeldet (ein Stopp-Stichwort gesendet), daher darf ihm nichts gesendet werden, bis er sich wieder anmeldet',
    },
    box: {
      label: 'Antwort',
      placeholder: 'Antwort schreiben … (/ für Textbausteine)',
      send: 'Senden',
      hint: 'Strg+Enter sendet',
      counter_one: '{{count}} SMS · {{characters}} Zeichen · {{encoding}}',
      counter_other: '{{count}} SMS · {{characters}} Zeichen · {{encoding}}',
      empty: 'Noch nichts geschrieben · höchstens {{max}} SMS',
      tooLong: 'Zu lang: {{count}} SMS, höchstens {{max}} gehen als eine Nachricht hinaus',
      notSent: 'Die Antwort wurde nicht gesendet',
    },
    canned: {
      label: 'Textbausteine',
      none: 'Kein Textbaustein beginnt mit „/{{query}}“',
      notLoaded: 'Die Textbausteine konnten nicht geladen werden',
      missing: 'Ohne Wert eingefügt: {{names}}',
    },
  },
);
