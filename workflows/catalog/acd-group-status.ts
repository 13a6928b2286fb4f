import { z } from 'zod';
import type { Localized } from '../../i18n/languages';
import { defineNodeType } from '../node-types/define-node-type';
import { acdGroupWords } from '../node-types/summary-names';
import type { AcdGroupStatus } from '../runtime/services';
import { acdGroupIdField } from './fields';

export const ACD_CONDITIONS = ['agents_available', 'queue_below'] as const;

const CONDITION_WORDS: Record<(typeof ACD_CONDITIONS)[number], Localized> = {
  agents_available: { en: 'At least N agents available', de: 'Mindestens N Agenten verfügbar' },
  queue_below: { en: 'Fewer than N SMS queued', de: 'Weniger als N SMS in der Warteschlange' },
};

const acdGroupStatusConfig = z.strictObject({
  acdGroupId: acdGroupIdField(),
  /** `agents_available`: at least `threshold` agents are available; `queue_below`: fewer than `threshold` events wait. */
  condition: z
    .enum(ACD_CONDITIONS)
    .default('agents_available')
    .meta({ ui: { title: { en: 'Condition', de: 'Bedingung' }, options: CONDITION_WORDS } }),
  threshold: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1)
    .meta({ ui: { title: { en: 'Threshold', de: 'Schwellenwert' } } }),
});

export type AcdGroupStatusConfig = z.output<typeof acdGroupStatusConfig>;

export const acdGroupStatusNode = defineNodeType({
  type: 'acd_group_status',
  kind: 'effect',
  label: { en: 'ACD group status', de: 'ACD-Gruppen-Status' },
  category: 'routing',
  description: {
    en:
      'Looks at an ACD group now and leaves by "available" when it has at least N available agents ' +
      '(or fewer than N queued events), else by "unavailable".',
    de:
      'Prüft eine ACD-Gruppe jetzt und geht über „verfügbar“ weiter, wenn sie mindestens N verfügbare Agenten ' +
      'hat (oder weniger als N wartende Ereignisse), sonst über „nicht verfügbar“.',
  },
  icon: 'users',
  config: acdGroupStatusConfig,
  ports: ['available', 'unavailable'],
  portLabels: {
    available: { en: 'available', de: 'verfügbar' },
    unavailable: { en: 'unavailable', de: 'nicht verfügbar' },
  },
  summarize: (config, language, names) => {
    const n = config.threshold;
    const one = n === 1;
    const condition =
      config.condition === 'agents_available'
        ? {
            en: `at least ${n} ${one ? 'agent' : 'agents'} available`,
            de: `mindestens ${n} ${one ? 'Agent' : 'Agenten'} verfügbar`,
          }[language]
        : { en: `fewer than ${n} queued`, de: `weniger als ${n} in der Warteschlange` }[language];
    return `${acdGroupWords(config.acdGroupId, language, names)}: ${condition}`;
  },
  acdGroupReferences: (config) => [{ field: 'acdGroupId', acdGroupId: config.acdGroupId }],
  // No "error" port: a status that cannot be read fails the run, which sends the SMS to the fallback group.
  async run(context, config) {
    const status = await context.services.acd.groupStatus(config.acdGroupId);
    return { port: meetsCondition(status, config) ? 'available' : 'unavailable' };
  },
});

export function meetsCondition(status: AcdGroupStatus, config: AcdGroupStatusConfig): boolean {
  return config.condition === 'agents_available'
    ? status.availableAgents >= config.threshold
    : status.queueLength < config.threshold;
}
