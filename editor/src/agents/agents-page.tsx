import { Badge, Button, Group, Menu, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EllipsisVertical, History, MailX, Pencil, Power, Search, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../contract/agents';
import type { AgentStatus, ChosenAgentStatus } from '../../../contract/domain';
import { keys, patch, put, useAcdGroups, useAgents, useApiMutation } from '../api/queries';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useFilters } from '../common/filters';
import type { ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowMenu } from '../common/row-actions';
import {
  AGENT_STATUS_COLORS,
  agentStatusLabel,
  agentStatuses,
  chosenAgentStatuses,
  durationSince,
} from '../desk/agent-status-labels';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { UserFormModal, type EditedUser } from '../users/user-form';
import { noMailServerReason, NoMailServerWarning } from './no-mail-server';
import { StatusHistoryDrawer } from './status-history-drawer';

export function AgentsPage() {
  return <RequireClient>{(clientId) => <Agents clientId={clientId} />}</RequireClient>;
}

function Agents({ clientId }: { clientId: string }) {
  const agents = useAgents(clientId);
  const { t } = useTranslation();
  const { me, clientName } = useSession();
  const unreachable = (agent: AgentView) => agent.active && agent.smsDelivery === 'email' && !me.emailConfigured;
  const groups = useAcdGroups(clientId);
  const filters = useFilters({ search: '', status: null as string | null, group: null as string | null });
  const { search, status: statusFilter, group: groupFilter } = filters.values;
  const [editing, setEditing] = useState<AgentView | 'new' | undefined>();
  const [historyOf, setHistoryOf] = useState<AgentView | undefined>();
  const now = Date.now();
  const invalidate = [keys.agents(clientId), ['acd-group-live']];
  const setStatus = useApiMutation(
    ({ agent, status }: { agent: AgentView; status: ChosenAgentStatus }) =>
      put<AgentView>(`/api/agents/${agent.id}/status`, { status }),
    [...invalidate, ['agent-history']],
  );
  const setActive = useApiMutation(
    ({ agent, active }: { agent: AgentView; active: boolean }) => patch(`/api/users/${agent.id}`, { active }),
    [...invalidate, keys.users],
  );
  const deactivating = useConfirm(
    setActive,
    (agent: AgentView) => ({ agent, active: false }),
    (agent) => notifications.show({ color: 'teal', message: t('agents.isDeactivated', { name: agent.displayName }) }),
  );
  const needle = search.trim().toLowerCase();
  const visible = agents.data?.filter(
    (agent) =>
      (!statusFilter || agent.status === statusFilter) &&
      (!groupFilter || agent.groups.some((group) => group.acdGroupId === groupFilter)) &&
      (!needle || agent.displayName.toLowerCase().includes(needle) || agent.email.toLowerCase().includes(needle)),
  );
  const changeStatus = (agent: AgentView, status: ChosenAgentStatus) =>
    setStatus.mutate(
      { agent, status },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('agents.nowStatus', { name: agent.displayName, status: agentStatusLabel(status) }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  const reactivate = (agent: AgentView) =>
    setActive.mutate(
      { agent, active: true },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('agents.canSignInAgain', { name: agent.displayName }) }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  const counts = Object.fromEntries(
    agentStatuses.map((status) => [status, agents.data?.filter((a) => a.active && a.status === status).length ?? 0]),
  ) as Record<AgentStatus, number>;

  const columns: ListColumn<AgentView>[] = [
    {
      key: 'name',
      header: t('agents.agent'),
      sortValue: (agent) => agent.displayName.toLowerCase(),
      render: (agent) => (
        <>
          <Text size="sm" fw={500}>
            {agent.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {agent.email}
          </Text>
        </>
      ),
    },
    {
      key: 'status',
      header: t('agents.status'),
      width: 260,
      sortValue: (agent) => agentStatuses.indexOf(agent.status),
      render: (agent) => (
        <Group gap={6} wrap="nowrap">
          <Badge variant="dot" color={AGENT_STATUS_COLORS[agent.status]}>
            {agentStatusLabel(agent.status)}
          </Badge>
          {agent.status === 'pause' && agent.pauseReason && (
            <Text size="xs" fw={500} truncate data-testid="agent-pause-reason">
              {agent.pauseReason}
            </Text>
          )}
          {agent.statusSince && (
            <Text size="xs" c="dimmed">
              {t('agents.forDuration', { duration: durationSince(agent.statusSince, now) })}
            </Text>
          )}
        </Group>
      ),
    },
    {
      key: 'load',
      header: t('agents.load'),
      width: 100,
      sortValue: (agent) => agent.load / agent.capacity,
      render: (agent) => (
        <Tooltip label={agent.load >= agent.capacity ? t('agents.atCapacity') : t('agents.offeredOrAccepted')}>
          <Text size="sm" span c={agent.load >= agent.capacity ? 'orange.8' : undefined} fw={500}>
            {agent.load} / {agent.capacity}
          </Text>
        </Tooltip>
      ),
    },
    {
      key: 'delivery',
      header: t('agents.delivery'),
      width: 170,
      sortValue: (agent) => agent.smsDelivery,
      render: (agent) =>
        unreachable(agent) ? (
          <Tooltip label={noMailServerReason()} multiline w={220}>
            <Group gap={4} wrap="nowrap" c="orange.8">
              <MailX size={14} aria-label={noMailServerReason()} />
              <Text size="sm" span>
                {t('status.smsDelivery.email')}
              </Text>
            </Group>
          </Tooltip>
        ) : (
          t(`status.smsDelivery.${agent.smsDelivery}`)
        ),
    },
    {
      key: 'groups',
      header: t('agents.acdGroups'),
      render: (agent) => (
        <Group gap={4}>
          {agent.groups.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('agents.inNoGroup')}
            </Text>
          ) : (
            agent.groups.map((group) => (
              <Tooltip
                key={group.acdGroupId}
                label={t('agents.priorityIn', { priority: group.priority, group: group.name })}
              >
                <Badge variant="light" color="gray" size="sm">
                  {group.name}
                  {group.priority > 0 ? ` · ${group.priority}` : ''}
                </Badge>
              </Tooltip>
            ))
          )}
        </Group>
      ),
    },
    {
      key: 'account',
      header: t('agents.account'),
      width: 120,
      sortValue: (agent) => (agent.active ? 0 : 1),
      render: (agent) =>
        agent.active ? (
          <Badge variant="light" color="teal" size="sm">
            {t('common.active')}
          </Badge>
        ) : (
          <Badge variant="outline" color="gray" size="sm">
            {t('agents.deactivated')}
          </Badge>
        ),
    },
    actionsColumn(50, (agent) => (
      <RowMenu label={t('agents.actionsFor', { name: agent.displayName })} icon={EllipsisVertical}>
        <Menu.Label>{t('agents.setStatusOnBehalf')}</Menu.Label>
        {chosenAgentStatuses
          .filter((status) => status !== agent.status && (agent.active || status === 'logged_off'))
          .map((status) => (
            <Menu.Item key={status} onClick={() => changeStatus(agent, status)}>
              <Badge variant="dot" color={AGENT_STATUS_COLORS[status]}>
                {agentStatusLabel(status)}
              </Badge>
            </Menu.Item>
          ))}
        <Menu.Divider />
        <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(agent)}>
          {t('common.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<History size={14} />} onClick={() => setHistoryOf(agent)}>
          {t('agents.statusHistory')}
        </Menu.Item>
        <Menu.Item
          leftSection={<Power size={14} />}
          color={agent.active ? 'red' : undefined}
          onClick={() => (agent.active ? deactivating.ask(agent) : reactivate(agent))}
        >
          {agent.active ? t('agents.deactivate') : t('agents.reactivate')}
        </Menu.Item>
      </RowMenu>
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('agents.title')}
        description={t('agents.description')}
        actions={<NewButton onClick={() => setEditing('new')}>{t('agents.newAgent')}</NewButton>}
      />
      <ResourceList
        query={agents}
        items={visible}
        columns={columns}
        rowKey={(agent) => agent.id}
        initialSort={{ key: 'name', direction: 'asc' }}
        rowProps={(agent) => ({ 'data-testid': 'agent-row', c: agent.active ? undefined : 'dimmed' })}
        filters={
          <Group mb="sm" gap="xs" justify="space-between">
            <Group gap="xs">
              <TextInput
                aria-label={t('agents.search')}
                placeholder={t('agents.nameOrEmail')}
                leftSection={<Search size={14} />}
                size="xs"
                w={200}
                value={search}
                onChange={(event) => filters.set('search')(event.currentTarget.value)}
              />
              <Select
                aria-label={t('agents.filterStatus')}
                placeholder={t('agents.anyStatus')}
                clearable
                w={170}
                size="xs"
                value={statusFilter}
                onChange={filters.set('status')}
                clearButtonProps={{ 'aria-label': t('agents.clearStatusFilter'), 'aria-hidden': false }}
                data={agentStatuses.map((status) => ({ value: status, label: agentStatusLabel(status) }))}
              />
              <Select
                aria-label={t('agents.filterGroup')}
                placeholder={t('agents.anyGroup')}
                clearable
                searchable
                w={200}
                size="xs"
                value={groupFilter}
                onChange={filters.set('group')}
                clearButtonProps={{ 'aria-label': t('agents.clearGroupFilter'), 'aria-hidden': false }}
                data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
              />
            </Group>
            <Group gap={6} data-testid="status-counts">
              {agentStatuses
                .filter((status) => counts[status] > 0)
                .map((status) => (
                  <Badge key={status} variant="light" color={AGENT_STATUS_COLORS[status]} size="sm">
                    {counts[status]} {agentStatusLabel(status).toLowerCase()}
                  </Badge>
                ))}
              <Text size="xs" c="dimmed" ml={4}>
                {t('agents.liveEvery')}
              </Text>
            </Group>
          </Group>
        }
        notice={
          agents.data?.some(unreachable) && (
            <NoMailServerWarning agents={agents.data.filter(unreachable).length} testId="agents-no-mail-server" />
          )
        }
        empty={
          agents.data?.length === 0 ? (
            <EmptyState
              icon={UsersRound}
              title={t('agents.noneYet')}
              action={<Button onClick={() => setEditing('new')}>{t('agents.createAgent')}</Button>}
            >
              {t('agents.createHint')}
            </EmptyState>
          ) : (
            filters.active && (
              <EmptyState
                icon={Search}
                title={t('agents.noMatch')}
                action={
                  <Button variant="default" onClick={filters.clear}>
                    {t('agents.clearFilters')}
                  </Button>
                }
              >
                {t('agents.noneMatch', { count: agents.data?.length ?? 0 })}
              </EmptyState>
            )
          )
        }
      />
      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : asUser(editing)}
          groups={editing === 'new' ? [] : editing.groups}
          context={{ client: { id: clientId, name: clientName ?? '' } }}
          defaultRole="agent"
          roleFixed
          onClose={() => setEditing(undefined)}
        />
      )}
      <StatusHistoryDrawer agent={historyOf} onClose={() => setHistoryOf(undefined)} />
      <ConfirmModal
        {...deactivating.props}
        title={t('agents.deactivateTitle', { name: deactivating.item?.displayName ?? '' })}
        confirmLabel={t('agents.deactivate')}
      >
        {t('agents.deactivateText')}
      </ConfirmModal>
    </>
  );
}

/** An agent as the user form changes them. */
const asUser = (agent: AgentView): EditedUser => ({ ...agent, role: 'agent', resellerId: null });
