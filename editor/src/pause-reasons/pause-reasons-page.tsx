import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Coffee, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { PauseReason } from '../../../contract/pause-reasons';
import { del, useApiMutation } from '../api/queries';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useEditing } from '../common/form-modal';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { PauseReasonFormModal } from './pause-reason-form';
import { pauseReasonKeys, usePauseReasons } from './pause-reason-queries';

/** The client's pause reasons, which agents give on their desk when pausing (issue 16). */
export function PauseReasonsPage() {
  return <RequireClient>{(clientId) => <PauseReasons clientId={clientId} />}</RequireClient>;
}

function PauseReasons({ clientId }: { clientId: string }) {
  const reasons = usePauseReasons(clientId);
  const { t } = useTranslation();
  const editing = useEditing<PauseReason>();
  const remove = useApiMutation(
    (reason: PauseReason) => del(`/api/pause-reasons/${reason.id}`),
    [pauseReasonKeys.client(clientId)],
  );
  const deleting = useConfirm(
    remove,
    (reason: PauseReason) => reason,
    (reason) => notifications.show({ color: 'teal', message: t('pauseReasons.deleted', { name: reason.name }) }),
  );
  const columns: ListColumn<PauseReason>[] = [
    {
      key: 'position',
      header: t('pauseReasons.position'),
      width: 110,
      // The desk's order: by position, then by name.
      sortValue: (reason) => `${String(reason.position).padStart(4, '0')} ${reason.name.toLowerCase()}`,
      render: (reason) => reason.position,
    },
    {
      key: 'name',
      header: t('pauseReasons.name'),
      sortValue: (reason) => reason.name,
      cellProps: { fw: 500 },
      render: (reason) => reason.name,
    },
    dateTimeColumn('updated', t('pauseReasons.updated'), (reason) => reason.updatedAt),
    actionsColumn(80, (reason) => (
      <RowActions>
        <RowAction
          icon={Pencil}
          tooltip={t('common.edit')}
          label={t('pauseReasons.editName', { name: reason.name })}
          onClick={() => editing.edit(reason)}
        />
        <RowAction
          icon={Trash2}
          color="red"
          tooltip={t('common.delete')}
          label={t('pauseReasons.deleteName', { name: reason.name })}
          onClick={() => deleting.ask(reason)}
        />
      </RowActions>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('pauseReasons.title')}
        description={t('pauseReasons.description')}
        actions={
          <NewButton onClick={editing.create} testId="new-pause-reason">
            {t('pauseReasons.newReason')}
          </NewButton>
        }
      />
      <ResourceList
        query={reasons}
        columns={columns}
        noun={t('pauseReasons.noun')}
        initialSort={{ key: 'position', direction: 'asc' }}
        rowProps={(reason) => ({ 'data-testid': 'pause-reason-row', 'data-name': reason.name })}
        empty={
          <EmptyState
            icon={Coffee}
            title={t('pauseReasons.noneYet')}
            action={<Button onClick={editing.create}>{t('pauseReasons.createReason')}</Button>}
          >
            {t('pauseReasons.createHint')}
          </EmptyState>
        }
      />
      {editing.open && <PauseReasonFormModal clientId={clientId} reason={editing.item} onClose={editing.close} />}
      <ConfirmModal
        {...deleting.props}
        title={t('pauseReasons.deleteTitle', { name: deleting.item?.name ?? '' })}
        confirmLabel={t('pauseReasons.deleteReason')}
        errorTitle={t('pauseReasons.notDeleted')}
      >
        {t('pauseReasons.deleteText')}
      </ConfirmModal>
    </>
  );
}
