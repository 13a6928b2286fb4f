import { ActionIcon, Badge, Button, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { ChevronLeft, ChevronRight, MessageSquareText, RefreshCw } from 'lucide-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAcdGroups, useConnectors, useSmsPage, type SmsFilters } from '../api/queries';
import { SMS_STATUSES, type InboundSms, type SmsStatus } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatShortDateTime, nameOf } from '../common/format';
import { EmptyState, ErrorAlert, PageHeader, TableSkeleton } from '../common/page';
import { statusLabel } from '../i18n/status-label';
import { RequireClient } from '../shell/require-client';
import { STATUS_COLORS } from './status-colors';

// The run view brings React Flow and the workflow core: loaded when an SMS is opened.
const SmsDetail = lazy(() => import('./sms-detail').then((module) => ({ default: module.SmsDetail })));

export function TrafficPage() {
  return <RequireClient>{(clientId) => <Traffic clientId={clientId} />}</RequireClient>;
}

function toIso(value: string | null): string | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function Traffic({ clientId }: { clientId: string }) {
  const { smsId } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const [connectorId, setConnectorId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  // The cursors of the pages before this one, to go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const filters: SmsFilters = useMemo(
    () => ({
      connectorId: connectorId ?? undefined,
      status: (status as SmsStatus | null) ?? undefined,
      from: toIso(from),
      to: toIso(to),
      cursor,
    }),
    [connectorId, status, from, to, cursor],
  );
  const page = useSmsPage(clientId, filters);
  const resetPaging = () => setCursors([undefined]);
  const filtered = connectorId !== null || status !== null || from !== null || to !== null;

  const outcomeOf = (sms: InboundSms) => {
    if (sms.mediaEvent)
      return (
        <Text size="sm">
          {nameOf(groups.data, sms.mediaEvent.acdGroupId) ?? t('traffic.acdGroup')} ·{' '}
          {statusLabel('mediaEvent', sms.mediaEvent.state)}
        </Text>
      );
    const outcome = sms.execution?.outcome;
    if (outcome && outcome.kind !== 'routed') {
      return (
        <Text size="sm" c="dimmed" truncate maw={260}>
          {outcome.reason}
        </Text>
      );
    }
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  };

  return (
    <>
      <PageHeader
        title={t('traffic.title')}
        description={t('traffic.description')}
        actions={
          <Tooltip label={t('traffic.refresh')}>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => void page.refetch()}
              aria-label={t('traffic.refresh')}
              loading={page.isFetching && !page.isPending}
            >
              <RefreshCw size={16} />
            </ActionIcon>
          </Tooltip>
        }
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('traffic.connector')}
          placeholder={t('traffic.allConnectors')}
          data={(connectors.data ?? []).map((connector) => ({
            value: connector.id,
            label: `${connector.name} (${connector.recipient})`,
          }))}
          value={connectorId}
          onChange={(value) => {
            setConnectorId(value);
            resetPaging();
          }}
          clearable
          searchable
          w={260}
          size="xs"
          data-testid="filter-connector"
        />
        <Select
          label={t('traffic.status')}
          placeholder={t('traffic.anyStatus')}
          data={SMS_STATUSES.map((value) => ({ value, label: t(`status.sms.${value}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(value);
            resetPaging();
          }}
          clearable
          w={150}
          size="xs"
          data-testid="filter-status"
        />
        <DateTimePicker
          label={t('traffic.receivedFrom')}
          placeholder={t('traffic.anyTime')}
          value={from}
          onChange={(value) => {
            setFrom(value);
            resetPaging();
          }}
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          w={180}
          size="xs"
        />
        <DateTimePicker
          label={t('traffic.receivedBefore')}
          placeholder={t('traffic.now')}
          value={to}
          onChange={(value) => {
            setTo(value);
            resetPaging();
          }}
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          w={180}
          size="xs"
        />
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setConnectorId(null);
              setStatus(null);
              setFrom(null);
              setTo(null);
              resetPaging();
            }}
          >
            {t('traffic.clearFilters')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
      <DataTable minWidth={980}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('traffic.received')}</Table.Th>
            <Table.Th w={150}>{t('traffic.sender')}</Table.Th>
            <Table.Th w={190}>{t('traffic.connector')}</Table.Th>
            <Table.Th>{t('traffic.text')}</Table.Th>
            <Table.Th w={120}>{t('traffic.status')}</Table.Th>
            <Table.Th w={230}>{t('traffic.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {page.isPending ? (
          <TableSkeleton columns={6} rows={8} />
        ) : (
          <Table.Tbody>
            {(page.data?.items ?? []).map((sms) => (
              <Table.Tr
                key={sms.id}
                onClick={() => navigate(`/traffic/${sms.id}`)}
                style={{ cursor: 'pointer' }}
                data-testid="sms-row"
                data-sms={sms.id}
                bg={smsId === sms.id ? 'blue.0' : undefined}
              >
                <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatShortDateTime(sms.receivedAt)}
                </Table.Td>
                <Table.Td ff="monospace" fz={12.5}>
                  {sms.sender}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={180}>
                    {nameOf(connectors.data, sms.connectorId) ?? sms.receiver}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={380} title={sms.message}>
                    {sms.message || (
                      <Text span c="dimmed" size="sm">
                        {t('traffic.empty')}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLORS[sms.status]} data-status={sms.status}>
                    {t(`status.sms.${sms.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{outcomeOf(sms)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {page.data?.items.length === 0 && (
        <EmptyState icon={MessageSquareText} title={filtered ? t('traffic.noMatch') : t('traffic.noneYet')}>
          {filtered ? t('traffic.widen') : t('traffic.appearHere')}
        </EmptyState>
      )}
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed">
          {page.data
            ? t('common.pageCount', { page: cursors.length, count: page.data.items.length, noun: t('traffic.sms') })
            : ''}
        </Text>
        <Group gap={6}>
          <Button
            size="xs"
            variant="default"
            leftSection={<ChevronLeft size={14} />}
            disabled={cursors.length === 1}
            onClick={() => setCursors((list) => list.slice(0, -1))}
          >
            {t('common.newer')}
          </Button>
          <Button
            size="xs"
            variant="default"
            rightSection={<ChevronRight size={14} />}
            disabled={!page.data?.nextCursor}
            onClick={() => page.data?.nextCursor && setCursors((list) => [...list, page.data!.nextCursor!])}
          >
            {t('common.older')}
          </Button>
        </Group>
      </Group>
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
