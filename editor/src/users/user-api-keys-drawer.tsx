import { Drawer, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { expiryColumn, lastUsedColumn, revokeColumn } from '../account/api-key-columns';
import { del, keys, useApiMutation, useUserApiKeys } from '../api/queries';
import type { ApiKey, User } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { ListTable, type ListColumn } from '../common/list-table';
import { EmptyState, ErrorAlert } from '../common/page';

/** The API keys of a user the admin manages: what acts as them, and a way to revoke it. */
export function UserApiKeysDrawer({ user, onClose }: { user: User | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const apiKeys = useUserApiKeys(user?.id);
  const [revoking, setRevoking] = useState<ApiKey | undefined>();
  const revoke = useApiMutation(
    ({ userId, keyId }: { userId: string; keyId: string }) => del(`/api/users/${userId}/api-keys/${keyId}`),
    [keys.apiKeys, keys.auditLog],
  );

  const columns: ListColumn<ApiKey>[] = [
    {
      key: 'name',
      header: t('apiKeys.name'),
      sortValue: (apiKey) => apiKey.name,
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
    },
    { ...lastUsedColumn(), width: 150 },
    { ...expiryColumn(), width: 200 },
    { ...revokeColumn(setRevoking), width: 48 },
  ];

  return (
    <>
      <Drawer
        opened={user !== undefined}
        onClose={onClose}
        position="right"
        size={700}
        title={<Text fw={600}>{t('users.keys.title', { name: user?.displayName ?? '' })}</Text>}
      >
        <Stack data-testid="user-api-keys">
          <Text size="sm" c="dimmed">
            {t('users.keys.text', { email: user?.email ?? '', name: user?.displayName ?? '' })}
          </Text>
          <ErrorAlert error={apiKeys.error} onRetry={() => void apiKeys.refetch()} />
          <ListTable
            items={apiKeys.data}
            columns={columns}
            rowKey={(apiKey) => apiKey.id}
            loading={apiKeys.isPending}
            initialSort={{ key: 'name', direction: 'asc' }}
            noun={t('apiKeys.noun')}
            minWidth={600}
            rowProps={() => ({ 'data-testid': 'user-api-key-row' })}
            empty={
              <EmptyState icon={KeyRound} title={t('users.keys.none')}>
                {t('users.keys.noneOf', { name: user?.displayName ?? '' })}
              </EmptyState>
            }
          />
        </Stack>
      </Drawer>
      <ConfirmModal
        opened={revoking !== undefined}
        title={t('apiKeys.revokeTitle')}
        confirmLabel={t('apiKeys.revokeKey')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          revoke.reset();
          setRevoking(undefined);
        }}
        onConfirm={() =>
          user &&
          revoking &&
          revoke.mutate(
            { userId: user.id, keyId: revoking.id },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'teal',
                  message: t('users.keys.revoked', { key: revoking.name, name: user.displayName }),
                });
                setRevoking(undefined);
              },
            },
          )
        }
      >
        <Trans
          i18nKey="users.keys.revokeText"
          values={{ key: revoking?.name ?? '', hint: revoking?.keyHint ?? '', name: user?.displayName ?? '' }}
          components={{ b: <b /> }}
        />
      </ConfirmModal>
    </>
  );
}
