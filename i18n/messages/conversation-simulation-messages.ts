import { defineMessages } from './define-messages';

/** The test panel's conversations (issue 15): the replies after the first SMS, and the path step by step. */
export const conversationSimulationMessages = defineMessages(
  {
    then: 'Then, each time the run waits for a reply',
    none: 'No replies yet: the run stops at the first “Wait for reply”.',
    addReply: 'Reply',
    addTimeout: 'No reply (timeout)',
    replyLabel: 'Reply {{number}}',
    replyPlaceholder: '1',
    timeoutStep: 'No reply within the timeout',
    remove: 'Remove step {{number}}',
    most: 'At most {{max}} steps',
    step: {
      sms: 'First SMS: “{{text}}”',
      reply: 'Reply: “{{text}}”',
      timeout: 'No reply (timeout)',
    },
    waitsHere: 'Waits for a reply up to {{timeout}} (until {{until}})',
    waits: 'waits',
    stillWaiting:
      '<b>Still waiting</b> for a reply at <b>{{node}}</b>, up to {{timeout}}: the conversation has no more steps. Add a reply or “No reply (timeout)” to go on.',
    unused_one: 'The run finished before it needed the last step: {{steps}} was not used.',
    unused_other: 'The run finished before it needed the last {{count}} steps: {{steps}} were not used.',
    wouldSend: 'Would send',
    email: 'E-mail to {{to}}: “{{subject}}”',
    request: '{{method}} {{url}}',
  },
  {
    then: 'Danach, jedes Mal, wenn der Lauf auf eine Antwort wartet',
    none: 'Noch keine Antworten: Der Lauf hält beim ersten „Auf Antwort warten“ an.',
    addReply: 'Antwort',
    addTimeout: 'Keine Antwort (Zeitlimit)',
    replyLabel: 'Antwort {{number}}',
    replyPlaceholder: '1',
    timeoutStep: 'Keine Antwort innerhalb des Zeitlimits',
    remove: 'Schritt {{number}} entfernen',
    most: 'Höchstens {{max}} Schritte',
    step: {
      sms: 'Erste SMS: „{{text}}“',
      reply: 'Antwort: „{{text}}“',
      timeout: 'Keine Antwort (Zeitlimit)',
    },
    waitsHere: 'Wartet bis zu {{timeout}} auf eine Antwort (bis {{until}})',
    waits: 'wartet',
    stillWaiting:
      '<b>Wartet noch</b> bei <b>{{node}}</b> bis zu {{timeout}} auf eine Antwort: Das Gespräch hat keine weiteren Schritte. Fügen Sie eine Antwort oder „Keine Antwort (Zeitlimit)“ hinzu, um weiterzumachen.',
    unused_one: 'Der Lauf war fertig, bevor er den letzten Schritt brauchte: {{steps}} wurde nicht verwendet.',
    unused_other:
      'Der Lauf war fertig, bevor er die letzten {{count}} Schritte brauchte: {{steps}} wurden nicht verwendet.',
    wouldSend: 'Würde senden',
    email: 'E-Mail an {{to}}: „{{subject}}“',
    request: '{{method}} {{url}}',
  },
);
