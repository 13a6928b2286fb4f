import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';

export const startNode = defineNodeType({
  type: 'start',
  kind: 'decision',
  label: 'Start',
  category: 'trigger',
  description:
    'Where every run begins: the SMS has arrived, with its sender, receiver, text, keyword, connector and time.',
  icon: 'play',
  config: z.strictObject({}),
  ports: ['next'],
  summarize: () => 'When an SMS arrives',
  run: () => ({ port: 'next' }),
});
