import { defineMessages } from './define-messages';

/**
 * Workflows that talk back (issue 15): the send connector choice of a node that sends SMS, the
 * SMS a test run would have sent, and the templates of a new routing application.
 */
export const workflowSmsMessages = defineMessages(
  {
    sendConnector: {
      receiveConnectors: 'The SMS’s own (its receive connector’s send connector)',
      unknown: 'A send connector that no longer exists ({{id}}…)',
      none: 'The client has no send connectors yet',
    },
    test: {
      sentTitle: 'SMS it would send',
      sentCount_one: '{{count}} SMS, recorded, not sent',
      sentCount_other: '{{count}} SMS, recorded, not sent',
      to: 'To',
      text: 'Text',
      via: 'Through',
      viaOwn: 'the SMS’s own send connector',
    },
    templates: {
      label: 'Start from',
      empty: 'An empty application',
      hint: 'A template’s nodes come without ACD groups: the editor marks each node where you choose the client’s group.',
    },
  },
  {
    sendConnector: {
      receiveConnectors: 'Der eigene der SMS (Sende-Connector ihres Empfangs-Connectors)',
      unknown: 'Ein Sende-Connector, den es nicht mehr gibt ({{id}}…)',
      none: 'Der Mandant hat noch keine Sende-Connectoren',
    },
    test: {
      sentTitle: 'SMS, die gesendet würden',
      sentCount_one: '{{count}} SMS, aufgezeichnet, nicht gesendet',
      sentCount_other: '{{count}} SMS, aufgezeichnet, nicht gesendet',
      to: 'An',
      text: 'Text',
      via: 'Über',
      viaOwn: 'den eigenen Sende-Connector der SMS',
    },
    templates: {
      label: 'Beginnen mit',
      empty: 'Einer leeren Anwendung',
      hint: 'Die Knoten einer Vorlage kommen ohne ACD-Gruppen: Der Editor markiert jeden Knoten, an dem Sie die Gruppe des Mandanten wählen.',
    },
  },
);
