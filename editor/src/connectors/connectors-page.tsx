import { ActionIcon, Alert, Badge, Button, Group, Menu, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Ellipsis, KeyRound, Link2, Lock, LockOpen, Pencil, PlugZap, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { del, keys, useAcdGroups, useApiMutation, useApplications, useConnectors } from '../api/queries';
import type { Connector } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { CopyField } from '../common/copy-field';
import { DataTable } from '../common/data-table';
import { nameOf } from '../common/format';
import { EmptyState, ErrorAlert, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { ConnectorForm } from './connector-form';
import { ProviderUrlModal } from './provider-url-modal';
import { providerUrl } from './provider-url';

export function ConnectorsPage() {
  return <RequireClient>{(clientId) => <Connectors clientId={clientId} />}</RequireClient>;
}

function Connectors({ clientId }: { clientId: string }) {
  const { canEditConnectors } = useSession();
  const { t } = useTranslation();
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const applications = useApplications(clientId);
  const [editing, setEditing] = useState<Connector | 'new' | undefined>();
  const [deleting, setDeleting] = useState<Connector | undefined>();
  const [urlOf, setUrlOf] = useState<Connector | undefined>();
  const [newToken, setNewToken] = useState<Connector | undefined>();
  // Tokens made while this page is open: the only time a URL with the token can be offered.
  const [madeTokens, setMadeTokens] = useState<Record<string, string>>({});
  const knownToken = (connector: Connector) => {
    const token = madeTokens[connector.id];
    // Made anew elsewhere since: the one remembered here no longer works.
    return token?.endsWith(connector.tokenHint) ? token : undefined;
  };
  const remove = useApiMutation((id: string) => del(`/api/connectors/${id}`), [keys.connectors(clientId)]);
  const targetName = (connector: Connector) =>
    (connector.routingType === 'direct_acd_group'
      ? nameOf(groups.data, connector.acdGroupId)
      : nameOf(applications.data, connector.routingApplicationId)) ?? '';
  const { sorted, sort, toggle } = useSorted(
    connectors.data,
    {
      name: (connector) => connector.name,
      recipient: (connector) => connector.recipient,
      requireToken: (connector) => (connector.requireToken ? 0 : 1),
      routingType: (connector) => connector.routingType,
      target: targetName,
    },
    { key: 'name', direction: 'asc' },
  );

  const target = (connector: Connector) => {
    if (connector.routingType === 'direct_acd_group') {
      const name = nameOf(groups.data, connector.acdGroupId);
      return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
    }
    const name = nameOf(applications.data, connector.routingApplicationId);
    return name ? <Text size="sm">{name}</Text> : <MissingTarget />;
  };

  return (
    <>
      <PageHeader
        title={t('connectors.title')}
        description={t('connectors.description')}
        actions={
          canEditConnectors && (
            <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')} data-testid="new-connector">
              {t('connectors.newConnector')}
            </Button>
          )
        }
      />
      {!canEditConnectors && (
        <Alert variant="light" color="gray" mb="md" icon={<Lock size={16} />}>
          {t('connectors.setUpByReseller')}
        </Alert>
      )}
      <ErrorAlert error={connectors.error} onRetry={() => void connectors.refetch()} />
      <DataTable minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              {t('common.name')}
            </SortableTh>
            <SortableTh column="recipient" sort={sort} onSort={toggle} w={160}>
              {t('connectors.recipient')}
            </SortableTh>
            <Table.Th w={110}>{t('connectors.token')}</Table.Th>
            <SortableTh column="requireToken" sort={sort} onSort={toggle} w={160}>
              {t('connectors.requireToken')}
            </SortableTh>
            <SortableTh column="routingType" sort={sort} onSort={toggle} w={170}>
              {t('connectors.routingType')}
            </SortableTh>
            <SortableTh column="target" sort={sort} onSort={toggle}>
              {t('connectors.target')}
            </SortableTh>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        {connectors.isPending ? (
          <TableSkeleton columns={7} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((connector) => (
              <Table.Tr key={connector.id} data-testid="connector-row">
                <Table.Td fw={500}>{connector.name}</Table.Td>
                <Table.Td ff="monospace" fz={12.5}>
                  {connector.recipient}
                </Table.Td>
                <Table.Td ff="monospace" fz={12.5} c="dimmed">
                  …{connector.tokenHint}
                </Table.Td>
                <Table.Td>
                  {connector.requireToken ? (
                    <Badge variant="light" color="teal" leftSection={<Lock size={11} />}>
                      {t('connectors.required')}
                    </Badge>
                  ) : (
                    <Badge variant="light" color="gray" leftSection={<LockOpen size={11} />}>
                      {t('connectors.optional')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`status.routingType.${connector.routingType}`)}</Table.Td>
                <Table.Td>{target(connector)}</Table.Td>
                <Table.Td ta="right">
                  <Menu position="bottom-end" shadow="md" width={220}>
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('connectors.actionsFor', { name: connector.name })}
                      >
                        <Ellipsis size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {canEditConnectors && (
                        <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(connector)}>
                          {t('common.edit')}
                        </Menu.Item>
                      )}
                      <Menu.Item leftSection={<Link2 size={14} />} onClick={() => setUrlOf(connector)}>
                        {t('connectors.providerUrl')}
                      </Menu.Item>
                      {canEditConnectors && (
                        <>
                          <Menu.Divider />
                          <Menu.Item
                            color="red"
                            leftSection={<Trash2 size={14} />}
                            onClick={() => setDeleting(connector)}
                          >
                            {t('common.delete')}
                          </Menu.Item>
                        </>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {connectors.data?.length === 0 && (
        <EmptyState
          icon={PlugZap}
          title={t('connectors.noneYet')}
          action={
            canEditConnectors ? (
              <Button onClick={() => setEditing('new')}>{t('connectors.createConnector')}</Button>
            ) : undefined
          }
        >
          {canEditConnectors ? t('connectors.createHint') : t('connectors.notSetUp')}
        </EmptyState>
      )}

      {editing && (
        <ConnectorForm
          clientId={clientId}
          connector={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            if (saved.token) {
              setMadeTokens((tokens) => ({ ...tokens, [saved.id]: saved.token! }));
              setNewToken(saved);
            }
          }}
        />
      )}
      <TokenModal connector={newToken} onClose={() => setNewToken(undefined)} />
      <ProviderUrlModal
        connector={urlOf}
        token={urlOf && knownToken(urlOf)}
        canEdit={canEditConnectors}
        onClose={() => setUrlOf(undefined)}
      />
      <ConfirmModal
        opened={deleting !== undefined}
        title={t('connectors.deleteTitle')}
        confirmLabel={t('connectors.deleteTitle')}
        loading={remove.isPending}
        error={remove.error}
        errorTitle={t('connectors.notDeleted')}
        onClose={() => {
          remove.reset();
          setDeleting(undefined);
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('connectors.deleted', { name: deleting.name }) });
              setDeleting(undefined);
            },
          })
        }
      >
        <Trans
          i18nKey="connectors.deleteText"
          values={{ recipient: deleting?.recipient ?? '', name: deleting?.name ?? '' }}
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

function TokenModal({ connector, onClose }: { connector: Connector | undefined; onClose(): void }) {
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
            {t('connectors.copyNow')}
          </Alert>
          <CopyField label={t('connectors.token')} value={connector.token} testId="new-token" />
          <CopyField
            label={t('connectors.urlWithToken')}
            value={providerUrl(window.location.origin, connector.recipient, connector.token)}
            testId="provider-url-token"
          />
          <CopyField
            label={t('connectors.urlWithoutTokenHeader')}
            value={providerUrl(window.location.origin, connector.recipient)}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('connectors.haveCopied')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
