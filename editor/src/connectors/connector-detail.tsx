import { Badge, Divider, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeliveries, useDeliverySummary } from '../api/queries';
import type { Connector, DeliverySummary } from '../api/types';
import { useCursorPaging } from '../common/cursor-pager';
import { formatDateTime, formatNumber } from '../common/format';
import { ErrorAlert, RefreshButton } from '../common/page';
import { DeliveryLog, useDeliveryFilters } from './delivery-log';
import { statusColor } from './delivery-status';
import { ProviderUrl } from './provider-url-modal';
import { providerName } from './provider-names';
import { isSigning } from './providers';

/** A connector at a glance: its provider, the URL to give the provider, its last 24 hours and its delivery log. */
export function ConnectorDetail({
  connector,
  token,
  canEdit,
  onClose,
}: {
  connector: Connector | undefined;
  token: string | undefined;
  canEdit: boolean;
  onClose(): void;
}) {
  return (
    <Drawer
      opened={connector !== undefined}
      onClose={onClose}
      position="right"
      size={960}
      title={
        <Group gap="xs">
          <Text fw={600}>{connector?.name}</Text>
          {connector && (
            <Badge variant="light" color="gray" styles={{ label: { textTransform: 'none' } }}>
              {providerName(connector.provider)}
            </Badge>
          )}
        </Group>
      }
    >
      {connector && (
        <Stack gap="lg" data-testid="connector-detail">
          <Facts connector={connector} />
          <ProviderUrl connector={connector} token={token} canEdit={canEdit} />
          <Divider />
          <ConnectorDeliveries connector={connector} />
        </Stack>
      )}
    </Drawer>
  );
}

function Facts({ connector }: { connector: Connector }) {
  const { t } = useTranslation();
  const summary = useDeliverySummary(connector.id);
  return (
    <Stack gap="sm">
      <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Fact label={t('connectors.recipient')}>
          <Text size="sm" ff="monospace">
            {connector.recipient}
          </Text>
        </Fact>
        {isSigning(connector.provider) && (
          <Fact label={t('connectors.detail.signatureCheck')}>
            <Text size="sm">
              {t(`status.signatureCheck.${connector.signatureCheck}`)} ·{' '}
              {connector.hasProviderSecret ? t('connectors.detail.secretSet') : t('connectors.detail.secretNotSet')}
            </Text>
          </Fact>
        )}
        <Fact label={t('connectors.detail.lastDelivery')}>
          <Text size="sm" data-testid="connector-last-delivery">
            {summary.data
              ? summary.data.lastDeliveryAt
                ? formatDateTime(summary.data.lastDeliveryAt)
                : t('connectors.detail.never')
              : '…'}
          </Text>
        </Fact>
        <Fact label={t('connectors.detail.last24h')}>{summary.data && <StatusCounts summary={summary.data} />}</Fact>
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        {label}
      </Text>
      {children}
    </div>
  );
}

/** The last 24 hours' requests per status, as badges colored by class. */
function StatusCounts({ summary }: { summary: DeliverySummary }) {
  const { t } = useTranslation();
  if (summary.last24h.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('connectors.detail.noRequests24h')}
      </Text>
    );
  return (
    <Group gap={6} data-testid="connector-status-counts">
      {[...summary.last24h]
        .sort((a, b) => a.status - b.status)
        .map(({ status, count }) => (
          <Badge key={status} color={statusColor(status)} variant="light" data-status={status}>
            {t('connectors.detail.statusCount', { status, number: formatNumber(count) })}
          </Badge>
        ))}
    </Group>
  );
}

function ConnectorDeliveries({ connector }: { connector: Connector }) {
  const { t } = useTranslation();
  const paging = useCursorPaging();
  const filters = useDeliveryFilters(paging);
  const log = useDeliveries(connector.id, filters.query);
  const summary = useDeliverySummary(connector.id);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>{t('connectors.deliveries.title')}</Text>
        <RefreshButton label={t('connectors.deliveries.refresh')} query={log} />
      </Group>
      <div>
        <DeliveryLog
          query={log}
          paging={paging}
          filters={filters}
          seenStatuses={summary.data?.last24h.map((entry) => entry.status)}
          emptyTitle={t('connectors.deliveries.noneYet')}
          emptyText={t('connectors.deliveries.appearHere')}
        />
      </div>
    </Stack>
  );
}
