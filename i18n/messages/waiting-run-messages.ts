import { defineMessages } from './define-messages';

/** Runs paused at a "Wait for reply" node, as Traffic shows them (issue 15). */
export const waitingRunMessages = defineMessages(
  {
    waitingFor: 'Waiting for a reply from {{sender}} until {{until}}',
  },
  {
    waitingFor: 'Wartet auf eine Antwort von {{sender}} bis {{until}}',
  },
);
