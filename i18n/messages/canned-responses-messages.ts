import { defineMessages } from './define-messages';

/**
 * Canned responses: their page and form, the words of each placeholder
 * (`placeholder.<key>`, keyed as CANNED_PLACEHOLDER_WORDS in contract/canned-placeholders.ts says), and why a
 * shortcut or a text is refused.
 */
export const cannedResponsesMessages = defineMessages(
  {
    title: 'Canned responses',
    description:
      'Ready-made answers agents insert on the desk by typing / and the shortcut. Placeholders are filled in with the customer’s number, the agent’s name and more.',
    newResponse: 'New canned response',
    shortcut: 'Shortcut',
    responseTitle: 'Title',
    text: 'Text',
    updated: 'Changed',
    editName: 'Edit /{{shortcut}}',
    deleteName: 'Delete /{{shortcut}}',
    noneYet: 'No canned responses yet',
    createResponse: 'Create a canned response',
    createHint: 'Create one such as /hours with your opening hours: agents insert it by typing /hours.',
    deleteTitle: 'Delete /{{shortcut}}?',
    deleteResponse: 'Delete canned response',
    notDeleted: 'The canned response was not deleted',
    deleted: '/{{shortcut}} deleted',
    deleteText: 'Agents can no longer insert it. Texts already sent with it stay as they are.',
    noun: 'canned responses',
    form: {
      create: 'Create canned response',
      saved: '/{{shortcut}} saved',
      created: 'Canned response /{{shortcut}} created',
      shortcutDescription: 'What agents type after /: lowercase letters, digits and dashes, such as hours.',
      enterShortcut: 'Enter a shortcut such as hours',
      shortcutForm: 'Only lowercase letters, digits and dashes, not starting or ending with a dash',
      enterTitle: 'Enter a title such as “Opening hours”',
      enterText: 'Enter the text',
      atMost: 'At most {{max}} characters',
      textDescription: 'Placeholders are filled in when the agent inserts the text; one without a value stays empty.',
      insertPlaceholder: 'Insert placeholder',
      unknownPlaceholder: 'Unknown placeholder {{placeholder}}',
      preview: 'Preview with sample values',
    },
    placeholder: {
      customerNumber: 'Customer’s number',
      agentName: 'Agent’s name',
      groupName: 'ACD group’s name',
      clientName: 'Client’s name',
    },
    sample: {
      customerNumber: '+49 170 1234567',
      agentName: 'Mira Lindqvist',
      groupName: 'Support',
      clientName: 'Acme Insurance',
    },
    reason: {
      shortcut: 'only lowercase letters, digits and dashes, not starting or ending with a dash',
      unknownPlaceholder: 'unknown placeholder {{placeholder}}; known are {{known}}',
    },
  },
  {
    title: 'Textbausteine',
    description:
      'Fertige Antworten, die Agenten am Arbeitsplatz mit / und dem Kürzel einfügen. Platzhalter werden mit der Nummer des Kunden, dem Namen des Agenten und mehr gefüllt.',
    newResponse: 'Neuer Textbaustein',
    shortcut: 'Kürzel',
    responseTitle: 'Titel',
    text: 'Text',
    updated: 'Geändert',
    editName: '/{{shortcut}} bearbeiten',
    deleteName: '/{{shortcut}} löschen',
    noneYet: 'Noch keine Textbausteine',
    createResponse: 'Textbaustein anlegen',
    createHint:
      'Legen Sie einen wie /zeiten mit Ihren Öffnungszeiten an: Agenten fügen ihn ein, indem sie /zeiten tippen.',
    deleteTitle: '/{{shortcut}} löschen?',
    deleteResponse: 'Textbaustein löschen',
    notDeleted: 'Der Textbaustein wurde nicht gelöscht',
    deleted: '/{{shortcut}} gelöscht',
    deleteText: 'Agenten können ihn nicht mehr einfügen. Schon damit gesendete Texte bleiben, wie sie sind.',
    noun: 'Textbausteine',
    form: {
      create: 'Textbaustein anlegen',
      saved: '/{{shortcut}} gespeichert',
      created: 'Textbaustein /{{shortcut}} angelegt',
      shortcutDescription: 'Was Agenten nach / tippen: Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel zeiten.',
      enterShortcut: 'Geben Sie ein Kürzel wie zeiten ein',
      shortcutForm: 'Nur Kleinbuchstaben, Ziffern und Bindestriche, nicht mit einem Bindestrich am Anfang oder Ende',
      enterTitle: 'Geben Sie einen Titel wie „Öffnungszeiten“ ein',
      enterText: 'Geben Sie den Text ein',
      atMost: 'Höchstens {{max}} Zeichen',
      textDescription: 'Platzhalter werden gefüllt, wenn der Agent den Text einfügt; einer ohne Wert bleibt leer.',
      insertPlaceholder: 'Platzhalter einfügen',
      unknownPlaceholder: 'Unbekannter Platzhalter {{placeholder}}',
      preview: 'Vorschau mit Beispielwerten',
    },
    placeholder: {
      customerNumber: 'Nummer des Kunden',
      agentName: 'Name des Agenten',
      groupName: 'Name der ACD-Gruppe',
      clientName: 'Name des Mandanten',
    },
    sample: {
      customerNumber: '+49 170 1234567',
      agentName: 'Mira Lindqvist',
      groupName: 'Support',
      clientName: 'Acme Versicherung',
    },
    reason: {
      shortcut: 'nur Kleinbuchstaben, Ziffern und Bindestriche, nicht mit einem Bindestrich am Anfang oder Ende',
      unknownPlaceholder: 'unbekannter Platzhalter {{placeholder}}; bekannt sind {{known}}',
    },
  },
);
