import { Anchor, Button, Code } from '@mantine/core';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { del, useApiKeys } from '../api/queries';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { useSession } from '../shell/session';
import { ApiKeyList } from './api-key-list';
import { CreateApiKey } from './create-api-key';
import { apiDocsLink } from '../common/api-docs-link';

/** The signed-in user's API keys: each acts as them, for scripts and integrations. */
export function ApiKeysPage() {
  const { me } = useSession();
  const { t } = useTranslation();
  const apiKeys = useApiKeys();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={
          <Trans
            i18nKey="apiKeys.description"
            values={{ email: me.email }}
            components={{ code: <Code />, link: <Anchor {...apiDocsLink} /> }}
          />
        }
        actions={
          <NewButton onClick={() => setCreating(true)} testId="new-api-key">
            {t('apiKeys.newKey')}
          </NewButton>
        }
      />
      <ApiKeyList
        query={apiKeys}
        revoke={(apiKey) => del(`/api/api-keys/${apiKey.id}`)}
        rowTestId="api-key-row"
        empty={
          <EmptyState
            icon={KeyRound}
            title={t('apiKeys.noneYet')}
            action={<Button onClick={() => setCreating(true)}>{t('apiKeys.createOne')}</Button>}
          >
            {t('apiKeys.onePerScript')}
          </EmptyState>
        }
        words={{
          revoked: (apiKey) => t('apiKeys.revoked', { name: apiKey.name }),
          revokeText: (apiKey) => (
            <Trans
              i18nKey="apiKeys.revokeText"
              values={{ name: apiKey?.name ?? '', hint: apiKey?.keyHint ?? '' }}
              components={{ b: <b /> }}
            />
          ),
        }}
      />
      {creating && <CreateApiKey onClose={() => setCreating(false)} />}
    </>
  );
}
