import { Alert, Modal, Stack, Text } from '@mantine/core';
import { KeyRound } from 'lucide-react';
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
  return (
    <Modal
      opened={connector !== undefined}
      onClose={onClose}
      title={<Text fw={600}>Provider URL of {connector?.name}</Text>}
      size="lg"
      centered
    >
      {connector && (
        <Stack>
          <Text size="sm">
            Give this URL to the SMS provider. It replaces <code>{'{sender}'}</code> and <code>{'{message}'}</code> with
            each SMS; GET and POST both work.
          </Text>
          {token !== undefined ? (
            <>
              <CopyField
                label="With token"
                value={providerUrl(window.location.origin, connector.recipient, token)}
                testId="provider-url-token"
              />
              <CopyField
                label="Without token (send the token as X-Switchboard-Token)"
                value={providerUrl(window.location.origin, connector.recipient)}
              />
            </>
          ) : (
            <>
              <CopyField
                label="Without token"
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
  if (!connector.requireToken) {
    return (
      <Text size="xs" c="dimmed" data-testid="provider-url-hint">
        This connector does not require a token, so the URL works as it is. A provider that sends the token (…
        {connector.tokenHint}) may add <code>&amp;token=</code> and the token, or send it as the header{' '}
        <code>X-Switchboard-Token</code>.
      </Text>
    );
  }
  return (
    <Alert color="yellow" variant="light" icon={<KeyRound size={16} />} p="sm" data-testid="provider-url-hint">
      <Text size="sm">
        Put in the token: add <code>&amp;token=</code> followed by the connector&apos;s token (…{connector.tokenHint})
        to the end of this URL, or have the provider send the token as the header{' '}
        <code style={{ whiteSpace: 'nowrap' }}>X-Switchboard-Token</code>, which keeps it out of access logs. Without
        the token, every SMS is refused (401).
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        The token is shown only when it is made.{' '}
        {canEdit
          ? 'If it is lost, edit the connector and generate a new token.'
          : 'If it is lost, ask your reseller or system administrator for a new one.'}
      </Text>
    </Alert>
  );
}
