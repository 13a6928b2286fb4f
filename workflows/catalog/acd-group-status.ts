import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import type { AcdGroupStatus } from '../runtime/services';
import { acdGroupIdField } from './fields';

export const ACD_CONDITIONS = ['agents_available', 'queue_below'] as const;

const acdGroupStatusConfig = z.strictObject({
  acdGroupId: acdGroupIdField(),
  /** `agents_available`: at least `threshold` agents are available; `queue_below`: fewer than `threshold` events wait. */
  condition: z.enum(ACD_CONDITIONS).default('agents_available').meta({ title: 'Condition' }),
  threshold: z.number().int().min(1).max(10_000).default(1).meta({ title: 'Threshold' }),
});

export type AcdGroupStatusConfig = z.output<typeof acdGroupStatusConfig>;

export const acdGroupStatusNode = defineNodeType({
  type: 'acd_group_status',
  kind: 'effect',
  label: 'ACD group status',
  category: 'routing',
  description:
    'Looks at an ACD group now and leaves by "available" when it has at least N available agents ' +
    '(or fewer than N queued events), else by "unavailable".',
  icon: 'users',
  config: acdGroupStatusConfig,
  ports: ['available', 'unavailable'],
  summarize: (config) =>
    config.condition === 'agents_available'
      ? `At least ${config.threshold} ${config.threshold === 1 ? 'agent' : 'agents'} available`
      : `Fewer than ${config.threshold} queued`,
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
