import { Alert, Anchor, Badge, Button, Group, Menu, Modal, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Activity, KeyRound, Link2, Lock, LockOpen, Pencil, PlugZap, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { del, keys, useAcdGroups, useApiMutation, useApplications, useConnectors } from '../api/queries';
import type { Connector } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { CopyField } from '../common/copy-field';
import { nameOf } from '../common/format';
import { nameColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { useEditing } from '../common/form-modal';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowMenu } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { ConnectorDetail } from './connector-detail';
import { ConnectorForm } from './connector-form';
import { providerName } from './provider-names';
import { ProviderUrlModal } from './provider-url-modal';
import { providerUrl, webhookUrl } from './provider-url';
import { UnmatchedDeliveries } from './unmatched-deliveries';

export function ConnectorsPage() {
  const { me, clientId, clientsLoading, clientsError } = useSession();
  const { t } = useTranslation();
  // A system admin sees the requests no connector took before any client exists: they are
  // often how a first provider's misconfiguration shows.
  if (me.role === 'system_admin' && !clientId && !clientsLoading && !clientsError)
    return (
      <>
        <RequireClient>{() => null}</RequireClient>
        <Title order={3} size="h4" mt="xl" mb="sm">
          {t('connectors.unmatched.tab')}
        </Title>
        <UnmatchedDeliveries />
      </>
    );
  return <RequireClient>{(clientId) => <Connectors clientId={clientId} />}</RequireClient>;
}

function Connectors({ clientId }: { clientId: string }) {
  const { canEditConnectors, me } = useSession();
  const { t } = useTranslation();
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const applications = useApplications(clientId);
  const editing = useEditing<Connector>();
  const [urlOf, setUrlOf] = useState<Connector | undefined>();
  const [detailOf, setDetailOf] = useState<string | undefined>();
  // The list's copy, so that the drawer shows the connector as saved last.
  const detail = connectors.data?.find((connector) => connector.id === detailOf);
  // `rotated`: the connector had a token before, which now stops working (a new one had none).
  const [newToken, setNewToken] = useState<{ connector: Connector; rotated: boolean } | undefined>();
  // Tokens made while this page is open: the only time a URL with the token can be offered.
  const [madeTokens, setMadeTokens] = useState<Record<string, string>>({});
  const knownToken = (connector: Connector) => {
    const token = madeTokens[connector.id];
    // Made anew elsewhere since: the one remembered here no longer works.
    return token?.endsWith(connector.tokenHint) ? token : undefined;
  };
  const remove = useApiMutation((id: string) => del(`/api/connectors/${id}`), [keys.connectors(clientId)]);
  const deleting = useConfirm(
    remove,
    (connector: Connector) => connector.id,
    (connector) => notifications.show({ color: 'teal', message: t('connectors.deleted', { name: connector.name }) }),
  );
  const targetName = (connector: Connector) =>
    (connector.routingType === 'direct_acd_group'
      ? nameOf(groups.data, connector.acdGroupId)
      : nameOf(applications.data, connector.routingApplicationId)) ?? '';
  const target = (connector: Connector) => {
    if (connector.routingType === 'direct_acd_group') {
      const name = nameOf(groups.data, connector.acdGroupId);
      return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
    }
    const name = nameOf(applications.data, connector.routingApplicationId);
    return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
  };

  const columns: ListColumn<Connector>[] = [
    nameColumn(t('common.name'), (connector) => (
      <Anchor
        component="button"
        type="button"
        size="sm"
        fw={500}
        onClick={() => setDetailOf(connector.id)}
        aria-label={t('connectors.detail.openOf', { name: connector.name })}
      >
        {connector.name}
      </Anchor>
    )),
    {
      key: 'provider',
      header: t('connectors.provider.column'),
      width: 150,
      sortValue: (connector) => providerName(connector.provider),
      render: (connector) => providerName(connector.provider),
    },
    {
      key: 'recipient',
      header: t('connectors.recipient'),
      width: 160,
      sortValue: (connector) => connector.recipient,
      cellProps: { ff: 'monospace', fz: 12.5 },
      render: (connector) => connector.recipient,
    },
    {
      key: 'token',
      header: t('connectors.token'),
      width: 110,
      cellProps: { ff: 'monospace', fz: 12.5, c: 'dimmed' },
      render: (connector) => `…${connector.tokenHint}`,
    },
    {
      key: 'requireToken',
      header: t('connectors.requireToken'),
      width: 160,
      sortValue: (connector) => (connector.requireToken ? 0 : 1),
      render: (connector) =>
        connector.requireToken ? (
          <Badge variant="light" color="teal" leftSection={<Lock size={11} />}>
            {t('connectors.required')}
          </Badge>
        ) : (
          <Badge variant="light" color="gray" leftSection={<LockOpen size={11} />}>
            {t('connectors.optional')}
          </Badge>
        ),
    },
    {
      key: 'routingType',
      header: t('connectors.routingType'),
      width: 170,
      sortValue: (connector) => connector.routingType,
      render: (connector) => t(`status.routingType.${connector.routingType}`),
    },
    { key: 'target', header: t('connectors.target'), sortValue: targetName, render: target },
    actionsColumn(60, (connector) => (
      <RowMenu label={t('connectors.actionsFor', { name: connector.name })}>
        {canEditConnectors && (
          <Menu.Item leftSection={<Pencil size={14} />} onClick={() => editing.edit(connector)}>
            {t('common.edit')}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<Activity size={14} />} onClick={() => setDetailOf(connector.id)}>
          {t('connectors.detail.open')}
        </Menu.Item>
        <Menu.Item leftSection={<Link2 size={14} />} onClick={() => setUrlOf(connector)}>
          {t('connectors.providerUrl')}
        </Menu.Item>
        {canEditConnectors && (
          <>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<Trash2 size={14} />} onClick={() => deleting.ask(connector)}>
              {t('common.delete')}
            </Menu.Item>
          </>
        )}
      </RowMenu>
    )),
  ];

  const list = (
    <ResourceList
      query={connectors}
      columns={columns}
      minWidth={900}
      initialSort={{ key: 'name', direction: 'asc' }}
      rowProps={() => ({ 'data-testid': 'connector-row' })}
      empty={
        <EmptyState
          icon={PlugZap}
          title={t('connectors.noneYet')}
          action={
            canEditConnectors ? <Button onClick={editing.create}>{t('connectors.createConnector')}</Button> : undefined
          }
        >
          {canEditConnectors ? t('connectors.createHint') : t('connectors.notSetUp')}
        </EmptyState>
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('connectors.title')}
        description={t('connectors.description')}
        actions={
          canEditConnectors && (
            <NewButton onClick={editing.create} testId="new-connector">
              {t('connectors.newConnector')}
            </NewButton>
          )
        }
      />
      {!canEditConnectors && (
        <Alert variant="light" color="gray" mb="md" icon={<Lock size={16} />}>
          {t('connectors.setUpByReseller')}
        </Alert>
      )}
      {me.role === 'system_admin' ? (
        <Tabs defaultValue="connectors" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="connectors">{t('connectors.unmatched.connectorsTab')}</Tabs.Tab>
            <Tabs.Tab value="unmatched" data-testid="unmatched-tab">
              {t('connectors.unmatched.tab')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="connectors">{list}</Tabs.Panel>
          <Tabs.Panel value="unmatched">
            <UnmatchedDeliveries />
          </Tabs.Panel>
        </Tabs>
      ) : (
        list
      )}

      {editing.open && (
        <ConnectorForm
          clientId={clientId}
          connector={editing.item}
          onClose={editing.close}
          onSaved={(saved) => {
            editing.close();
            if (saved.token) {
              setMadeTokens((tokens) => ({ ...tokens, [saved.id]: saved.token! }));
              setNewToken({ connector: saved, rotated: editing.item !== undefined });
            }
          }}
        />
      )}
      <TokenModal
        connector={newToken?.connector}
        rotated={newToken?.rotated ?? false}
        onClose={() => setNewToken(undefined)}
      />
      <ConnectorDetail
        connector={detail}
        token={detail && knownToken(detail)}
        canEdit={canEditConnectors}
        onClose={() => setDetailOf(undefined)}
      />
      <ProviderUrlModal
        connector={urlOf}
        token={urlOf && knownToken(urlOf)}
        canEdit={canEditConnectors}
        onClose={() => setUrlOf(undefined)}
      />
      <ConfirmModal
        {...deleting.props}
        title={t('connectors.deleteTitle')}
        confirmLabel={t('connectors.deleteTitle')}
        errorTitle={t('connectors.notDeleted')}
      >
        <Trans
          i18nKey="connectors.deleteText"
          values={{ recipient: deleting.item?.recipient ?? '', name: deleting.item?.name ?? '' }}
          components={{ b: <b /> }}
        />
      </ConfirmModal>
    </>
  );
}

function MissingTarget() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('connectors.providers502')}>
      <Badge color="orange" variant="light">
        {t('connectors.notConfigured')}
      </Badge>
    </Tooltip>
  );
}

