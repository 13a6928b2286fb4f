import { Button, Code, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { MessageSquareQuote, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { del, keys, useApiMutation, useCannedResponses } from '../api/queries';
import type { CannedResponse } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useEditing } from '../common/form-modal';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { CannedResponseFormModal } from './canned-response-form';

export function CannedResponsesPage() {
  return <RequireClient>{(clientId) => <CannedResponses clientId={clientId} />}</RequireClient>;
}

function CannedResponses({ clientId }: { clientId: string }) {
  const responses = useCannedResponses(clientId);
  const { t } = useTranslation();
  const editing = useEditing<CannedResponse>();
  const remove = useApiMutation(
    (response: CannedResponse) => del(`/api/canned-responses/${response.id}`),
    [keys.cannedResponses(clientId)],
  );
  const deleting = useConfirm(
    remove,
    (response: CannedResponse) => response,
    (response) =>
      notifications.show({ color: 'teal', message: t('cannedResponses.deleted', { shortcut: response.shortcut }) }),
  );
  const columns: ListColumn<CannedResponse>[] = [
    {
      key: 'shortcut',
      header: t('cannedResponses.shortcut'),
      width: 180,
      sortValue: (response) => response.shortcut,
      render: (response) => <Code>/{response.shortcut}</Code>,
    },
    {
      key: 'title',
      header: t('cannedResponses.responseTitle'),
      width: 240,
      sortValue: (response) => response.title,
      cellProps: { fw: 500 },
      render: (response) => response.title,
    },
    {
      key: 'text',
      header: t('cannedResponses.text'),
      render: (response) => (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {response.text}
        </Text>
      ),
    },
    dateTimeColumn('updated', t('cannedResponses.updated'), (response) => response.updatedAt),
    actionsColumn(80, (response) => (
      <RowActions>
        <RowAction
          icon={Pencil}
          tooltip={t('common.edit')}
          label={t('cannedResponses.editName', { shortcut: response.shortcut })}
          onClick={() => editing.edit(response)}
        />
        <RowAction
          icon={Trash2}
          color="red"
          tooltip={t('common.delete')}
          label={t('cannedResponses.deleteName', { shortcut: response.shortcut })}
          onClick={() => deleting.ask(response)}
        />
      </RowActions>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('cannedResponses.title')}
        description={t('cannedResponses.description')}
        actions={
          <NewButton onClick={editing.create} testId="new-canned-response">
            {t('cannedResponses.newResponse')}
          </NewButton>
        }
      />
      <ResourceList
        query={responses}
        columns={columns}
        noun={t('cannedResponses.noun')}
        initialSort={{ key: 'shortcut', direction: 'asc' }}
        rowProps={(response) => ({ 'data-testid': 'canned-response-row', 'data-shortcut': response.shortcut })}
        empty={
          <EmptyState
            icon={MessageSquareQuote}
            title={t('cannedResponses.noneYet')}
            action={<Button onClick={editing.create}>{t('cannedResponses.createResponse')}</Button>}
          >
            {t('cannedResponses.createHint')}
          </EmptyState>
        }
      />
      {editing.open && <CannedResponseFormModal clientId={clientId} response={editing.item} onClose={editing.close} />}
      <ConfirmModal
        {...deleting.props}
        title={t('cannedResponses.deleteTitle', { shortcut: deleting.item?.shortcut ?? '' })}
        confirmLabel={t('cannedResponses.deleteResponse')}
        errorTitle={t('cannedResponses.notDeleted')}
      >
        {t('cannedResponses.deleteText')}
      </ConfirmModal>
    </>
  );
}
