import { Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Plus, Store } from 'lucide-react';
import { useState } from 'react';
import { keys, post, useApiMutation, useResellers } from '../api/queries';
import type { Reseller } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';

export function ResellersPage() {
  const resellers = useResellers();
  const [opened, { open, close }] = useDisclosure(false);
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
          </Table.Tr>
        </Table.Thead>
        {resellers.isPending ? (
          <TableSkeleton columns={2} />
        ) : (
          <Table.Tbody>
            {(resellers.data ?? []).map((reseller) => (
              <Table.Tr key={reseller.id}>
                <Table.Td fw={500}>{reseller.name}</Table.Td>
                <Table.Td c="dimmed">{formatDateTime(reseller.createdAt)}</Table.Td>
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
      <CreateResellerModal opened={opened} onClose={close} />
    </>
  );
}

function CreateResellerModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const create = useApiMutation((body: { name: string }) => post<Reseller>('/api/resellers', body), [keys.resellers]);
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New reseller" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name },
            {
              onSuccess: (reseller) => {
                notifications.show({ color: 'teal', message: `Reseller “${reseller.name}” created` });
                close();
              },
            },
          );
        }}
      >
        <Stack>
          <ErrorAlert error={formError(create.error, ['name'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create reseller
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
