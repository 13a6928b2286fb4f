import { Badge, Button, Code } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ClipboardCheck, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { del, keys, useApiMutation, useWrapUpCodes } from '../api/queries';
import type { WrapUpCode } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useEditing } from '../common/form-modal';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { WrapUpCodeFormModal } from './wrap-up-code-form';

export function WrapUpCodesPage() {
  return <RequireClient>{(clientId) => <WrapUpCodes clientId={clientId} />}</RequireClient>;
}

function WrapUpCodes({ clientId }: { clientId: string }) {
  const codes = useWrapUpCodes(clientId);
  const { t } = useTranslation();
  const editing = useEditing<WrapUpCode>();
  const remove = useApiMutation(
    (code: WrapUpCode) => del(`/api/wrap-up-codes/${code.id}`),
    [keys.wrapUpCodes(clientId), keys.acdGroups(clientId)],
  );
  const deleting = useConfirm(
    remove,
    (code: WrapUpCode) => code,
    (code) => notifications.show({ color: 'teal', message: t('wrapUpCodes.deleted', { code: code.code }) }),
  );
  const columns: ListColumn<WrapUpCode>[] = [
    {
      key: 'code',
      header: t('wrapUpCodes.code'),
      width: 200,
      sortValue: (code) => code.code,
      render: (code) => <Code>{code.code}</Code>,
    },
    {
      key: 'label',
      header: t('wrapUpCodes.label'),
      sortValue: (code) => code.label,
      cellProps: { fw: 500 },
      render: (code) => code.label,
    },
    {
      key: 'active',
      header: t('wrapUpCodes.status'),
      width: 120,
      sortValue: (code) => (code.active ? 0 : 1),
      render: (code) => (
        <Badge variant="light" color={code.active ? 'teal' : 'gray'}>
          {code.active ? t('wrapUpCodes.active') : t('wrapUpCodes.inactive')}
        </Badge>
      ),
    },
    dateTimeColumn('updated', t('cannedResponses.updated'), (code) => code.updatedAt),
    actionsColumn(80, (code) => (
      <RowActions>
        <RowAction
          icon={Pencil}
          tooltip={t('common.edit')}
          label={t('wrapUpCodes.editName', { code: code.code })}
          onClick={() => editing.edit(code)}
        />
        <RowAction
          icon={Trash2}
          color="red"
          tooltip={t('common.delete')}
          label={t('wrapUpCodes.deleteName', { code: code.code })}
          onClick={() => deleting.ask(code)}
        />
      </RowActions>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('wrapUpCodes.title')}
        description={t('wrapUpCodes.description')}
        actions={
          <NewButton onClick={editing.create} testId="new-wrap-up-code">
            {t('wrapUpCodes.newCode')}
          </NewButton>
        }
      />
      <ResourceList
        query={codes}
        columns={columns}
        noun={t('wrapUpCodes.noun')}
        initialSort={{ key: 'code', direction: 'asc' }}
        rowProps={(code) => ({ 'data-testid': 'wrap-up-code-row', 'data-code': code.code })}
        empty={
          <EmptyState
            icon={ClipboardCheck}
            title={t('wrapUpCodes.noneYet')}
            action={<Button onClick={editing.create}>{t('wrapUpCodes.createCode')}</Button>}
          >
            {t('wrapUpCodes.createHint')}
          </EmptyState>
        }
      />
      {editing.open && <WrapUpCodeFormModal clientId={clientId} code={editing.item} onClose={editing.close} />}
      <ConfirmModal
        {...deleting.props}
        title={t('wrapUpCodes.deleteTitle', { code: deleting.item?.code ?? '' })}
        confirmLabel={t('wrapUpCodes.deleteCode')}
        errorTitle={t('wrapUpCodes.notDeleted')}
      >
        {t('wrapUpCodes.deleteText')}
      </ConfirmModal>
    </>
  );
}
