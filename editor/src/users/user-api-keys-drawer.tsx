import { Drawer, Stack, Text } from '@mantine/core';
import { KeyRound } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiKeyList } from '../account/api-key-list';
import { del, useUserApiKeys } from '../api/queries';
import type { User } from '../api/types';
import { EmptyState } from '../common/page';

/** The API keys of a user the admin manages: what acts as them, and a way to revoke it. */
export function UserApiKeysDrawer({ user, onClose }: { user: User | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const apiKeys = useUserApiKeys(user?.id);
  const name = user?.displayName ?? '';
  return (
    <Drawer
      opened={user !== undefined}
      onClose={onClose}
      position="right"
      size={700}
      title={<Text fw={600}>{t('users.keys.title', { name })}</Text>}
    >
      <Stack data-testid="user-api-keys">
        <Text size="sm" c="dimmed">
          {t('users.keys.text', { email: user?.email ?? '', name })}
        </Text>
        <ApiKeyList
          query={apiKeys}
          revoke={(apiKey) => del(`/api/users/${user?.id}/api-keys/${apiKey.id}`)}
          compact
          rowTestId="user-api-key-row"
          empty={
            <EmptyState icon={KeyRound} title={t('users.keys.none')}>
              {t('users.keys.noneOf', { name })}
            </EmptyState>
          }
          words={{
            revoked: (apiKey) => t('users.keys.revoked', { key: apiKey.name, name }),
            revokeText: (apiKey) => (
              <Trans
                i18nKey="users.keys.revokeText"
                values={{ key: apiKey?.name ?? '', hint: apiKey?.keyHint ?? '', name }}
                components={{ b: <b /> }}
              />
            ),
          }}
        />
      </Stack>
    </Drawer>
  );
}
