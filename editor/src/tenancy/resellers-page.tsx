import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Pencil, Store } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { keys, patch, post, useResellers } from '../api/queries';
import type { Reseller } from '../api/types';
import { formatDateTime } from '../common/format';
import { FormModal, NameInput, useModalForm, useEditing } from '../common/form-modal';
import type { ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction } from '../common/row-actions';

export function ResellersPage() {
  const resellers = useResellers();
  const { t } = useTranslation();
  const editing = useEditing<Reseller>();
  const columns: ListColumn<Reseller>[] = [
    { key: 'name', header: t('common.name'), cellProps: { fw: 500 }, render: (reseller) => reseller.name },
    {
      key: 'created',
      header: t('tenancy.resellers.created'),
      width: 220,
      cellProps: { c: 'dimmed' },
      render: (reseller) => formatDateTime(reseller.createdAt),
    },
    actionsColumn(60, (reseller) => (
      <RowAction
        icon={Pencil}
        tooltip={t('tenancy.resellers.rename')}
        label={t('tenancy.resellers.renameName', { name: reseller.name })}
        onClick={() => editing.edit(reseller)}
      />
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('tenancy.resellers.title')}
        description={t('tenancy.resellers.description')}
        actions={<NewButton onClick={editing.create}>{t('tenancy.resellers.newReseller')}</NewButton>}
      />
      <ResourceList
        query={resellers}
        columns={columns}
        empty={
          <EmptyState
            icon={Store}
            title={t('tenancy.resellers.noneYet')}
            action={<Button onClick={editing.create}>{t('tenancy.resellers.createFirst')}</Button>}
          >
            {t('tenancy.resellers.everyClient')}
          </EmptyState>
        }
      />
      {editing.open && <ResellerModal reseller={editing.item} onClose={editing.close} />}
    </>
  );
}

/** Creates a reseller (`reseller` undefined) or renames one. */
function ResellerModal({ reseller, onClose }: { reseller: Reseller | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const { field, modal } = useModalForm<{ name: string }, Reseller>({
    initialValues: { name: reseller?.name ?? '' },
    save: (body) =>
      reseller ? patch<Reseller>(`/api/resellers/${reseller.id}`, body) : post<Reseller>('/api/resellers', body),
    invalidate: [keys.resellers, ['audit-log']],
    fields: ['name'],
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: t(reseller ? 'tenancy.resellers.saved' : 'tenancy.resellers.created_', { name: saved.name }),
      });
      onClose();
    },
  });
  return (
    <FormModal
      title={
        reseller ? t('tenancy.resellers.renameTitle', { name: reseller.name }) : t('tenancy.resellers.newReseller')
      }
      submitLabel={reseller ? t('tenancy.resellers.save') : t('tenancy.resellers.create')}
      onClose={onClose}
      {...modal}
    >
      <NameInput {...field('name')} />
    </FormModal>
  );
}
