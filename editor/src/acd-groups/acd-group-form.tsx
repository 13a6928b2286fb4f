import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { keys, patch, post, useAgents, useApiMutation } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { FormModal } from '../common/form-modal';
import { fieldError } from '../common/page';
import { PriorityList, priorityProblem, type PriorityEntry } from '../common/priority-list';
import { STRATEGY_DESCRIPTIONS, STRATEGY_LABELS } from './strategies';

interface Values {
  name: string;
  strategy: AcdGroup['strategy'];
  offerTimeoutSeconds: number | string;
  /** Empty: SMS wait until someone takes them. */
  maxWaitMinutes: number | string;
  members: PriorityEntry[];
}

const FIELDS = ['name', 'strategy', 'offerTimeoutSeconds', 'maxWaitSeconds', 'members'] as const;

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
  const form = useForm<Values>({
    mode: 'controlled',
    validateInputOnChange: true,
    initialValues: {
      name: group?.name ?? '',
      strategy: group?.strategy ?? 'longest_idle',
      offerTimeoutSeconds: group?.offerTimeoutSeconds ?? 30,
      maxWaitMinutes: group?.maxWaitSeconds ? Math.round(group.maxWaitSeconds / 60) : '',
      members: group?.members.map((m) => ({ id: m.agentId, priority: m.priority })) ?? [],
    },
    // The rules of the server's acdGroupBody (server/routes/acd-groups.ts).
    validate: {
      name: (value) =>
        value.trim() === '' ? 'Enter a name such as “Support”' : value.length > 200 ? 'At most 200 characters' : null,
      offerTimeoutSeconds: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 5 && value <= 3600
          ? null
          : 'A whole number of seconds from 5 to 3600',
      maxWaitMinutes: (value) =>
        value === '' || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7 * 24 * 60)
          ? null
          : 'Empty, or a whole number of minutes from 1 to 10080 (7 days)',
      members: { priority: priorityProblem },
    },
  });
  const values = form.getValues();
  const save = useApiMutation(
    (v: Values) => {
      const body = {
        name: v.name.trim(),
        strategy: v.strategy,
        offerTimeoutSeconds: Number(v.offerTimeoutSeconds),
        maxWaitSeconds: v.maxWaitMinutes === '' ? null : Number(v.maxWaitMinutes) * 60,
        members: v.members.map((m) => ({ agentId: m.id, priority: Number(m.priority) })),
      };
      return group
        ? patch<AcdGroup>(`/api/acd-groups/${group.id}`, body)
        : post<AcdGroup>('/api/acd-groups', { ...body, clientId });
    },
    [keys.acdGroups(clientId), keys.agents(clientId), ['acd-group-live']],
  );
  const errorOf = (field: (typeof FIELDS)[number]) => form.errors[field] ?? fieldError(save.error, field);
  const memberIds = new Set(values.members.map((m) => m.id));
  // Deactivated agents are not offered for adding, but stay listed while they are members.
  const options = (agents.data ?? [])
    .filter((agent) => agent.active || memberIds.has(agent.id))
    .map((agent) => ({ value: agent.id, label: agent.displayName }));
  const inactive = new Set((agents.data ?? []).filter((agent) => !agent.active).map((agent) => agent.id));

  return (
    <FormModal
      title={group ? `Edit ${group.name}` : 'New ACD group'}
      submitLabel={group ? 'Save' : 'Create ACD group'}
      onClose={onClose}
      loading={save.isPending}
      error={save.error}
      fields={FIELDS}
      size="lg"
      testId="acd-group-form"
      onSubmit={() => {
        if (form.validate().hasErrors) return;
        save.mutate(form.getValues(), {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              message: group ? `“${saved.name}” saved` : `ACD group “${saved.name}” created`,
            });
            onClose();
          },
        });
      }}
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} error={errorOf('name')} />
      <Group grow align="flex-start">
        <Select
          label="Distribution"
          allowDeselect={false}
          data={Object.entries(STRATEGY_LABELS).map(([value, label]) => ({ value, label }))}
          description={STRATEGY_DESCRIPTIONS[values.strategy]}
          {...form.getInputProps('strategy')}
          error={errorOf('strategy')}
        />
        <NumberInput
          label="Offer timeout (seconds)"
          min={5}
          max={3600}
          allowDecimal={false}
          description="How long an agent has to accept before the next one is asked."
          {...form.getInputProps('offerTimeoutSeconds')}
          error={errorOf('offerTimeoutSeconds')}
        />
      </Group>
      <NumberInput
        label="Maximum wait (minutes)"
        min={1}
        max={7 * 24 * 60}
        allowDecimal={false}
        placeholder="No limit"
        description="An SMS nobody took within this time expires and is offered to nobody. Empty: it waits until someone takes it."
        {...form.getInputProps('maxWaitMinutes')}
        error={form.errors.maxWaitMinutes ?? fieldError(save.error, 'maxWaitSeconds')}
      />
      <PriorityList
        label="Members"
        description="A higher priority (0–100) is asked first; the distribution decides among equals."
        empty="No members yet: SMS wait in the queue until agents are added."
        entries={values.members}
        options={options}
        addPlaceholder="Add an agent …"
        nothingToAdd={agents.data?.length === 0 ? 'No agents in this client yet' : 'Every agent is a member'}
        onChange={(members) => form.setFieldValue('members', members)}
        errorOf={(index) =>
          fieldError(save.error, `members.${index}.agentId`) ?? fieldError(save.error, `members.${index}.priority`)
        }
        note={(id) => (inactive.has(id) ? 'deactivated' : undefined)}
        testId="group-members"
      />
    </FormModal>
  );
}
