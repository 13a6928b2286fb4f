import { Group, NumberInput, Select, Text } from '@mantine/core';
import { WrapUpFields, wrapUpBody, wrapUpInitial, type WrapUpValues } from '../wrap-up-codes/group-wrap-up-fields';
import { notifications } from '@mantine/notifications';
import { keys, patch, post, useAgents } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { FormModal, NameInput, useModalForm } from '../common/form-modal';
import { fieldError } from '../common/page';
import { UsedByPanel } from '../common/used-by-list';
import { PriorityList, priorityProblem, type PriorityEntry } from '../common/priority-list';
import { requiredTextProblem } from '../common/validation';
import { useTranslation } from 'react-i18next';
import { STRATEGIES, strategyDescription, strategyLabel } from './strategies';

interface Values {
  name: string;
  strategy: AcdGroup['strategy'];
  offerTimeoutSeconds: number | string;
  /** Empty: SMS wait until someone takes them. */
  maxWaitMinutes: number | string;
  reopenWindowHours: number | string;
  /** Empty: the live view never warns. */
  warnQueueLength: number | string;
  warnWaitMinutes: number | string;
  members: PriorityEntry[];
  wrapUp: WrapUpValues;
}

const FIELDS = [
  'name',
  'strategy',
  'offerTimeoutSeconds',
  'maxWaitSeconds',
  'reopenWindowHours',
  'warnQueueLength',
  'warnWaitSeconds',
  'members',
  'wrapUpRequired',
  'wrapUpCodeIds',
] as const;

