import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUnmatchedDeliveries } from '../api/queries';
import { useCursorPaging } from '../common/cursor-pager';
import { RefreshButton } from '../common/page';
import { DeliveryLog, useDeliveryFilters } from './delivery-log';

/** The requests no connector took (unknown numbers, unreadable payloads): for system admins. */
export function UnmatchedDeliveries() {
  const { t } = useTranslation();
  const paging = useCursorPaging();
  const filters = useDeliveryFilters(paging);
  const log = useUnmatchedDeliveries(filters.query);
  return (
    <div data-testid="unmatched-deliveries">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={720}>
          {t('connectors.unmatched.description')}
        </Text>
        <RefreshButton label={t('connectors.deliveries.refresh')} query={log} />
      </Group>
      <DeliveryLog
        query={log}
        paging={paging}
        filters={filters}
        withProvider
        emptyTitle={t('connectors.unmatched.noneYet')}
        emptyText={t('connectors.unmatched.appearHere')}
      />
    </div>
  );
}
