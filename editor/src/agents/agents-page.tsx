import { ActionIcon, Badge, Button, Group, Menu, Select, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EllipsisVertical, History, MailX, Pencil, Plus, Power, Search, UsersRound } from 'lucide-react';
import { useState } from 'react';
import type { AgentView } from '../../../contract/agents';
import type { AgentStatus } from '../../../contract/domain';
import { keys, patch, put, useAcdGroups, useAgents, useApiMutation } from '../api/queries';
import { ConfirmModal } from '../common/confirm';
import { DataTable } from '../common/data-table';
import { EmptyState, ErrorAlert, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { AGENT_STATUS_COLORS, AGENT_STATUS_LABELS, agentStatuses, durationSince } from '../desk/agent-status-labels';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { AgentFormModal } from './agent-form';
import { NO_MAIL_SERVER_REASON, NoMailServerWarning } from './no-mail-server';
import { StatusHistoryDrawer } from './status-history-drawer';

export function AgentsPage() {
  return <RequireClient>{(clientId) => <Agents clientId={clientId} />}</RequireClient>;
}

function Agents({ clientId }: { clientId: string }) {
  const agents = useAgents(clientId);
  const { me } = useSession();
  const unreachable = (agent: AgentView) => agent.active && agent.smsDelivery === 'email' && !me.emailConfigured;
  const groups = useAcdGroups(clientId);
  const [statusFilter, setStatusFilter] = useState<string | null>(null);
  const [groupFilter, setGroupFilter] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<AgentView | 'new' | undefined>();
  const [historyOf, setHistoryOf] = useState<AgentView | undefined>();
  const [deactivating, setDeactivating] = useState<AgentView | undefined>();
  const now = Date.now();
  const invalidate = [keys.agents(clientId), ['acd-group-live']];
  const setStatus = useApiMutation(
    ({ agent, status }: { agent: AgentView; status: AgentStatus }) =>
      put<AgentView>(`/api/agents/${agent.id}/status`, { status }),
    [...invalidate, ['agent-history']],
  );
  const setActive = useApiMutation(
    ({ agent, active }: { agent: AgentView; active: boolean }) => patch(`/api/users/${agent.id}`, { active }),
    [...invalidate, keys.users],
  );
  const needle = search.trim().toLowerCase();
  const visible = agents.data?.filter(
    (agent) =>
      (!statusFilter || agent.status === statusFilter) &&
      (!groupFilter || agent.groups.some((group) => group.acdGroupId === groupFilter)) &&
      (!needle || agent.displayName.toLowerCase().includes(needle) || agent.email.toLowerCase().includes(needle)),
  );
  const filtered = statusFilter !== null || groupFilter !== null || needle !== '';
  const { sorted, sort, toggle } = useSorted(
    visible,
    {
      name: (agent) => agent.displayName.toLowerCase(),
      status: (agent) => agentStatuses.indexOf(agent.status),
      load: (agent) => agent.load / agent.capacity,
      delivery: (agent) => agent.smsDelivery,
      account: (agent) => (agent.active ? 0 : 1),
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
  const counts = Object.fromEntries(
    agentStatuses.map((status) => [status, agents.data?.filter((a) => a.active && a.status === status).length ?? 0]),
  ) as Record<AgentStatus, number>;

  return (
    <>
      <PageHeader
        title="Agents"
        description="The people who answer SMS, in the agent desk or by e-mail. While Available, an agent is offered SMS of their ACD groups, up to their capacity."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
            New agent
          </Button>
        }
      />
      <Group mb="sm" gap="xs" justify="space-between">
        <Group gap="xs">
          <TextInput
            aria-label="Search agents"
            placeholder="Name or e-mail"
            leftSection={<Search size={14} />}
            size="xs"
            w={200}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
          <Select
            aria-label="Filter by status"
            placeholder="Any status"
            clearable
            w={170}
            size="xs"
            value={statusFilter}
            onChange={setStatusFilter}
            clearButtonProps={{ 'aria-label': 'Clear the status filter', 'aria-hidden': false }}
            data={agentStatuses.map((status) => ({ value: status, label: AGENT_STATUS_LABELS[status] }))}
          />
          <Select
            aria-label="Filter by ACD group"
            placeholder="Any ACD group"
            clearable
            searchable
            w={200}
            size="xs"
            value={groupFilter}
            onChange={setGroupFilter}
            clearButtonProps={{ 'aria-label': 'Clear the group filter', 'aria-hidden': false }}
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
          />
        </Group>
        <Group gap={6} data-testid="status-counts">
          {agentStatuses
            .filter((status) => counts[status] > 0)
            .map((status) => (
              <Badge key={status} variant="light" color={AGENT_STATUS_COLORS[status]} size="sm">
                {counts[status]} {AGENT_STATUS_LABELS[status].toLowerCase()}
              </Badge>
            ))}
          <Text size="xs" c="dimmed" ml={4}>
            Live · every 5 s
          </Text>
        </Group>
      </Group>
      <ErrorAlert error={agents.error} onRetry={() => void agents.refetch()} />
      {agents.data?.some(unreachable) && (
        <NoMailServerWarning agents={agents.data.filter(unreachable).length} testId="agents-no-mail-server" />
      )}
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Agent
            </SortableTh>
            <SortableTh column="status" sort={sort} onSort={toggle} w={220}>
              Status
            </SortableTh>
            <SortableTh column="load" sort={sort} onSort={toggle} w={100}>
              Load
            </SortableTh>
            <SortableTh column="delivery" sort={sort} onSort={toggle} w={110}>
              Delivery
            </SortableTh>
            <Table.Th>ACD groups</Table.Th>
            <SortableTh column="account" sort={sort} onSort={toggle} w={120}>
              Account
            </SortableTh>
            <Table.Th w={50} />
          </Table.Tr>
        </Table.Thead>
        {agents.isPending ? (
          <TableSkeleton columns={7} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((agent) => (
              <Table.Tr key={agent.id} data-testid="agent-row" c={agent.active ? undefined : 'dimmed'}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {agent.displayName}
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
                        for {durationSince(agent.statusSince, now)}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Tooltip
                    label={agent.load >= agent.capacity ? 'At capacity: no new offers' : 'Offered or accepted now'}
                  >
                    <Text size="sm" span c={agent.load >= agent.capacity ? 'orange.8' : undefined} fw={500}>
                      {agent.load} / {agent.capacity}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  {unreachable(agent) ? (
                    <Tooltip label={NO_MAIL_SERVER_REASON} multiline w={220}>
                      <Group gap={4} wrap="nowrap" c="orange.8">
                        <MailX size={14} aria-label={NO_MAIL_SERVER_REASON} />
                        <Text size="sm" span>
                          E-mail
                        </Text>
                      </Group>
                    </Tooltip>
                  ) : agent.smsDelivery === 'email' ? (
                    'E-mail'
                  ) : (
                    'Agent desk'
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {agent.groups.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        none — receives no SMS
                      </Text>
                    ) : (
                      agent.groups.map((group) => (
                        <Tooltip key={group.acdGroupId} label={`Priority ${group.priority} in ${group.name}`}>
                          <Badge variant="light" color="gray" size="sm">
                            {group.name}
                            {group.priority > 0 ? ` · ${group.priority}` : ''}
                          </Badge>
                        </Tooltip>
                      ))
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {agent.active ? (
                    <Badge variant="light" color="teal" size="sm">
                      Active
                    </Badge>
                  ) : (
                    <Badge variant="outline" color="gray" size="sm">
                      Deactivated
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Menu position="bottom-end" shadow="md" width={220}>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${agent.displayName}`}>
                        <EllipsisVertical size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Label>Set status on their behalf</Menu.Label>
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
                          agent.active
                            ? setDeactivating(agent)
                            : setActive.mutate(
                                { agent, active: true },
                                {
                                  onSuccess: () =>
                                    notifications.show({
                                      color: 'teal',
                                      message: `${agent.displayName} can sign in again`,
                                    }),
                                  onError: (error) => notifications.show({ color: 'red', message: error.message }),
                                },
                              )
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
      {agents.data && agents.data.length > 0 && visible?.length === 0 && filtered && (
        <EmptyState
          icon={Search}
          title="No agent matches"
          action={
            <Button
              variant="default"
              onClick={() => {
                setStatusFilter(null);
                setGroupFilter(null);
                setSearch('');
              }}
            >
              Clear the filters
            </Button>
          }
        >
          {agents.data.length} agents in this client; none with this status, group or name.
        </EmptyState>
      )}
      {editing && (
        <AgentFormModal
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
          setActive.mutate(
            { agent: deactivating, active: false },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: `${deactivating.displayName} is deactivated` });
                setDeactivating(undefined);
              },
            },
          )
        }
      >
        They can no longer sign in and are logged off; SMS offered to them go to other agents. You can reactivate them
        later.
      </ConfirmModal>
    </>
  );
}
