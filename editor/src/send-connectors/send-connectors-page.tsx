import { Alert, Badge, Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Lock, Pencil, Send, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sendDrivers } from '../../../contract/send-drivers';
import { del, keys, useApiMutation, useSendConnectors } from '../api/queries';
import type { SendConnector } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useEditing } from '../common/form-modal';
import { nameColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowMenu } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { SendConnectorForm } from './send-connector-form';

/** The client's SMS send connectors: where replies and other outbound SMS go out. */
export function SendConnectorsPage() {
  return <RequireClient>{(clientId) => <SendConnectors clientId={clientId} />}</RequireClient>;
}

function SendConnectors({ clientId }: { clientId: string }) {
  const { canEditConnectors } = useSession();
  const { t } = useTranslation();
  const connectors = useSendConnectors(clientId);
  const editing = useEditing<SendConnector>();
  const remove = useApiMutation(
    (id: string) => del(`/api/send-connectors/${id}`),
    [keys.sendConnectors(clientId), keys.connectors(clientId)],
  );
  const deleting = useConfirm(
    remove,
    (connector: SendConnector) => connector.id,
    (connector) =>
      notifications.show({ color: 'teal', message: t('sendConnectors.deleted', { name: connector.name }) }),
  );
  const driverName = (connector: SendConnector) => t(sendDrivers[connector.driver].label);

  const columns: ListColumn<SendConnector>[] = [
    nameColumn(t('sendConnectors.name'), (connector) => connector.name),
    {
      key: 'driver',
      header: t('sendConnectors.column.driver'),
      width: 150,
      sortValue: driverName,
      render: driverName,
    },
    {
      key: 'sender',
      header: t('sendConnectors.column.sender'),
      width: 170,
      cellProps: { ff: 'monospace', fz: 12.5 },
      render: (connector) => connector.defaultSender ?? '',
    },
    {
      key: 'rate',
      header: t('sendConnectors.column.rate'),
      width: 110,
      sortValue: (connector) => connector.ratePerSecond,
      render: (connector) => connector.ratePerSecond,
    },
    {
      key: 'credentials',
      header: t('sendConnectors.hasCredentials'),
      width: 190,
      render: (connector) =>
        connector.hasCredentials ? (
          <Badge variant="light" color="teal" leftSection={<Lock size={11} />}>
            {t('sendConnectors.credentialsStored')}
          </Badge>
        ) : (
          <Badge variant="light" color="orange">
            {t('sendConnectors.credentialsNone')}
          </Badge>
        ),
    },
    actionsColumn(60, (connector) =>
      canEditConnectors ? (
        <RowMenu label={t('sendConnectors.actionsFor', { name: connector.name })}>
          <Menu.Item leftSection={<Pencil size={14} />} onClick={() => editing.edit(connector)}>
            {t('common.edit')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<Trash2 size={14} />} onClick={() => deleting.ask(connector)}>
            {t('common.delete')}
          </Menu.Item>
        </RowMenu>
      ) : null,
    ),
  ];

  return (
    <>
      <PageHeader
        title={t('sendConnectors.title')}
        description={t('sendConnectors.description')}
        actions={
          canEditConnectors && (
            <NewButton onClick={editing.create} testId="new-send-connector">
              {t('sendConnectors.newConnector')}
            </NewButton>
          )
        }
      />
      {!canEditConnectors && (
        <Alert variant="light" color="gray" mb="md" icon={<Lock size={16} />}>
          {t('sendConnectors.setUpByReseller')}
        </Alert>
      )}
      <ResourceList
        query={connectors}
        columns={columns}
        minWidth={800}
        initialSort={{ key: 'name', direction: 'asc' }}
        rowProps={() => ({ 'data-testid': 'send-connector-row' })}
        empty={
          <EmptyState
            icon={Send}
            title={t('sendConnectors.noneYet')}
            action={
              canEditConnectors ? (
                <Button onClick={editing.create}>{t('sendConnectors.newConnector')}</Button>
              ) : undefined
            }
          >
            {canEditConnectors ? t('sendConnectors.createHint') : t('sendConnectors.setUpByReseller')}
          </EmptyState>
        }
      />
      {editing.open && <SendConnectorForm clientId={clientId} connector={editing.item} onClose={editing.close} />}
      <ConfirmModal
        {...deleting.props}
        title={t('sendConnectors.deleteTitle')}
        confirmLabel={t('sendConnectors.deleteTitle')}
        errorTitle={t('sendConnectors.notDeleted')}
      >
        {t('sendConnectors.deleteText', { name: deleting.item?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
