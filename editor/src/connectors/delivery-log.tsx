import { Badge, Text } from '@mantine/core';
import { FileSearch, Inbox } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryFilters } from '../api/queries';
import { DELIVERY_OUTCOMES, type DeliveryAttempt, type DeliveryOutcome } from '../api/types';
import type { CursorPaging } from '../common/cursor-pager';
import { DateRangeFilter, FilterBar, isoOfPicked, SelectFilter, useFilters } from '../common/filters';
import { momentColumn, type ListColumn } from '../common/list-table';
import { EmptyState } from '../common/page';
import { ResourceList, type CursorPage, type ListQuery } from '../common/resource-list';
import { actionsColumn, RowAction } from '../common/row-actions';
import { t } from '../i18n/setup-i18n';
import { DeliveryRequestModal } from './delivery-request';
import { OUTCOME_COLOR, STATUS_CLASSES, statusColor, statusesToFilter } from './delivery-status';
import { providerName } from './provider-names';

/** A delivery log's filters; a change goes back to the newest page. */
export function useDeliveryFilters(paging: CursorPaging) {
  const filters = useFilters(
    {
      status: null as string | null,
      outcome: null as DeliveryOutcome | null,
      from: null as string | null,
      to: null as string | null,
    },
    paging.reset,
  );
  const { status, outcome, from, to } = filters.values;
  const query: DeliveryFilters = {
    status: status ?? undefined,
    outcome: outcome ?? undefined,
    from: isoOfPicked(from),
    to: isoOfPicked(to),
    cursor: paging.cursor,
  };
  return { ...filters, query };
}

type DeliveryLogFilters = ReturnType<typeof useDeliveryFilters>;

/**
 * A delivery log, newest first, filterable by status (a class or one status) and outcome; a row
 * opens its request. `withProvider` adds the provider's column (the log of no one connector).
 */
export function DeliveryLog({
  query,
  paging,
  filters,
  seenStatuses,
  withProvider = false,
  emptyTitle,
  emptyText,
}: {
  query: ListQuery<CursorPage<DeliveryAttempt>>;
  paging: CursorPaging;
  filters: DeliveryLogFilters;
  /** Statuses to offer besides the usual ones (e.g. those of the last 24 h). */
  seenStatuses?: readonly number[];
  withProvider?: boolean;
  emptyTitle: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<DeliveryAttempt | undefined>();
  const statusOptions = [
    ...STATUS_CLASSES.map((value) => ({ value, label: t(`connectors.deliveries.statusClass.${value}`) })),
    ...statusesToFilter(seenStatuses).map((status) => ({ value: String(status), label: String(status) })),
  ];
  return (
    <>
      <ResourceList
        query={query}
        paging={paging}
        noun={t('connectors.deliveries.noun')}
        columns={deliveryColumns(withProvider, setShown)}
        minWidth={withProvider ? 900 : 760}
        skeletonRows={4}
        rowProps={(attempt) => ({
          'data-testid': 'delivery-row',
          'data-status': String(attempt.status),
          style: { cursor: 'pointer' },
          onClick: () => setShown(attempt),
        })}
        filters={
          <FilterBar filters={filters}>
            <SelectFilter
              label={t('connectors.deliveries.status')}
              placeholder={t('connectors.deliveries.anyStatus')}
              data={statusOptions}
              value={filters.values.status}
              onChange={filters.set('status')}
              searchable
              w={170}
              data-testid="delivery-status-filter"
            />
            <SelectFilter
              label={t('connectors.deliveries.outcome')}
              placeholder={t('connectors.deliveries.anyOutcome')}
              data={DELIVERY_OUTCOMES.map((value) => ({ value, label: t(`status.deliveryOutcome.${value}`) }))}
              value={filters.values.outcome}
              onChange={(value) => filters.set('outcome')(value as DeliveryOutcome | null)}
              w={160}
              data-testid="delivery-outcome-filter"
            />
            <DateRangeFilter
              filters={filters}
              w={160}
              from={t('connectors.deliveries.from')}
              before={t('connectors.deliveries.before')}
            />
          </FilterBar>
        }
        empty={
          <EmptyState icon={Inbox} title={filters.active ? t('connectors.deliveries.noMatch') : emptyTitle}>
            {filters.active ? t('connectors.deliveries.widen') : emptyText}
          </EmptyState>
        }
      />
      <DeliveryRequestModal attempt={shown} onClose={() => setShown(undefined)} />
    </>
  );
}

/** A status as a badge colored by its class. */
export function StatusBadge({ status }: { status: number }) {
  return (
    <Badge color={statusColor(status)} variant="light" ff="monospace">
      {status}
    </Badge>
  );
}

function deliveryColumns(
  withProvider: boolean,
  onShow: (attempt: DeliveryAttempt) => void,
): ListColumn<DeliveryAttempt>[] {
  return [
    momentColumn('receivedAt', t('connectors.deliveries.when'), (attempt) => attempt.receivedAt),
    ...(withProvider
      ? [
          {
            key: 'provider',
            header: t('connectors.deliveries.provider'),
            width: 130,
            render: (attempt: DeliveryAttempt) => providerName(attempt.provider),
          },
        ]
      : []),
    {
      key: 'status',
      header: t('connectors.deliveries.status'),
      width: 80,
      render: (attempt) => <StatusBadge status={attempt.status} />,
    },
    {
      key: 'outcome',
      header: t('connectors.deliveries.outcome'),
      width: 130,
      render: (attempt) => (
        <Badge color={OUTCOME_COLOR[attempt.outcome]} variant="outline" styles={{ label: { textTransform: 'none' } }}>
          {t(`status.deliveryOutcome.${attempt.outcome}`)}
        </Badge>
      ),
    },
    {
      key: 'reason',
      header: t('connectors.deliveries.reason'),
      render: (attempt) => (
        <Text size="sm" lineClamp={2} title={attempt.reason}>
          {attempt.reason}
        </Text>
      ),
    },
    {
      key: 'clientAddress',
      header: t('connectors.deliveries.clientAddress'),
      width: 140,
      cellProps: { ff: 'monospace', fz: 12, c: 'dimmed' },
      render: (attempt) => attempt.clientAddress ?? '—',
    },
    actionsColumn(44, (attempt) => (
      <RowAction
        icon={FileSearch}
        tooltip={t('connectors.deliveries.showRequest')}
        label={t('connectors.deliveries.showRequest')}
        onClick={() => onShow(attempt)}
      />
    )),
  ];
}
