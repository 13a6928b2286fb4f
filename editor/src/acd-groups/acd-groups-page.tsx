import {
  ActionIcon,
  Badge,
  Button,
  Drawer,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Activity, Headset, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { keys, patch, post, useAcdGroups, useAgents, useApiMutation, useGroupLive } from '../api/queries';
import { AGENT_STATUS_COLORS, AGENT_STATUS_LABELS, durationSince } from '../desk/agent-status-labels';
import type { AcdGroup } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';

const STRATEGIES: Record<AcdGroup['strategy'], string> = {
  longest_idle: 'Longest idle first',
  round_robin: 'Round robin',
};

export function AcdGroupsPage() {
  return <RequireClient>{(clientId) => <AcdGroups clientId={clientId} />}</RequireClient>;
}

function AcdGroups({ clientId }: { clientId: string }) {
  const groups = useAcdGroups(clientId);
  const [editing, setEditing] = useState<AcdGroup | 'new' | undefined>();
  const [watching, setWatching] = useState<AcdGroup | undefined>();
  const { sorted, sort, toggle } = useSorted(
    groups.data,
    {
      name: (group) => group.name,
      strategy: (group) => STRATEGIES[group.strategy],
      timeout: (group) => group.offerTimeoutSeconds,
      members: (group) => group.members.length,
      created: (group) => group.createdAt ?? '',
    },
    { key: 'name', direction: 'asc' },
  );
  return (
    <>
      <PageHeader
        title="ACD groups"
        description="Groups of agents that receive SMS as media events. Connectors and routing applications route to them."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
            New ACD group
          </Button>
        }
      />
      <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Name
            </SortableTh>
            <SortableTh column="strategy" sort={sort} onSort={toggle} w={200}>
              Distribution
            </SortableTh>
            <SortableTh column="timeout" sort={sort} onSort={toggle} w={140}>
              Offer timeout
            </SortableTh>
            <SortableTh column="members" sort={sort} onSort={toggle} w={110}>
              Members
            </SortableTh>
            <SortableTh column="created" sort={sort} onSort={toggle} w={210}>
              Created
            </SortableTh>
            <Table.Th w={90} />
          </Table.Tr>
        </Table.Thead>
        {groups.isPending ? (
          <TableSkeleton columns={6} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((group) => (
              <Table.Tr key={group.id}>
                <Table.Td fw={500}>{group.name}</Table.Td>
                <Table.Td>{STRATEGIES[group.strategy]}</Table.Td>
                <Table.Td>{group.offerTimeoutSeconds} s</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={group.members.length ? 'blue' : 'gray'}>
                    {group.members.length}
                  </Badge>
                </Table.Td>
                <Table.Td c="dimmed">{formatDateTime(group.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <Group gap={2} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Live view">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Live view of ${group.name}`}
                        onClick={() => setWatching(group)}
                      >
                        <Activity size={15} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Edit">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Edit ${group.name}`}
                        onClick={() => setEditing(group)}
                      >
                        <Pencil size={15} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {groups.data?.length === 0 && (
        <EmptyState
          icon={Headset}
          title="No ACD groups yet"
          action={<Button onClick={() => setEditing('new')}>Create an ACD group</Button>}
        >
          Create a group such as “Support” before you set up a connector: every SMS ends up in a group.
        </EmptyState>
      )}
      {editing && (
        <AcdGroupModal
          clientId={clientId}
          group={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
      <LiveDrawer group={watching} onClose={() => setWatching(undefined)} />
    </>
  );
}

interface GroupForm {
  name: string;
  strategy: AcdGroup['strategy'];
  offerTimeoutSeconds: number;
  members: Array<{ agentId: string; priority: number }>;
}

function AcdGroupModal({
  clientId,
  group,
  onClose,
}: {
  clientId: string;
  group: AcdGroup | undefined;
  onClose(): void;
}) {
  const agents = useAgents(clientId);
  const [form, setForm] = useState<GroupForm>({
    name: group?.name ?? '',
    strategy: group?.strategy ?? 'longest_idle',
    offerTimeoutSeconds: group?.offerTimeoutSeconds ?? 30,
    members: group?.members ?? [],
  });
  const save = useApiMutation(
    (body: GroupForm) =>
      group
        ? patch<AcdGroup>(`/api/acd-groups/${group.id}`, body)
        : post<AcdGroup>('/api/acd-groups', { ...body, clientId }),
    [keys.acdGroups(clientId), keys.agents(clientId)],
  );
  const set = <K extends keyof GroupForm>(key: K, value: GroupForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const memberIds = new Set(form.members.map((m) => m.agentId));
  const candidates = (agents.data ?? []).filter((agent) => !memberIds.has(agent.id));
  const nameOfAgent = (id: string) => agents.data?.find((agent) => agent.id === id)?.displayName ?? 'Unknown agent';
  return (
    <Modal opened onClose={onClose} title={group ? `Edit ${group.name}` : 'New ACD group'} centered size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(form, {
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
        <Stack>
          <ErrorAlert error={formError(save.error, ['name', 'strategy', 'offerTimeoutSeconds', 'members'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
          />
          <Group grow align="flex-start">
            <Select
              label="Distribution"
              allowDeselect={false}
              value={form.strategy}
              onChange={(value) => value && set('strategy', value as GroupForm['strategy'])}
              data={Object.entries(STRATEGIES).map(([value, label]) => ({ value, label }))}
              description="Who among the available members is offered the next SMS."
            />
            <NumberInput
              label="Offer timeout (seconds)"
              min={5}
              max={3600}
              value={form.offerTimeoutSeconds}
              onChange={(value) => set('offerTimeoutSeconds', typeof value === 'number' ? value : 30)}
              error={fieldError(save.error, 'offerTimeoutSeconds')}
              description="Then the next agent gets the offer."
            />
          </Group>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Members
            </Text>
            <Text size="xs" c="dimmed">
              Members with a higher priority are asked first; the distribution decides among equals.
            </Text>
            {form.members.length === 0 && (
              <Text size="sm" c="dimmed">
                No members yet: SMS wait in the queue until agents are added.
              </Text>
            )}
            {form.members.map((member, index) => (
              <Group key={member.agentId} wrap="nowrap" data-testid="member-row">
                <Text size="sm" style={{ flex: 1 }}>
                  {nameOfAgent(member.agentId)}
                </Text>
                <NumberInput
                  aria-label={`Priority of ${nameOfAgent(member.agentId)}`}
                  w={110}
                  min={0}
                  max={100}
                  size="xs"
                  value={member.priority}
                  error={fieldError(save.error, `members.${index}.agentId`)}
                  onChange={(value) =>
                    set(
                      'members',
                      form.members.map((m) =>
                        m.agentId === member.agentId ? { ...m, priority: typeof value === 'number' ? value : 0 } : m,
                      ),
                    )
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove ${nameOfAgent(member.agentId)}`}
                  onClick={() =>
                    set(
                      'members',
                      form.members.filter((m) => m.agentId !== member.agentId),
                    )
                  }
                >
                  <Trash2 size={15} />
                </ActionIcon>
              </Group>
            ))}
            <Select
              aria-label="Add an agent"
              placeholder={candidates.length ? 'Add an agent …' : 'Every agent of the client is a member'}
              disabled={candidates.length === 0}
              searchable
              value={null}
              onChange={(value) => value && set('members', [...form.members, { agentId: value, priority: 0 }])}
              data={candidates.map((agent) => ({ value: agent.id, label: agent.displayName }))}
            />
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? 'Save' : 'Create ACD group'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function LiveDrawer({ group, onClose }: { group: AcdGroup | undefined; onClose(): void }) {
  const live = useGroupLive(group?.id);
  const now = Date.now();
  const data = live.data;
  return (
    <Drawer
      opened={group !== undefined}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Live · {group?.name}</Text>}
    >
      <ErrorAlert error={live.error} />
      {data && (
        <Stack data-testid="group-live">
          <SimpleGrid cols={4} spacing="sm">
            <Figure label="Waiting" value={data.queueLength} testId="live-queue" />
            <Figure label="Oldest waits" value={data.oldestQueuedAt ? durationSince(data.oldestQueuedAt, now) : '—'} />
            <Figure label="Offered" value={data.offered} />
            <Figure label="In progress" value={data.accepted} />
          </SimpleGrid>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Agent</Table.Th>
                <Table.Th w={190}>Status</Table.Th>
                <Table.Th w={80}>Load</Table.Th>
                <Table.Th w={70}>Priority</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.agents.map((agent) => (
                <Table.Tr key={agent.id}>
                  <Table.Td>
                    {agent.displayName}
                    {agent.smsDelivery === 'email' && (
                      <Badge ml={6} size="xs" variant="outline" color="gray">
                        e-mail
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="dot" color={AGENT_STATUS_COLORS[agent.status]}>
                        {AGENT_STATUS_LABELS[agent.status]}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {durationSince(agent.statusSince, now)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {agent.load} / {agent.capacity}
                  </Table.Td>
                  <Table.Td>{agent.priority}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.agents.length === 0 && <Text c="dimmed">No members: edit the group to add agents.</Text>}
          <Text size="xs" c="dimmed">
            Refreshed every 2 seconds.
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}

function Figure({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
