import { Group, Input, NumberInput, SegmentedControl } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentGroups } from '../../../contract/agents';
import { put, useAcdGroups } from '../api/queries';
import type { SmsDelivery } from '../api/types';
import { NoMailServerWarning } from '../agents/no-mail-server';
import { PriorityList, type PriorityEntry } from '../common/priority-list';
import { useSession } from '../shell/session';

/** The values of a user form that only an agent has. */
export interface AgentValues {
  smsDelivery: SmsDelivery;
  capacity: number | string;
  /** The ACD groups the agent is in, with their priority there. */
  groups: PriorityEntry[];
}

/** The rule of the server's capacity: a whole number from 1 to 100. */
export const capacityFits = (value: number | string) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100;

/**
 * The part of the user form an agent has: where SMS reach them, how many at once, and, when the
 * client is known, their ACD groups.
 */
export function AgentFields({
  form,
  errorOf,
  clientId,
  testId,
}: {
  form: Pick<UseFormReturnType<AgentValues>, 'getValues' | 'getInputProps' | 'setFieldValue'>;
  errorOf(field: string): ReactNode;
  /** The agent's client; without one the groups are not shown. */
  clientId: string | undefined;
  /** What the parts' test ids begin with, e.g. `agent`. */
  testId: string;
}) {
  const { me } = useSession();
  const { t } = useTranslation();
  const groups = useAcdGroups(clientId);
  const values = form.getValues();
  return (
    <>
      <Group grow align="flex-start">
        <Input.Wrapper
          label={t('agents.form.smsDelivery')}
          description={t('agents.form.smsDeliveryDescription')}
          error={errorOf('smsDelivery')}
        >
          <SegmentedControl
            fullWidth
            aria-label={t('agents.form.smsDelivery')}
            data={[
              { value: 'web', label: t('status.smsDelivery.web') },
              { value: 'email', label: t('status.smsDelivery.email') },
            ]}
            {...form.getInputProps('smsDelivery')}
          />
        </Input.Wrapper>
        <NumberInput
          label={t('agents.form.capacity')}
          description={t('agents.form.capacityDescription')}
          min={1}
          max={100}
          allowDecimal={false}
          {...form.getInputProps('capacity')}
          error={errorOf('capacity')}
        />
      </Group>
      {values.smsDelivery === 'email' && !me.emailConfigured && (
        <NoMailServerWarning testId={`${testId}-no-mail-server`} />
      )}
      {clientId !== undefined && (
        <PriorityList
          label={t('agents.acdGroups')}
          description={t('agents.form.groupsDescription')}
          empty={t('agents.form.inNoGroup')}
          entries={values.groups}
          options={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
          addPlaceholder={t('agents.form.addToGroup')}
          nothingToAdd={groups.data?.length === 0 ? t('agents.form.noGroups') : t('agents.form.inEveryGroup')}
          onChange={(entries) => form.setFieldValue('groups', entries)}
          testId={`${testId}-groups`}
        />
      )}
    </>
  );
}

/** Whether `wanted` puts the agent in other groups, or at other priorities, than `before`. */
export function membershipsChanged(before: readonly PriorityEntry[], wanted: readonly PriorityEntry[]): boolean {
  const was = new Map(before.map((g) => [g.id, Number(g.priority)]));
  return wanted.length !== was.size || wanted.some((g) => was.get(g.id) !== Number(g.priority));
}

/** Puts the agent in exactly these groups, in one request (the server does it in one transaction). */
export function saveAgentGroups(agentId: string, groups: readonly PriorityEntry[]) {
  const body: AgentGroups = { groups: groups.map((g) => ({ acdGroupId: g.id, priority: Number(g.priority) })) };
  return put(`/api/agents/${agentId}/groups`, body);
}
