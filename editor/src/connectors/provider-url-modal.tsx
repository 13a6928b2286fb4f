import { Alert, Modal, Stack, Text } from '@mantine/core';
import { KeyRound, ShieldAlert } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import type { Connector } from '../api/types';
import { CopyField } from '../common/copy-field';
import { isSigning } from './providers';
import { providerUrl, webhookUrl } from './provider-url';

interface UrlProps {
  connector: Connector;
  /** The connector's token, when it was made while this page is open. */
  token: string | undefined;
  /** Whether the user may make a new token (Edit → Generate new token). */
  canEdit: boolean;
}

/**
 * The URL to give an SMS provider. A URL with the token is offered only while the token is known
 * (it is answered once, when it is made); otherwise the admin is told how to add it, since a
 * URL with anything else in place of the token gets 401 for every SMS.
 */
export function ProviderUrlModal({
  connector,
  onClose,
  ...props
}: Omit<UrlProps, 'connector'> & { connector: Connector | undefined; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={connector !== undefined}
      onClose={onClose}
      title={<Text fw={600}>{t('connectors.url.title', { name: connector?.name ?? '' })}</Text>}
      size="lg"
      centered
    >
      {connector && <ProviderUrl connector={connector} {...props} />}
    </Modal>
  );
}

/** The generic connector's parameter URL, or a native provider's webhook URL with where it goes. */
export function ProviderUrl(props: UrlProps) {
  return props.connector.provider === 'generic' ? <GenericUrl {...props} /> : <WebhookUrl {...props} />;
}

function GenericUrl({ connector, token, canEdit }: UrlProps) {
  const { t } = useTranslation();
  return (
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
  );
}

function WebhookUrl({ connector, token, canEdit }: UrlProps) {
  const { t } = useTranslation();
  const provider = connector.provider;
  if (provider === 'generic') return null;
  const withToken = connector.requireToken && token !== undefined;
  return (
    <Stack>
      <Text size="sm">{t(`connectors.webhook.where.${provider}`)}</Text>
      <CopyField
        label={withToken ? t('connectors.webhook.withToken') : t('connectors.webhook.url')}
        value={webhookUrl(window.location.origin, connector, withToken ? token : undefined)}
        testId={withToken ? 'webhook-url-token' : 'webhook-url'}
      />
      {!withToken && <TokenHint connector={connector} canEdit={canEdit} />}
      {isSigning(provider) && !connector.hasProviderSecret && (
        <Alert color="orange" variant="light" icon={<ShieldAlert size={16} />} p="sm" data-testid="webhook-no-secret">
          <Text size="sm">{t('connectors.webhook.noSecret')}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function TokenHint({ connector, canEdit }: { connector: Connector; canEdit: boolean }) {
  const { t } = useTranslation();
  const generic = connector.provider === 'generic';
  if (!connector.requireToken) {
    return (
      <Text size="xs" c="dimmed" data-testid="provider-url-hint">
        {generic ? (
          <Trans
            i18nKey="connectors.url.noTokenNeeded"
            values={{ hint: connector.tokenHint }}
            components={{ code: <code /> }}
          />
        ) : (
          t('connectors.webhook.noTokenNeeded')
        )}
      </Text>
    );
  }
  return (
    <Alert color="yellow" variant="light" icon={<KeyRound size={16} />} p="sm" data-testid="provider-url-hint">
      <Text size="sm">
        <Trans
          i18nKey={generic ? 'connectors.url.putInToken' : 'connectors.webhook.putInToken'}
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
