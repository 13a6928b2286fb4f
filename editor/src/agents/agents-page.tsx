import {
  ActionIcon,
  Badge,
  Button,
  Drawer,
  Group,
  Menu,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EllipsisVertical, History, Pencil, Plus, Power, UsersRound } from 'lucide-react';
import { useState } from 'react';
import type { AgentView } from '../../../server/acd/agent-shapes';
import type { AgentStatus } from '../../../server/acd/desk-shapes';
import { keys, patch, post, put, useAgentHistory, useAgents, useApiMutation } from '../api/queries';
import { ConfirmModal } from '../common/confirm';
import { DataTable } from '../common/data-table';
import { formatShortDateTime } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { AGENT_STATUS_COLORS, AGENT_STATUS_LABELS, agentStatuses, durationSince } from '../desk/agent-status-labels';
import { RequireClient } from '../shell/require-client';

export function AgentsPage() {
  return <RequireClient>{(clientId) => <Agents clientId={clientId} />}</RequireClient>;
}

function Agents({ clientId }: { clientId: string }) {
  const agents = useAgents(clientId);
  const [statusFilter, setStatusFilter] = useState<string | null>(null);
  const [editing, setEditing] = useState<AgentView | 'new' | undefined>();
  const [historyOf, setHistoryOf] = useState<AgentView | undefined>();
  const [deactivating, setDeactivating] = useState<AgentView | undefined>();
  const now = Date.now();
  const invalidate = [keys.agents(clientId)];
  const setStatus = useApiMutation(
    ({ agent, status }: { agent: AgentView; status: AgentStatus }) =>
      put<AgentView>(`/api/agents/${agent.id}/status`, { status }),
    invalidate,
  );
  const setActive = useApiMutation(
    ({ agent, active }: { agent: AgentView; active: boolean }) => patch(`/api/users/${agent.id}`, { active }),
    invalidate,
  );
  const visible = agents.data?.filter((agent) => !statusFilter || agent.status === statusFilter);
  const { sorted, sort, toggle } = useSorted(
    visible,
    {
      name: (agent) => agent.displayName.toLowerCase(),
      status: (agent) => agentStatuses.indexOf(agent.status),
      load: (agent) => agent.load / agent.capacity,
      delivery: (agent) => agent.smsDelivery,
    },
    { key: 'name', direction: 'asc' },
  );
  const changeStatus = (agent: AgentView, status: AgentStatus) =>
    setStatus.mutate(
      { agent, status },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: `${agent.displayName} is now ${AGENT_STATUS_LABELS[status]}` }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );

  return (
    <>
      <PageHeader
        title="Agents"
        description="People who receive SMS in the agent desk or by e-mail. Their status decides who is offered work; ACD groups list which agents they serve."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
            New agent
          </Button>
        }
      />
      <Group mb="sm">
        <Select
          aria-label="Filter by status"
          placeholder="Any status"
          clearable
          w={200}
          size="xs"
          value={statusFilter}
          onChange={setStatusFilter}
          data={agentStatuses.map((status) => ({ value: status, label: AGENT_STATUS_LABELS[status] }))}
        />
        <Text size="xs" c="dimmed">
          Refreshed every 5 seconds
        </Text>
      </Group>
      <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Agent
            </SortableTh>
            <SortableTh column="status" sort={sort} onSort={toggle} w={210}>
              Status
            </SortableTh>
            <SortableTh column="load" sort={sort} onSort={toggle} w={110}>
              Load
            </SortableTh>
            <SortableTh column="delivery" sort={sort} onSort={toggle} w={110}>
              Delivery
            </SortableTh>
            <Table.Th>ACD groups</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        {agents.isPending ? (
          <TableSkeleton columns={6} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((agent) => (
              <Table.Tr key={agent.id} data-testid="agent-row" opacity={agent.active ? 1 : 0.55}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {agent.displayName}
                    {!agent.active && (
                      <Badge ml={6} size="xs" color="gray" variant="outline">
                        deactivated
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {agent.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge variant="dot" color={AGENT_STATUS_COLORS[agent.status]}>
                      {AGENT_STATUS_LABELS[agent.status]}
                    </Badge>
                    {agent.statusSince && (
                      <Text size="xs" c="dimmed">
                        {durationSince(agent.statusSince, now)}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={agent.load >= agent.capacity ? 'orange' : undefined}>
                    {agent.load} / {agent.capacity}
                  </Text>
                </Table.Td>
                <Table.Td>{agent.smsDelivery === 'email' ? 'E-mail' : 'Desk'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {agent.groups.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        none
                      </Text>
                    ) : (
                      agent.groups.map((group) => (
                        <Badge key={group.acdGroupId} variant="light" color="gray" size="sm">
                          {group.name}
                        </Badge>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Menu position="bottom-end" shadow="md" width={220}>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${agent.displayName}`}>
                        <EllipsisVertical size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Label>Set status</Menu.Label>
                      {agentStatuses
                        .filter((status) => status !== agent.status && (agent.active || status === 'logged_off'))
                        .map((status) => (
                          <Menu.Item key={status} onClick={() => changeStatus(agent, status)}>
                            <Badge variant="dot" color={AGENT_STATUS_COLORS[status]}>
                              {AGENT_STATUS_LABELS[status]}
                            </Badge>
                          </Menu.Item>
                        ))}
                      <Menu.Divider />
                      <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(agent)}>
                        Edit
                      </Menu.Item>
                      <Menu.Item leftSection={<History size={14} />} onClick={() => setHistoryOf(agent)}>
                        Status history
                      </Menu.Item>
                      <Menu.Item
                        leftSection={<Power size={14} />}
                        color={agent.active ? 'red' : undefined}
                        onClick={() =>
                          agent.active ? setDeactivating(agent) : setActive.mutate({ agent, active: true })
                        }
                      >
                        {agent.active ? 'Deactivate' : 'Reactivate'}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {agents.data?.length === 0 && (
        <EmptyState
          icon={UsersRound}
          title="No agents yet"
          action={<Button onClick={() => setEditing('new')}>Create an agent</Button>}
        >
          Create the people who answer SMS, then add them to ACD groups.
        </EmptyState>
      )}
      {editing && (
        <AgentModal
          clientId={clientId}
          agent={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
      <StatusHistoryDrawer agent={historyOf} onClose={() => setHistoryOf(undefined)} />
      <ConfirmModal
        opened={deactivating !== undefined}
        title={`Deactivate ${deactivating?.displayName ?? ''}?`}
        confirmLabel="Deactivate"
        loading={setActive.isPending}
        error={setActive.error}
        onClose={() => setDeactivating(undefined)}
        onConfirm={() =>
          deactivating &&
          setActive.mutate({ agent: deactivating, active: false }, { onSuccess: () => setDeactivating(undefined) })
        }
      >
        They can no longer sign in and are logged off; SMS offered to them go to other agents.
      </ConfirmModal>
    </>
  );
}

interface AgentForm {
  displayName: string;
  email: string;
  password: string;
  smsDelivery: 'web' | 'email';
  capacity: number;
}

function AgentModal({ clientId, agent, onClose }: { clientId: string; agent?: AgentView; onClose(): void }) {
  const [form, setForm] = useState<AgentForm>({
    displayName: agent?.displayName ?? '',
    email: agent?.email ?? '',
    password: '',
    smsDelivery: agent?.smsDelivery ?? 'web',
    capacity: agent?.capacity ?? 1,
  });
  const save = useApiMutation(
    (body: AgentForm) =>
      agent
        ? patch(`/api/users/${agent.id}`, {
            displayName: body.displayName,
            email: body.email,
            smsDelivery: body.smsDelivery,
            capacity: body.capacity,
            ...(body.password ? { password: body.password } : {}),
          })
        : post('/api/users', { ...body, role: 'agent', clientId }),
    [keys.agents(clientId)],
  );
  const set = <K extends keyof AgentForm>(key: K, value: AgentForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <Modal opened onClose={onClose} title={agent ? `Edit ${agent.displayName}` : 'New agent'} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(form, {
            onSuccess: () => {
              notifications.show({
                color: 'teal',
                message: agent ? 'Agent saved' : `Agent “${form.displayName}” created`,
              });
              onClose();
            },
          });
        }}
      >
        <Stack>
          <ErrorAlert error={formError(save.error, ['displayName', 'email', 'password', 'smsDelivery', 'capacity'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={form.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={fieldError(save.error, 'displayName')}
          />
          <TextInput
            label="E-mail"
            required
            type="email"
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={fieldError(save.error, 'email')}
            description="Used to sign in, and for SMS when delivery is by e-mail."
          />
          <PasswordInput
            label={agent ? 'New password' : 'Password'}
            required={!agent}
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={fieldError(save.error, 'password')}
            description={agent ? 'Leave empty to keep the current one.' : 'At least 10 characters.'}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              SMS delivery
            </Text>
            <SegmentedControl
              aria-label="SMS delivery"
              value={form.smsDelivery}
              onChange={(value) => set('smsDelivery', value as AgentForm['smsDelivery'])}
              data={[
                { value: 'web', label: 'Agent desk' },
                { value: 'email', label: 'E-mail' },
              ]}
            />
          </Stack>
          <NumberInput
            label="Capacity"
            description="How many SMS the agent handles at once."
            min={1}
            max={100}
            value={form.capacity}
            onChange={(value) => set('capacity', typeof value === 'number' ? value : 1)}
            error={fieldError(save.error, 'capacity')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {agent ? 'Save' : 'Create agent'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function StatusHistoryDrawer({ agent, onClose }: { agent: AgentView | undefined; onClose(): void }) {
  const history = useAgentHistory(agent?.id);
  return (
    <Drawer
      opened={agent !== undefined}
      onClose={onClose}
      position="right"
      title={`Status history · ${agent?.displayName ?? ''}`}
    >
      <ErrorAlert error={history.error} />
      {history.data?.items.length === 0 && <Text c="dimmed">No status set yet: the agent is logged off.</Text>}
      <Timeline bulletSize={14} lineWidth={2}>
        {history.data?.items.map((change, index) => (
          <Timeline.Item
            key={`${change.enteredAt}-${index}`}
            color={AGENT_STATUS_COLORS[change.status]}
            title={AGENT_STATUS_LABELS[change.status]}
          >
            <Text size="xs" c="dimmed">
              {formatShortDateTime(change.enteredAt)}
              {change.changedBy ? ` · by ${change.changedBy.displayName ?? 'someone'}` : ''}
              {change.reason ? ` · ${change.reason}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Drawer>
  );
}
