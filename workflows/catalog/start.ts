import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';

export const startNode = defineNodeType({
  type: 'start',
  kind: 'decision',
  label: { en: 'Start', de: 'Start' },
  category: 'trigger',
  description: {
    en: 'Where every run begins: the SMS has arrived, with its sender, receiver, text, keyword, connector and time.',
    de: 'Hier beginnt jeder Lauf: die SMS ist eingegangen, mit Absender, Empfänger, Text, Schlüsselwort, Konnektor und Zeit.',
  },
  icon: 'play',
  config: z.strictObject({}),
  ports: ['next'],
  portLabels: { next: { en: 'next', de: 'weiter' } },
  summarize: () => 'When an SMS arrives',
  run: () => ({ port: 'next' }),
});
