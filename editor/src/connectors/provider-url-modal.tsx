import { Alert, Modal, Stack, Text } from '@mantine/core';
import { KeyRound } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import type { Connector } from '../api/types';
import { CopyField } from '../common/copy-field';
import { providerUrl } from './provider-url';

/**
 * The URL to give an SMS provider. A URL with the token is offered only while the token is known
 * (it is answered once, when it is made); otherwise the admin is told how to add it, since a
 * URL with anything else in place of the token gets 401 for every SMS.
 */
export function ProviderUrlModal({
  connector,
  token,
  canEdit,
  onClose,
}: {
  connector: Connector | undefined;
  /** The connector's token, when it was made while this page is open. */
  token: string | undefined;
  /** Whether the user may make a new token (Edit → Generate new token). */
  canEdit: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={connector !== undefined}
      onClose={onClose}
      title={<Text fw={600}>{t('connectors.url.title', { name: connector?.name ?? '' })}</Text>}
      size="lg"
      centered
    >
      {connector && (
        <Stack>
          <Text size="sm">
            <Trans i18nKey="connectors.url.intro" components={{ code: <code /> }} />
          </Text>
          {token !== undefined ? (
            <>
              <CopyField
                label={t('connectors.url.withToken')}
                value={providerUrl(window.location.origin, connector.recipient, token)}
                testId="provider-url-token"
              />
              <CopyField
                label={t('connectors.url.withoutTokenHeader')}
                value={providerUrl(window.location.origin, connector.recipient)}
              />
            </>
          ) : (
            <>
              <CopyField
                label={t('connectors.url.withoutToken')}
                value={providerUrl(window.location.origin, connector.recipient)}
                testId="provider-url"
              />
              <TokenHint connector={connector} canEdit={canEdit} />
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function TokenHint({ connector, canEdit }: { connector: Connector; canEdit: boolean }) {
  const { t } = useTranslation();
  if (!connector.requireToken) {
    return (
      <Text size="xs" c="dimmed" data-testid="provider-url-hint">
        <Trans
          i18nKey="connectors.url.noTokenNeeded"
          values={{ hint: connector.tokenHint }}
          components={{ code: <code /> }}
        />
      </Text>
    );
  }
  return (
    <Alert color="yellow" variant="light" icon={<KeyRound size={16} />} p="sm" data-testid="provider-url-hint">
      <Text size="sm">
        <Trans
          i18nKey="connectors.url.putInToken"
          values={{ hint: connector.tokenHint }}
          components={{ code: <code style={{ whiteSpace: 'nowrap' }} /> }}
        />
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {t('connectors.url.shownWhenMade')} {canEdit ? t('connectors.url.lostEdit') : t('connectors.url.lostAsk')}
      </Text>
    </Alert>
  );
}
