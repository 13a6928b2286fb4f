import { ActionIcon, Button, Table, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Pencil, Plus, Store } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, patch, post, useApiMutation, useResellers } from '../api/queries';
import type { Reseller } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { EmptyState, ErrorAlert, fieldError, PageHeader, TableSkeleton } from '../common/page';

export function ResellersPage() {
  const resellers = useResellers();
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<Reseller | undefined>();
  return (
    <>
      <PageHeader
        title={t('tenancy.resellers.title')}
        description={t('tenancy.resellers.description')}
        actions={
          <Button leftSection={<Plus size={16} />} onClick={open}>
            {t('tenancy.resellers.newReseller')}
          </Button>
        }
      />
      <ErrorAlert error={resellers.error} onRetry={() => void resellers.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th w={220}>{t('tenancy.resellers.created')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        {resellers.isPending ? (
          <TableSkeleton columns={3} />
        ) : (
          <Table.Tbody>
            {(resellers.data ?? []).map((reseller) => (
              <Table.Tr key={reseller.id}>
                <Table.Td fw={500}>{reseller.name}</Table.Td>
                <Table.Td c="dimmed">{formatDateTime(reseller.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <Tooltip label={t('tenancy.resellers.rename')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('tenancy.resellers.renameName', { name: reseller.name })}
                      onClick={() => setEditing(reseller)}
                    >
                      <Pencil size={15} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {resellers.data?.length === 0 && (
        <EmptyState
          icon={Store}
          title={t('tenancy.resellers.noneYet')}
          action={<Button onClick={open}>{t('tenancy.resellers.createFirst')}</Button>}
        >
          {t('tenancy.resellers.everyClient')}
        </EmptyState>
      )}
      {opened && <ResellerModal reseller={undefined} onClose={close} />}
      {editing && <ResellerModal reseller={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

/** Creates a reseller (`reseller` undefined) or renames one. */
function ResellerModal({ reseller, onClose }: { reseller: Reseller | undefined; onClose(): void }) {
  const [name, setName] = useState(reseller?.name ?? '');
  const { t } = useTranslation();
  const save = useApiMutation(
    (body: { name: string }) =>
      reseller ? patch<Reseller>(`/api/resellers/${reseller.id}`, body) : post<Reseller>('/api/resellers', body),
    [keys.resellers, ['audit-log']],
  );
  return (
    <FormModal
      title={
        reseller ? t('tenancy.resellers.renameTitle', { name: reseller.name }) : t('tenancy.resellers.newReseller')
      }
      submitLabel={reseller ? t('tenancy.resellers.save') : t('tenancy.resellers.create')}
      onClose={onClose}
      loading={save.isPending}
      error={save.error}
      fields={['name']}
      onSubmit={() =>
        save.mutate(
          { name },
          {
            onSuccess: (saved) => {
              notifications.show({
                color: 'teal',
                message: t(reseller ? 'tenancy.resellers.saved' : 'tenancy.resellers.created_', { name: saved.name }),
              });
              onClose();
            },
          },
        )
      }
    >
      <TextInput
        label={t('common.name')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(save.error, 'name')}
      />
    </FormModal>
  );
}
