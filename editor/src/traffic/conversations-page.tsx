import { Badge, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { MessagesSquare, Search } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAcdGroups, useAgents, useConversationPage, type ConversationFilters } from '../api/queries';
import { CONVERSATION_STATES, type ConversationListItem, type ConversationState } from '../api/types';
import { useCursorPaging } from '../common/cursor-pager';
import { FilterBar, SelectFilter, useFilters } from '../common/filters';
import { nameOf } from '../common/format';
import { momentColumn, type ListColumn } from '../common/list-table';
import { EmptyState, PageHeader, RefreshButton } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { statusLabel } from '../i18n/status-label';
import { RequireClient } from '../shell/require-client';
import { ConversationDetail } from './conversation-detail';
import { CONVERSATION_STATE_COLORS } from './status-colors';
import { TrafficViews } from './traffic-views';

/** Traffic's conversations: the list, and one conversation's thread in a drawer. */
export function ConversationsPage() {
  return <RequireClient>{(clientId) => <Conversations clientId={clientId} />}</RequireClient>;
}

function Conversations({ clientId }: { clientId: string }) {
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const groups = useAcdGroups(clientId);
  const agents = useAgents(clientId);
  const paging = useCursorPaging();
  const filters = useFilters({ state: null as string | null, customer: '' }, paging.reset);
  const [customer] = useDebouncedValue(filters.values.customer.trim(), 300);
  const { state } = filters.values;
  const cursor = paging.cursor;
  const conversationFilters: ConversationFilters = useMemo(
    () => ({
      state: (state as ConversationState | null) ?? undefined,
      customerNumber: customer || undefined,
      cursor,
    }),
    [state, customer, cursor],
  );
  const page = useConversationPage(clientId, conversationFilters);
  const agentName = (id: string | null) =>
    id === null ? null : ((agents.data ?? []).find((agent) => agent.id === id)?.displayName ?? null);

  const columns: ListColumn<ConversationListItem>[] = [
    momentColumn('last', t('traffic.conversations.lastAt'), (c) => c.lastMessageAt),
    {
      key: 'customer',
      header: t('traffic.conversations.customer'),
      width: 170,
      cellProps: { ff: 'monospace', fz: 12.5 },
      render: (c) => c.customerNumber,
    },
    {
      key: 'ours',
      header: t('traffic.conversations.ourNumber'),
      width: 170,
      cellProps: { ff: 'monospace', fz: 12.5 },
      render: (c) => c.ourNumber,
    },
    {
      key: 'state',
      header: t('traffic.conversations.state'),
      width: 150,
      render: (c) => (
        <Badge variant="light" color={CONVERSATION_STATE_COLORS[c.state]} data-state={c.state}>
          {statusLabel('conversation', c.state)}
        </Badge>
      ),
    },
    {
      key: 'text',
      header: t('traffic.conversations.lastMessage'),
      render: (c) =>
        c.lastMessage ? (
          <Text size="sm" truncate maw={300} title={c.lastMessage.text}>
            {c.lastMessage.direction === 'outbound' && (
              <Text span size="sm" c="dimmed">
                {t('traffic.conversations.replyPrefix')}{' '}
              </Text>
            )}
            {c.lastMessage.text}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      key: 'group',
      header: t('traffic.conversations.group'),
      render: (c) => <Text size="sm">{nameOf(groups.data, c.acdGroupId) ?? '—'}</Text>,
    },
    {
      key: 'agent',
      header: t('traffic.conversations.agent'),
      render: (c) => <Text size="sm">{agentName(c.agentId ?? c.lastAgentId) ?? '—'}</Text>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('traffic.title')}
        description={t('traffic.conversations.description')}
        actions={<RefreshButton label={t('traffic.refresh')} query={page} />}
      />
      <TrafficViews current="conversations" />
      <ResourceList
        query={page}
        paging={paging}
        noun={t('traffic.conversations.noun')}
        columns={columns}
        minWidth={1100}
        skeletonRows={8}
        rowProps={(c) => ({
          onClick: () => navigate(`/traffic/conversations/${c.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'conversation-row',
          'data-conversation': c.id,
          bg: conversationId === c.id ? 'blue.0' : undefined,
        })}
        filters={
          <FilterBar filters={filters}>
            <TextInput
              size="xs"
              w={200}
              label={t('traffic.conversations.customerNumber')}
              placeholder={t('traffic.conversations.customerPlaceholder')}
              leftSection={<Search size={14} />}
              maxLength={64}
              value={filters.values.customer}
              onChange={(event) => filters.set('customer')(event.currentTarget.value)}
              data-testid="filter-customer"
            />
            <SelectFilter
              label={t('traffic.conversations.state')}
              placeholder={t('traffic.conversations.anyState')}
              data={CONVERSATION_STATES.map((value) => ({ value, label: statusLabel('conversation', value) }))}
              value={state}
              onChange={filters.set('state')}
              w={170}
              data-testid="filter-state"
            />
          </FilterBar>
        }
        empty={
          <EmptyState
            icon={MessagesSquare}
            title={filters.active ? t('traffic.conversations.noMatch') : t('traffic.conversations.noneYet')}
          >
            {filters.active ? t('traffic.conversations.widen') : t('traffic.conversations.appearHere')}
          </EmptyState>
        }
      />
      {conversationId && (
        <ConversationDetail
          conversationId={conversationId}
          groupName={(id) => nameOf(groups.data, id) ?? null}
          agentName={agentName}
          onClose={() => navigate('/traffic/conversations')}
        />
      )}
    </>
  );
}
