import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { verbatim } from '../node-types/field-ui';
import { portIdField, portLabelField, uniqueIds } from './fields';
import { says } from '../node-types/check-words';

const branch = z.strictObject({
  id: portIdField(),
  label: portLabelField(),
  percent: z
    .number()
    .int()
    .min(0)
    .max(100)
    .meta({ ui: { title: { en: 'Percent', de: 'Prozent' } } }),
});

const percentageSplitConfig = z.strictObject({
  branches: z
    .array(branch)
    .min(2, {
      error: says({ en: 'A split needs at least two branches', de: 'Eine Aufteilung braucht mindestens zwei Zweige' }),
    })
    .max(20)
    .default(() => [
      { id: 'a', label: 'A', percent: 50 },
      { id: 'b', label: 'B', percent: 50 },
    ])
    .superRefine(uniqueIds)
    .refine((branches) => branches.reduce((sum, item) => sum + item.percent, 0) === 100, {
      error: says({ en: 'The percentages must add up to 100', de: 'Die Prozente müssen zusammen 100 ergeben' }),
    })
    .meta({ ui: { title: { en: 'Branches', de: 'Zweige' }, item: { name: { en: 'branch', de: 'Zweig' } } } }),
});

export const percentageSplitNode = defineNodeType({
  type: 'percentage_split',
  kind: 'decision',
  label: { en: 'Percentage split', de: 'Prozentuale Aufteilung' },
  category: 'logic',
  description: {
    en: 'Sends each run down one branch at random, so that each branch gets its share of the traffic.',
    de: 'Schickt jeden Lauf zufällig über einen Zweig, sodass jeder Zweig seinen Anteil am Verkehr bekommt.',
  },
  icon: 'percent',
  config: percentageSplitConfig,
  ports: (config) => config.branches.map((item) => item.id),
  portLabels: (config) =>
    Object.fromEntries(
      config.branches.map((item) => [item.id, verbatim(`${item.label.trim() || item.id} · ${item.percent}%`)]),
    ),
  summarize: (config) => config.branches.map((item) => `${item.percent}% ${item.label || item.id}`).join(' · '),
  run(context, config) {
    const draw = context.random() * 100;
    let upTo = 0;
    for (const item of config.branches) {
      upTo += item.percent;
      if (draw < upTo) return { port: item.id };
    }
    // Only reachable when random() breaks its [0, 1) promise.
    return { port: config.branches.at(-1)!.id };
  },
});

/**
 * The draw (a `random()` value) that sends a run down `branchId`: the middle of its share, so a
 * test can choose the branch instead of a number. Undefined for a branch the split does not have.
 */
export function drawForBranch(
  branches: readonly { id: string; percent: number }[],
  branchId: string,
): number | undefined {
  let from = 0;
  for (const item of branches) {
    if (item.id === branchId) return (from + item.percent / 2) / 100;
    from += item.percent;
  }
  return undefined;
}
