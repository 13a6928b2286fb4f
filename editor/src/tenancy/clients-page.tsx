import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Building2, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { keys, post, useApiMutation, useClients, useResellers } from '../api/queries';
import type { Client } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime, nameOf } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { useSession } from '../shell/session';

export function ClientsPage() {
  const session = useSession();
  const clients = useClients();
  const resellers = useResellers(session.multiClient);
  const [opened, { open, close }] = useDisclosure(false);
  const { sorted, sort, toggle } = useSorted(
    clients.data,
    {
      name: (client) => client.name,
      reseller: (client) => nameOf(resellers.data, client.resellerId) ?? '',
      created: (client) => client.createdAt ?? '',
    },
    { key: 'name', direction: 'asc' },
  );
  return (
    <>
      <PageHeader
        title="Clients"
        description="Each client has its own connectors, ACD groups, routing applications and traffic. The client chosen in the header scopes every page."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={open}>
            New client
          </Button>
        }
      />
      <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Name
            </SortableTh>
            <SortableTh column="reseller" sort={sort} onSort={toggle}>
              Reseller
            </SortableTh>
            <SortableTh column="created" sort={sort} onSort={toggle} w={220}>
              Created
            </SortableTh>
            <Table.Th w={140} />
          </Table.Tr>
        </Table.Thead>
        {clients.isPending ? (
          <TableSkeleton columns={4} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((client) => (
              <Table.Tr key={client.id}>
                <Table.Td fw={500}>{client.name}</Table.Td>
                <Table.Td>
                  {nameOf(resellers.data, client.resellerId) ?? (
                    <Text span c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td c="dimmed">{formatDateTime(client.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  {session.clientId === client.id ? (
                    <Text size="xs" c="teal.7" fw={600}>
                      In scope
                    </Text>
                  ) : (
                    <Button size="compact-xs" variant="subtle" onClick={() => session.selectClient(client.id)}>
                      Work on this client
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {clients.data?.length === 0 && (
        <EmptyState
          icon={Building2}
          title="No clients yet"
          action={<Button onClick={open}>Create the first client</Button>}
        >
          {session.me.role === 'system_admin' ? (
            <>
              A client belongs to a reseller (<Link to="/resellers">create one first</Link> if there is none).
            </>
          ) : (
            'Create a client of your reseller to configure its connectors and routing.'
          )}
        </EmptyState>
      )}
      <CreateClientModal opened={opened} onClose={close} />
    </>
  );
}

function CreateClientModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const session = useSession();
  const isSystem = session.me.role === 'system_admin';
  const resellers = useResellers(isSystem);
  const [name, setName] = useState('');
  const [resellerId, setResellerId] = useState<string | null>(null);
  const create = useApiMutation(
    (body: { name: string; resellerId?: string }) => post<Client>('/api/clients', body),
    [keys.clients],
  );
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New client" centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name, ...(isSystem && resellerId ? { resellerId } : {}) },
            {
              onSuccess: (client) => {
                notifications.show({ color: 'teal', message: `Client “${client.name}” created` });
                if (!session.clientId) session.selectClient(client.id);
                close();
              },
            },
          );
        }}
      >
        <Stack>
          <ErrorAlert error={formError(create.error, ['name', 'resellerId'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
          />
          {isSystem && (
            <Select
              label="Reseller"
              required
              placeholder={resellers.data?.length === 0 ? 'Create a reseller first' : 'Choose a reseller'}
              data={(resellers.data ?? []).map((reseller) => ({ value: reseller.id, label: reseller.name }))}
              value={resellerId}
              onChange={setResellerId}
              error={fieldError(create.error, 'resellerId')}
              searchable
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create client
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
