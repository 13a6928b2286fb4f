import { ActionIcon, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, useApiMutation } from '../api/queries';
import type { ApiKey } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { formatDateTime } from '../common/format';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { ResourceList, type ListQuery } from '../common/resource-list';
import { actionsColumn } from '../common/row-actions';
import { t as translate } from '../i18n/setup-i18n';

/**
 * A list of API keys with a way to revoke each after asking: one's own keys on their page, and an
 * admin's view of a user's keys (`compact`, in a drawer: the key's hint under its name).
 */
export function ApiKeyList({
  query,
  revoke,
  compact = false,
  empty,
  rowTestId,
  words,
}: {
  query: ListQuery<readonly ApiKey[]>;
  revoke(apiKey: ApiKey): Promise<unknown>;
  compact?: boolean;
  empty: ReactNode;
  rowTestId: string;
  /** What the dialog asks and what is said once a key is revoked. */
  words: { revokeText(apiKey: ApiKey | undefined): ReactNode; revoked(apiKey: ApiKey): string };
}) {
  const { t } = useTranslation();
  const revoking = useConfirm(
    useApiMutation(revoke, [keys.apiKeys, keys.auditLog]),
    (apiKey: ApiKey) => apiKey,
    (apiKey) => notifications.show({ color: 'teal', message: words.revoked(apiKey) }),
  );
  const columns: ListColumn<ApiKey>[] = [
    ...(compact ? [nameWithHintColumn()] : [nameColumn(), hintColumn(), createdColumn()]),
    { ...lastUsedColumn(), width: compact ? 150 : 210 },
    { ...expiryColumn(), width: compact ? 200 : 210 },
    actionsColumn(compact ? 48 : 56, (apiKey) => (
      <Tooltip label={t('apiKeys.revoke')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('apiKeys.revokeName', { name: apiKey.name })}
          onClick={() => revoking.ask(apiKey)}
        >
          <Trash2 size={15} />
        </ActionIcon>
      </Tooltip>
    )),
  ];
  return (
    <>
      <ResourceList
        query={query}
        columns={columns}
        rowKey={(apiKey) => apiKey.id}
        initialSort={compact ? { key: 'name', direction: 'asc' } : { key: 'created', direction: 'desc' }}
        {...(compact ? { minWidth: 600 } : { pageSize: 25 })}
        noun={t('apiKeys.noun')}
        rowProps={() => ({ 'data-testid': rowTestId })}
        empty={empty}
      />
      <ConfirmModal {...revoking.props} title={t('apiKeys.revokeTitle')} confirmLabel={t('apiKeys.revokeKey')}>
        {words.revokeText(revoking.item)}
      </ConfirmModal>
    </>
  );
}

// The columns are functions, so they are built while rendering, in the UI's language.

const nameColumn = (): ListColumn<ApiKey> => ({
  key: 'name',
  header: translate('apiKeys.name'),
  sortValue: (apiKey) => apiKey.name,
  render: (apiKey) => (
    <Text size="sm" fw={500} truncate maw={360} title={apiKey.name}>
      {apiKey.name}
    </Text>
  ),
});

const hintColumn = (): ListColumn<ApiKey> => ({
  key: 'key',
  header: translate('apiKeys.key'),
  width: 150,
  render: (apiKey) => (
    <Text ff="monospace" fz={12.5} c="dimmed">
      sbk_…{apiKey.keyHint}
    </Text>
  ),
});

const nameWithHintColumn = (): ListColumn<ApiKey> => ({
  ...nameColumn(),
  render: (apiKey) => (
    <Stack gap={0}>
      <Text size="sm" fw={500} truncate maw={220} title={apiKey.name}>
        {apiKey.name}
      </Text>
      <Text ff="monospace" fz={12} c="dimmed">
        sbk_…{apiKey.keyHint}
      </Text>
    </Stack>
  ),
});

const createdColumn = (): ListColumn<ApiKey> => ({
  ...dateTimeColumn('created', translate('apiKeys.created'), (apiKey) => apiKey.createdAt),
  cellProps: {},
});

const lastUsedColumn = (): ListColumn<ApiKey> => ({
  key: 'used',
  header: translate('apiKeys.lastUsed'),
  sortValue: (apiKey) => apiKey.lastUsedAt ?? '',
  render: (apiKey) => (
    <Text size="sm" c={apiKey.lastUsedAt ? undefined : 'dimmed'}>
      {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : translate('apiKeys.never')}
    </Text>
  ),
});

/** Whether a key still works by its expiry, as of now. */
const hasExpired = (apiKey: ApiKey) => apiKey.expiresAt !== null && Date.parse(apiKey.expiresAt) <= Date.now();

/** When a key stops working by itself. */
const expiryColumn = (): ListColumn<ApiKey> => ({
  key: 'expires',
  header: translate('apiKeys.expires'),
  sortValue: (apiKey) => apiKey.expiresAt ?? '9999',
  render: (apiKey) =>
    apiKey.expiresAt === null ? (
      <Text size="sm" c="dimmed">
        {translate('apiKeys.never')}
      </Text>
    ) : hasExpired(apiKey) ? (
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="light" color="gray">
          {translate('apiKeys.expired')}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatDateTime(apiKey.expiresAt)}
        </Text>
      </Group>
    ) : (
      <Text size="sm">{formatDateTime(apiKey.expiresAt)}</Text>
    ),
});