/** Creates an ACD group or edits one: distribution, offer timeout and members with their priority. */
export function AcdGroupFormModal({
  clientId,
  group,
  onClose,
}: {
  clientId: string;
  group: AcdGroup | undefined;
  onClose(): void;
}) {
  const agents = useAgents(clientId);
  const { t } = useTranslation();
  const { form, save, field, modal } = useModalForm<Values, AcdGroup>({
    initialValues: {
      name: group?.name ?? '',
      strategy: group?.strategy ?? 'longest_idle',
      offerTimeoutSeconds: group?.offerTimeoutSeconds ?? 30,
      maxWaitMinutes: group?.maxWaitSeconds ? Math.round(group.maxWaitSeconds / 60) : '',
      reopenWindowHours: group?.reopenWindowHours ?? 72,
      warnQueueLength: group?.warnQueueLength ?? '',
      warnWaitMinutes: group?.warnWaitSeconds ? Math.round(group.warnWaitSeconds / 60) : '',
      members: group?.members.map((m) => ({ id: m.agentId, priority: m.priority })) ?? [],
      wrapUp: wrapUpInitial(group),
    },
    // The rules of the server's acdGroupBody (server/routes/acd-groups.ts).
    validate: {
      name: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('acdGroups.form.enterName'),
          tooLong: t('acdGroups.form.atMost', { max: 200 }),
        }),
      offerTimeoutSeconds: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 5 && value <= 3600
          ? null
          : t('acdGroups.form.timeoutRange'),
      maxWaitMinutes: (value) =>
        value === '' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7 * 24 * 60)
          ? null
          : t('acdGroups.form.maxWaitRange'),
      reopenWindowHours: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 90 * 24
          ? null
          : t('acdGroups.form.reopenWindowRange'),
      warnQueueLength: (value) =>
        value === '' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100_000)
          ? null
          : t('liveQueue.warnQueueLengthRange'),
      warnWaitMinutes: (value) =>
        value === '' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7 * 24 * 60)
          ? null
          : t('liveQueue.warnWaitMinutesRange'),
      members: { priority: priorityProblem },
    },
    save: (v) => {
      const body = {
        name: v.name.trim(),
        strategy: v.strategy,
        offerTimeoutSeconds: Number(v.offerTimeoutSeconds),
        maxWaitSeconds: v.maxWaitMinutes === '' ? null : Number(v.maxWaitMinutes) * 60,
        reopenWindowHours: Number(v.reopenWindowHours),
        warnQueueLength: v.warnQueueLength === '' ? null : Number(v.warnQueueLength),
        warnWaitSeconds: v.warnWaitMinutes === '' ? null : Number(v.warnWaitMinutes) * 60,
        members: v.members.map((m) => ({ agentId: m.id, priority: Number(m.priority) })),
        ...wrapUpBody(v.wrapUp),
      };
      return group
        ? patch<AcdGroup>(`/api/acd-groups/${group.id}`, body)
        : post<AcdGroup>('/api/acd-groups', { ...body, clientId });
    },
    invalidate: [keys.acdGroups(clientId), keys.agents(clientId), ['acd-group-live']],
    fields: FIELDS,
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: group
          ? t('acdGroups.form.saved', { name: saved.name })
          : t('acdGroups.form.created', { name: saved.name }),
      });
      onClose();
    },
  });
  const values = form.getValues();
  const memberIds = new Set(values.members.map((m) => m.id));
  // Deactivated agents are not offered for adding, but stay listed while they are members.
  const options = (agents.data ?? [])
    .filter((agent) => agent.active || memberIds.has(agent.id))
    .map((agent) => ({ value: agent.id, label: agent.displayName }));
  const inactive = new Set((agents.data ?? []).filter((agent) => !agent.active).map((agent) => agent.id));

  return (
    <FormModal
      title={group ? t('acdGroups.editName', { name: group.name }) : t('acdGroups.newGroup')}
      submitLabel={group ? t('common.save') : t('acdGroups.form.create')}
      onClose={onClose}
      {...modal}
      size="lg"
      testId="acd-group-form"
    >
      <NameInput {...field('name')} />
      <Group grow align="flex-start">
        <Select
          label={t('acdGroups.distribution')}
          allowDeselect={false}
          data={STRATEGIES.map((value) => ({ value, label: strategyLabel(value) }))}
          description={strategyDescription(values.strategy)}
          {...field('strategy')}
        />
        <NumberInput
          label={t('acdGroups.form.offerTimeoutSeconds')}
          min={5}
          max={3600}
          allowDecimal={false}
          description={t('acdGroups.form.offerTimeoutDescription')}
          {...field('offerTimeoutSeconds')}
        />
      </Group>
      <NumberInput
        label={t('acdGroups.form.maxWait')}
        min={1}
        max={7 * 24 * 60}
        allowDecimal={false}
        placeholder={t('acdGroups.form.noLimit')}
        description={t('acdGroups.form.maxWaitDescription')}
        {...form.getInputProps('maxWaitMinutes')}
        error={form.errors.maxWaitMinutes ?? fieldError(save.error, 'maxWaitSeconds')}
      />
      <NumberInput
        label={t('acdGroups.form.reopenWindow')}
        min={0}
        max={90 * 24}
        allowDecimal={false}
        description={t('acdGroups.form.reopenWindowDescription')}
        {...field('reopenWindowHours')}
      />
      <Text size="sm" fw={500} mb={-8}>
        {t('liveQueue.warnings')}
      </Text>
      <Group grow align="flex-start">
        <NumberInput
          label={t('liveQueue.warnQueueLength')}
          min={1}
          max={100_000}
          allowDecimal={false}
          placeholder={t('liveQueue.never')}
          description={t('liveQueue.warnQueueLengthDescription')}
          data-testid="warn-queue-length"
          {...form.getInputProps('warnQueueLength')}
          error={form.errors.warnQueueLength ?? fieldError(save.error, 'warnQueueLength')}
        />
        <NumberInput
          label={t('liveQueue.warnWaitMinutes')}
          min={1}
          max={7 * 24 * 60}
          allowDecimal={false}
          placeholder={t('liveQueue.never')}
          description={t('liveQueue.warnWaitMinutesDescription')}
          data-testid="warn-wait-minutes"
          {...form.getInputProps('warnWaitMinutes')}
          error={form.errors.warnWaitMinutes ?? fieldError(save.error, 'warnWaitSeconds')}
        />
      </Group>
      <PriorityList
        label={t('acdGroups.members')}
        description={t('acdGroups.form.membersDescription')}
        empty={t('acdGroups.form.noMembers')}
        entries={values.members}
        options={options}
        addPlaceholder={t('acdGroups.form.addAgent')}
        nothingToAdd={agents.data?.length === 0 ? t('acdGroups.form.noAgents') : t('acdGroups.form.everyAgentMember')}
        onChange={(members) => form.setFieldValue('members', members)}
        errorOf={(index) =>
          fieldError(save.error, `members.${index}.agentId`) ?? fieldError(save.error, `members.${index}.priority`)
        }
        note={(id) => (inactive.has(id) ? t('common.deactivated') : undefined)}
        testId="group-members"
      />
      <WrapUpFields
        clientId={clientId}
        values={values.wrapUp}
        onChange={(wrapUp) => form.setFieldValue('wrapUp', wrapUp)}
        error={(field) => fieldError(save.error, field)}
      />
      {group && <UsedByPanel path={`/api/acd-groups/${group.id}`} />}
    </FormModal>
  );
}
