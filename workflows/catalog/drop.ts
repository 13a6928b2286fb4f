import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';

export const dropNode = defineNodeType({
  type: 'drop',
  kind: 'terminal',
  label: 'Drop',
  category: 'routing',
  description: 'Ends the run on purpose without creating a media event (opt-outs, spam), keeping the reason.',
  icon: 'ban',
  config: z.strictObject({
    reason: z.string().min(1, { error: 'Say why the SMS is dropped' }).max(200).default('Dropped by the workflow'),
  }),
  summarize: (config) => config.reason,
  run: (_context, config) => ({ kind: 'dropped', reason: config.reason }),
});
