import { defineMessages } from './define-messages';

/** Pause reasons (issue 16): their page and form, the desk's choice, the live view and the history. */
export const pauseReasonsMessages = defineMessages(
  {
    nav: 'Pause reasons',
    title: 'Pause reasons',
    description:
      'Reasons agents give when they pause, such as “Lunch”, “Meeting” or “Training”. The live group view shows them beside a paused agent, and the status history keeps them.',
    newReason: 'New pause reason',
    name: 'Name',
    position: 'Order',
    updated: 'Updated',
    editName: 'Edit {{name}}',
    deleteName: 'Delete {{name}}',
    noneYet: 'No pause reasons yet',
    createReason: 'Create a pause reason',
    createHint: 'Create reasons such as Lunch, Meeting or Training; agents choose one on their desk when pausing.',
    deleteTitle: 'Delete {{name}}?',
    deleteReason: 'Delete pause reason',
    notDeleted: 'The pause reason was not deleted',
    deleted: '{{name}} deleted',
    deleteText: 'The desk offers it no more. Agents paused with it stay paused, and the status history keeps its name.',
    noun: 'pause reasons',
    form: {
      create: 'Create pause reason',
      saved: '{{name}} saved',
      created: 'Pause reason {{name}} created',
      nameDescription: 'As agents and the live view see it.',
      enterName: 'Enter a name such as “Lunch”',
      atMost: 'At most {{max}} characters',
      positionDescription: 'The desk lists reasons from the lowest number up, then by name.',
      positionRange: 'A whole number from 0 to {{max}}',
    },
    desk: {
      reason: 'Pause reason',
      choose: 'Why are you pausing?',
      none: 'No reason',
      paused: 'Paused: {{reason}}',
    },
    live: {
      reason: 'Pause reason: {{reason}}',
    },
    history: {
      reason: 'Reason: {{reason}}',
    },
    refusal: {
      nameTaken: 'A pause reason with this name exists in the client already',
      onlyWithPause: 'only a pause carries a pause reason',
      unknown: 'no pause reason with this id in your client',
    },
  },
  {
    nav: 'Pausengründe',
    title: 'Pausengründe',
    description:
      'Gründe, die Agenten beim Pausieren angeben, etwa „Mittagspause“, „Besprechung“ oder „Schulung“. Die Live-Ansicht der Gruppe zeigt sie neben einem pausierenden Agenten, und der Statusverlauf behält sie.',
    newReason: 'Neuer Pausengrund',
    name: 'Name',
    position: 'Reihenfolge',
    updated: 'Geändert',
    editName: '{{name}} bearbeiten',
    deleteName: '{{name}} löschen',
    noneYet: 'Noch keine Pausengründe',
    createReason: 'Pausengrund anlegen',
    createHint:
      'Legen Sie Gründe wie Mittagspause, Besprechung oder Schulung an; Agenten wählen beim Pausieren einen am Arbeitsplatz.',
    deleteTitle: '{{name}} löschen?',
    deleteReason: 'Pausengrund löschen',
    notDeleted: 'Der Pausengrund wurde nicht gelöscht',
    deleted: '{{name}} gelöscht',
    deleteText:
      'Der Arbeitsplatz bietet ihn nicht mehr an. Agenten, die mit ihm pausieren, bleiben in Pause, und der Statusverlauf behält seinen Namen.',
    noun: 'Pausengründe',
    form: {
      create: 'Pausengrund anlegen',
      saved: '{{name}} gespeichert',
      created: 'Pausengrund {{name}} angelegt',
      nameDescription: 'Wie Agenten und die Live-Ansicht ihn sehen.',
      enterName: 'Geben Sie einen Namen wie „Mittagspause“ ein',
      atMost: 'Höchstens {{max}} Zeichen',
      positionDescription: 'Der Arbeitsplatz listet Gründe von der kleinsten Zahl an, dann nach Name.',
      positionRange: 'Eine ganze Zahl von 0 bis {{max}}',
    },
    desk: {
      reason: 'Pausengrund',
      choose: 'Warum pausieren Sie?',
      none: 'Ohne Grund',
      paused: 'In Pause: {{reason}}',
    },
    live: {
      reason: 'Pausengrund: {{reason}}',
    },
    history: {
      reason: 'Grund: {{reason}}',
    },
    refusal: {
      nameTaken: 'Es gibt im Mandanten schon einen Pausengrund mit diesem Namen',
      onlyWithPause: 'nur eine Pause hat einen Pausengrund',
      unknown: 'kein Pausengrund mit dieser ID in Ihrem Mandanten',
    },
  },
);
