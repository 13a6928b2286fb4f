import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { Trash2 } from 'lucide-react';
import type { ApiKey } from '../api/types';
import { formatDateTime } from '../common/format';
import type { ListColumn } from '../common/list-table';
import { t } from '../i18n/setup-i18n';

// The columns an API key list shows, shared by one's own keys and an admin's view of a user's keys;
// functions, so they are built while rendering, in the UI's language.

export const lastUsedColumn = (): ListColumn<ApiKey> => ({
  key: 'used',
  header: t('apiKeys.lastUsed'),
  width: 180,
  sortValue: (apiKey) => apiKey.lastUsedAt ?? '',
  render: (apiKey) => (
    <Text size="sm" c={apiKey.lastUsedAt ? undefined : 'dimmed'}>
      {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : t('apiKeys.never')}
    </Text>
  ),
});

/** Whether a key still works by its expiry, as of now. */
const hasExpired = (apiKey: ApiKey) => apiKey.expiresAt !== null && Date.parse(apiKey.expiresAt) <= Date.now();

/** When a key stops working by itself. */
export const expiryColumn = (): ListColumn<ApiKey> => ({
  key: 'expires',
  header: t('apiKeys.expires'),
  width: 210,
  sortValue: (apiKey) => apiKey.expiresAt ?? '9999',
  render: (apiKey) =>
    apiKey.expiresAt === null ? (
      <Text size="sm" c="dimmed">
        {t('apiKeys.never')}
      </Text>
    ) : hasExpired(apiKey) ? (
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="light" color="gray">
          {t('apiKeys.expired')}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatDateTime(apiKey.expiresAt)}
        </Text>
      </Group>
    ) : (
      <Text size="sm">{formatDateTime(apiKey.expiresAt)}</Text>
    ),
});

/** The revoke button at the end of a row; `onRevoke` asks before anything is revoked. */
export function revokeColumn(onRevoke: (apiKey: ApiKey) => void): ListColumn<ApiKey> {
  return {
    key: 'actions',
    header: '',
    width: 56,
    cellProps: { ta: 'right' },
    render: (apiKey) => (
      <Tooltip label={t('apiKeys.revoke')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('apiKeys.revokeName', { name: apiKey.name })}
          onClick={() => onRevoke(apiKey)}
        >
          <Trash2 size={15} />
        </ActionIcon>
      </Tooltip>
    ),
  };
}
