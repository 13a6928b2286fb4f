import { ActionIcon, Button, Table, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Pencil, Plus, Store } from 'lucide-react';
import { useState } from 'react';
import { keys, patch, post, useApiMutation, useResellers } from '../api/queries';
import type { Reseller } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { EmptyState, ErrorAlert, fieldError, PageHeader, TableSkeleton } from '../common/page';

export function ResellersPage() {
  const resellers = useResellers();
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<Reseller | undefined>();
  return (
    <>
      <PageHeader
        title="Resellers"
        description="Resellers own clients. Reseller admins manage the clients and connectors of their reseller."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={open}>
            New reseller
          </Button>
        }
      />
      <ErrorAlert error={resellers.error} onRetry={() => void resellers.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={220}>Created</Table.Th>
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
                  <Tooltip label="Rename">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Rename ${reseller.name}`}
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
          title="No resellers yet"
          action={<Button onClick={open}>Create the first reseller</Button>}
        >
          Every client belongs to a reseller. Create one, then its clients.
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
  const save = useApiMutation(
    (body: { name: string }) =>
      reseller ? patch<Reseller>(`/api/resellers/${reseller.id}`, body) : post<Reseller>('/api/resellers', body),
    [keys.resellers, ['audit-log']],
  );
  return (
    <FormModal
      title={reseller ? `Rename reseller ${reseller.name}` : 'New reseller'}
      submitLabel={reseller ? 'Save reseller' : 'Create reseller'}
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
                message: `Reseller “${saved.name}” ${reseller ? 'saved' : 'created'}`,
              });
              onClose();
            },
          },
        )
      }
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError(save.error, 'name')}
      />
    </FormModal>
  );
}
