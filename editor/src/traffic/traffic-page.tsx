import { Badge, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { MessageSquareText, Search } from 'lucide-react';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAcdGroups, useConnectors, useSmsPage, type SmsFilters } from '../api/queries';
import { SMS_STATUSES, type InboundSms, type SmsStatus } from '../api/types';
import { SEARCH_MAX_LENGTH } from '../../../contract/traffic';
import { useCursorPaging } from '../common/cursor-pager';
import { DateRangeFilter, FilterBar, isoOfPicked, SelectFilter, useFilters } from '../common/filters';
import { formatDateTime, nameOf } from '../common/format';
import { momentColumn, type ListColumn } from '../common/list-table';
import { EmptyState, PageHeader, RefreshButton } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { sayRunReason } from '../../../i18n/run-reason';
import { statusLabel } from '../i18n/status-label';
import { useLanguage } from '../i18n/use-language';
import { RequireClient } from '../shell/require-client';
import { STATUS_COLORS } from './status-colors';
import { TrafficViews } from './traffic-views';

// The run view brings React Flow and the workflow core: loaded when an SMS is opened.
const SmsDetail = lazy(() => import('./sms-detail').then((module) => ({ default: module.SmsDetail })));

export function TrafficPage() {
  return <RequireClient>{(clientId) => <Traffic clientId={clientId} />}</RequireClient>;
}

function Traffic({ clientId }: { clientId: string }) {
  const { smsId } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const language = useLanguage();
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const paging = useCursorPaging();
  const filters = useFilters(
    {
      connectorId: null as string | null,
      status: null as string | null,
      from: null as string | null,
      to: null as string | null,
      sender: '',
      text: '',
    },
    paging.reset,
  );
  const { connectorId, status, from, to } = filters.values;
  // Searched on the server: asked once typing pauses, not at every key.
  const [sender] = useDebouncedValue(filters.values.sender.trim(), 300);
  const [text] = useDebouncedValue(filters.values.text.trim(), 300);
  const cursor = paging.cursor;
  const smsFilters: SmsFilters = useMemo(
    () => ({
      connectorId: connectorId ?? undefined,
      status: (status as SmsStatus | null) ?? undefined,
      from: isoOfPicked(from),
      to: isoOfPicked(to),
      sender: sender || undefined,
      text: text || undefined,
      cursor,
    }),
    [connectorId, status, from, to, sender, text, cursor],
  );
  const page = useSmsPage(clientId, smsFilters);

  const outcomeOf = (sms: InboundSms) => {
    if (sms.mediaEvent)
      return (
        <Text size="sm">
          {nameOf(groups.data, sms.mediaEvent.acdGroupId) ?? t('traffic.acdGroup')} ·{' '}
          {statusLabel('mediaEvent', sms.mediaEvent.state)}
        </Text>
      );
    const waitingFor = sms.execution?.waitingFor;
    if (waitingFor) {
      return (
        <Text size="sm" c="orange" truncate maw={260} data-testid="waiting-for">
          {t('waitingRun.waitingFor', { sender: waitingFor.sender, until: formatDateTime(waitingFor.until) })}
        </Text>
      );
    }
    const outcome = sms.execution?.outcome;
    if (outcome && outcome.kind !== 'routed') {
      return (
        <Text size="sm" c="dimmed" truncate maw={260}>
          {outcome.kind === 'failed' ? sayRunReason(outcome.reason, language) : outcome.reason}
        </Text>
      );
    }
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  };

  const columns: ListColumn<InboundSms>[] = [
    momentColumn('received', t('traffic.received'), (sms) => sms.receivedAt),
    {
      key: 'sender',
      header: t('traffic.sender'),
      width: 150,
      cellProps: { ff: 'monospace', fz: 12.5 },
      render: (sms) => sms.sender,
    },
    {
      key: 'connector',
      header: t('traffic.connector'),
      width: 190,
      render: (sms) => (
        <Text size="sm" truncate maw={180}>
          {nameOf(connectors.data, sms.connectorId) ?? sms.receiver}
        </Text>
      ),
    },
    {
      key: 'text',
      header: t('traffic.text'),
      render: (sms) => (
        <Text size="sm" truncate maw={380} title={sms.message}>
          {sms.message || (
            <Text span c="dimmed" size="sm">
              {t('traffic.empty')}
            </Text>
          )}
        </Text>
      ),
    },
    {
      key: 'status',
      header: t('traffic.status'),
      width: 150,
      render: (sms) => (
        <Badge variant="light" color={STATUS_COLORS[sms.status]} data-status={sms.status}>
          {t(`status.sms.${sms.status}`)}
        </Badge>
      ),
    },
    { key: 'outcome', header: t('traffic.outcome'), width: 230, render: outcomeOf },
  ];

  return (
    <>
      <PageHeader
        title={t('traffic.title')}
        description={t('traffic.description')}
        actions={<RefreshButton label={t('traffic.refresh')} query={page} />}
      />
      <TrafficViews current="sms" />
      <ResourceList
        query={page}
        paging={paging}
        noun={t('traffic.sms')}
        columns={columns}
        minWidth={980}
        skeletonRows={8}
        rowProps={(sms) => ({
          onClick: () => navigate(`/traffic/${sms.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'sms-row',
          'data-sms': sms.id,
          bg: smsId === sms.id ? 'blue.0' : undefined,
        })}
        filters={
          <FilterBar filters={filters}>
            <TextInput
              size="xs"
              w={190}
              label={t('traffic.senderSearch')}
              placeholder={t('traffic.senderPlaceholder')}
              leftSection={<Search size={14} />}
              maxLength={SEARCH_MAX_LENGTH}
              value={filters.values.sender}
              onChange={(event) => filters.set('sender')(event.currentTarget.value)}
              data-testid="search-sender"
            />
            <TextInput
              size="xs"
              w={220}
              label={t('traffic.textSearch')}
              placeholder={t('traffic.textPlaceholder')}
              leftSection={<Search size={14} />}
              maxLength={SEARCH_MAX_LENGTH}
              value={filters.values.text}
              onChange={(event) => filters.set('text')(event.currentTarget.value)}
              data-testid="search-text"
            />
            <SelectFilter
              label={t('traffic.connector')}
              placeholder={t('traffic.allConnectors')}
              data={(connectors.data ?? []).map((connector) => ({
                value: connector.id,
                label: `${connector.name} (${connector.recipient})`,
              }))}
              value={connectorId}
              onChange={filters.set('connectorId')}
              searchable
              w={260}
              data-testid="filter-connector"
            />
            <SelectFilter
              label={t('traffic.status')}
              placeholder={t('traffic.anyStatus')}
              data={SMS_STATUSES.map((value) => ({ value, label: t(`status.sms.${value}`) }))}
              value={status}
              onChange={filters.set('status')}
              w={150}
              data-testid="filter-status"
            />
            <DateRangeFilter
              filters={filters}
              w={180}
              from={t('traffic.receivedFrom')}
              before={t('traffic.receivedBefore')}
            />
          </FilterBar>
        }
        empty={
          <EmptyState icon={MessageSquareText} title={filters.active ? t('traffic.noMatch') : t('traffic.noneYet')}>
            {filters.active ? t('traffic.widen') : t('traffic.appearHere')}
          </EmptyState>
        }
      />
      {smsId && (
        <Suspense fallback={null}>
          <SmsDetail
            smsId={smsId}
            groups={groups.data ?? []}
            connectors={connectors.data ?? []}
            onClose={() => navigate('/traffic')}
          />
        </Suspense>
      )}
    </>
  );
}
