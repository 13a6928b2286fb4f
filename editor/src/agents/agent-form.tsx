import { Group, Input, NumberInput, PasswordInput, SegmentedControl, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import type { AgentView } from '../../../contract/agents';
import { get } from '../api/http';
import { keys, patch, post, useAcdGroups } from '../api/queries';
import type { AcdGroup, SmsDelivery } from '../api/types';
import { FormModal, useModalForm } from '../common/form-modal';
import { passwordProblem, passwordRule } from '../common/password';
import { PriorityList, priorityProblem, type PriorityEntry } from '../common/priority-list';
import { requiredTextProblem } from '../common/validation';
import { useSession } from '../shell/session';
import { NewPasswordField } from '../users/password-field';
import { t as translate } from '../i18n/setup-i18n';
import { NoMailServerWarning } from './no-mail-server';

interface Values {
  displayName: string;
  email: string;
  password: string;
  smsDelivery: SmsDelivery;
  capacity: number | string;
  groups: PriorityEntry[];
}

const FIELDS = ['displayName', 'email', 'password', 'smsDelivery', 'capacity'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates an agent (a user with role `agent`) or edits one, with their ACD group memberships.
 * Memberships live on the groups, so each changed group is read fresh and written back.
 */
export function AgentFormModal({
  clientId,
  agent,
  onClose,
}: {
  clientId: string;
  agent: AgentView | undefined;
  onClose(): void;
}) {
  const groups = useAcdGroups(clientId);
  const { me } = useSession();
  const { t } = useTranslation();
  const { form, errorOf, modal } = useModalForm<Values, { failed: string[] }>({
    initialValues: {
      displayName: agent?.displayName ?? '',
      email: agent?.email ?? '',
      password: '',
      smsDelivery: agent?.smsDelivery ?? 'web',
      capacity: agent?.capacity ?? 1,
      groups: agent?.groups.map((g) => ({ id: g.acdGroupId, priority: g.priority })) ?? [],
    },
    validate: {
      displayName: (value) =>
        requiredTextProblem(value, 200, {
          empty: t('agents.form.enterName'),
          tooLong: t('agents.form.atMost', { max: 200 }),
        }),
      email: (value) => (EMAIL.test(value.trim()) ? null : t('agents.form.enterEmail')),
      password: (value) => (agent && value === '' ? null : passwordProblem(value)),
      capacity: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
          ? null
          : t('agents.form.capacityRange'),
      groups: { priority: priorityProblem },
    },
    save: async (v) => {
      let agentId: string;
      if (agent) {
        // Only what changed, so a stale form never overwrites someone else's edit of another field.
        const changes: Record<string, unknown> = {};
        if (v.displayName.trim() !== agent.displayName) changes.displayName = v.displayName.trim();
        if (v.email.trim() !== agent.email) changes.email = v.email.trim();
        if (v.smsDelivery !== agent.smsDelivery) changes.smsDelivery = v.smsDelivery;
        if (Number(v.capacity) !== agent.capacity) changes.capacity = Number(v.capacity);
        if (v.password) changes.password = v.password;
        if (Object.keys(changes).length > 0) await patch(`/api/users/${agent.id}`, changes);
        agentId = agent.id;
      } else {
        const created = await post<{ id: string }>('/api/users', {
          role: 'agent',
          clientId,
          displayName: v.displayName.trim(),
          email: v.email.trim(),
          password: v.password,
          smsDelivery: v.smsDelivery,
          capacity: Number(v.capacity),
        });
        agentId = created.id;
      }
      const failed = await saveMemberships(agentId, agent?.groups ?? [], v.groups, groups.data ?? []);
      return { failed };
    },
    invalidate: [keys.agents(clientId), keys.acdGroups(clientId), keys.users, ['acd-group-live']],
    fields: FIELDS,
    onSaved: ({ failed }, submitted) => {
      if (failed.length > 0) {
        notifications.show({
          color: 'red',
          title: agent
            ? t('agents.form.savedNotEveryGroup')
            : t('agents.form.createdNotEveryGroup', { name: submitted.displayName }),
          message: failed.join(' · '),
          autoClose: false,
        });
      } else {
        notifications.show({
          color: 'teal',
          message: agent
            ? t('agents.form.saved', { name: submitted.displayName.trim() })
            : t('agents.form.canSignInAs', { name: submitted.displayName.trim(), email: submitted.email.trim() }),
        });
      }
      onClose();
    },
  });
  const values = form.getValues();
  const groupOptions = (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));

  return (
    <FormModal
      title={agent ? t('agents.form.editTitle', { name: agent.displayName }) : t('agents.newAgent')}
      submitLabel={agent ? t('agents.form.saveChanges') : t('agents.form.create')}
      onClose={onClose}
      {...modal}
      testId="agent-form"
      size="lg"
    >
      <Group grow align="flex-start">
        <TextInput
          label={t('agents.form.displayName')}
          required
          data-autofocus
          {...form.getInputProps('displayName')}
          error={errorOf('displayName')}
        />
        <TextInput
          label={t('agents.form.email')}
          description={t('agents.form.emailDescription')}
          required
          type="email"
          autoComplete="off"
          {...form.getInputProps('email')}
          error={errorOf('email')}
        />
      </Group>
      {agent ? (
        <PasswordInput
          label={t('agents.form.newPassword')}
          description={t('agents.form.keepEmpty')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          error={errorOf('password')}
        />
      ) : (
        <NewPasswordField
          label={t('agents.form.password')}
          description={t('agents.form.passwordDescription', { rule: passwordRule() })}
          required
          value={values.password}
          onChange={(value) => form.setFieldValue('password', value)}
          error={errorOf('password')}
        />
      )}
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
      {values.smsDelivery === 'email' && !me.emailConfigured && <NoMailServerWarning testId="agent-no-mail-server" />}
      <PriorityList
        label={t('agents.acdGroups')}
        description={t('agents.form.groupsDescription')}
        empty={t('agents.form.inNoGroup')}
        entries={values.groups}
        options={groupOptions}
        addPlaceholder={t('agents.form.addToGroup')}
        nothingToAdd={groups.data?.length === 0 ? t('agents.form.noGroups') : t('agents.form.inEveryGroup')}
        onChange={(entries) => form.setFieldValue('groups', entries)}
        testId="agent-groups"
      />
    </FormModal>
  );
}

/** Writes the agent's memberships into each group whose membership changed; names the groups that failed. */
async function saveMemberships(
  agentId: string,
  before: AgentView['groups'],
  wanted: PriorityEntry[],
  groups: AcdGroup[],
): Promise<string[]> {
  const was = new Map(before.map((g) => [g.acdGroupId, g.priority]));
  const now = new Map(wanted.map((g) => [g.id, Number(g.priority)]));
  const changed = [...new Set([...was.keys(), ...now.keys()])].filter((id) => was.get(id) !== now.get(id));
  const failed: string[] = [];
  for (const groupId of changed) {
    const name = groups.find((g) => g.id === groupId)?.name ?? translate('agents.form.aGroup');
    try {
      const fresh = await get<AcdGroup>(`/api/acd-groups/${groupId}`);
      const members = fresh.members.filter((m) => m.agentId !== agentId);
      const priority = now.get(groupId);
      if (priority !== undefined) members.push({ agentId, priority });
      await patch(`/api/acd-groups/${groupId}`, { members });
    } catch (error) {
      failed.push(`${name}: ${(error as Error).message}`);
    }
  }
  return failed;
}