function TokenModal({
  connector,
  rotated,
  onClose,
}: {
  connector: Connector | undefined;
  rotated: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={connector !== undefined}
      onClose={onClose}
      title={
        <Group gap={8}>
          <KeyRound size={18} />
          <Text fw={600}>{t('connectors.newTokenOf', { name: connector?.name ?? '' })}</Text>
        </Group>
      }
      size="lg"
      centered
      closeOnClickOutside={false}
    >
      {connector?.token && (
        <Stack>
          <Alert color="yellow" variant="light">
            {rotated ? t('connectors.copyNowRotated') : t('connectors.copyNow')}
          </Alert>
          <CopyField label={t('connectors.token')} value={connector.token} testId="new-token" />
          {connector.provider === 'generic' ? (
            <>
              <CopyField
                label={t('connectors.urlWithToken')}
                value={providerUrl(window.location.origin, connector.recipient, connector.token)}
                testId="provider-url-token"
              />
              <CopyField
                label={t('connectors.urlWithoutTokenHeader')}
                value={providerUrl(window.location.origin, connector.recipient)}
              />
            </>
          ) : (
            <>
              <Text size="sm">{t(`connectors.webhook.where.${connector.provider}`)}</Text>
              <CopyField
                label={connector.requireToken ? t('connectors.webhook.withToken') : t('connectors.webhook.url')}
                value={webhookUrl(
                  window.location.origin,
                  connector,
                  connector.requireToken ? connector.token : undefined,
                )}
                testId="webhook-url-token"
              />
            </>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('connectors.haveCopied')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
