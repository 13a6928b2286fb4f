import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';

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
      .min(1, { error: 'Say why the SMS is dropped' })
      .max(200)
      .default('Dropped by the workflow')
      .meta({ ui: { title: { en: 'Reason', de: 'Grund' } } }),
  }),
  summarize: (config) => config.reason,
  run: (_context, config) => ({ kind: 'dropped', reason: config.reason }),
});
