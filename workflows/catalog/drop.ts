import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { says } from '../node-types/check-words';

export const dropNode = defineNodeType({
  type: 'drop',
  kind: 'terminal',
  label: { en: 'Drop', de: 'Verwerfen' },
  category: 'routing',
  description: {
    en: 'Ends the run on purpose without creating a media event (opt-outs, spam), keeping the reason.',
    de: 'Beendet den Lauf bewusst ohne Medien-Ereignis (Abmeldungen, Spam) und hält den Grund fest.',
  },
  icon: 'ban',
  config: z.strictObject({
    reason: z
      .string()
      .min(1, { error: says({ en: 'Say why the SMS is dropped', de: 'Sagen Sie, warum die SMS verworfen wird' }) })
      .max(200)
      .default('Dropped by the workflow')
      .meta({
        ui: {
          title: { en: 'Reason', de: 'Grund' },
          initial: { en: 'Dropped by the workflow', de: 'Vom Workflow verworfen' },
        },
      }),
  }),
  summarize: (config) => config.reason,
  run: (_context, config) => ({ kind: 'dropped', reason: config.reason }),
});
