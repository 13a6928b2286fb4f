import { ActionIcon, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Headset, Pencil, Plus } from 'lucide-react';
import { useState } from 'react';
import { keys, patch, post, useAcdGroups, useApiMutation } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';

const STRATEGIES: Record<AcdGroup['strategy'], string> = {
  longest_idle: 'Longest idle first',
  round_robin: 'Round robin',
};

export function AcdGroupsPage() {
  return <RequireClient>{(clientId) => <AcdGroups clientId={clientId} />}</RequireClient>;
}

function AcdGroups({ clientId }: { clientId: string }) {
  const groups = useAcdGroups(clientId);
  const [editing, setEditing] = useState<AcdGroup | 'new' | undefined>();
  const { sorted, sort, toggle } = useSorted(
    groups.data,
    {
      name: (group) => group.name,
      strategy: (group) => STRATEGIES[group.strategy],
      timeout: (group) => group.offerTimeoutSeconds,
      members: (group) => group.members.length,
      created: (group) => group.createdAt ?? '',
    },
    { key: 'name', direction: 'asc' },
  );
  return (
    <>
      <PageHeader
        title="ACD groups"
        description="Groups of agents that receive SMS as media events. Connectors and routing applications route to them."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
            New ACD group
          </Button>
        }
      />
      <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Name
            </SortableTh>
            <SortableTh column="strategy" sort={sort} onSort={toggle} w={200}>
              Distribution
            </SortableTh>
            <SortableTh column="timeout" sort={sort} onSort={toggle} w={140}>
              Offer timeout
            </SortableTh>
            <SortableTh column="members" sort={sort} onSort={toggle} w={110}>
              Members
            </SortableTh>
            <SortableTh column="created" sort={sort} onSort={toggle} w={210}>
              Created
            </SortableTh>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        {groups.isPending ? (
          <TableSkeleton columns={6} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((group) => (
              <Table.Tr key={group.id}>
                <Table.Td fw={500}>{group.name}</Table.Td>
                <Table.Td>{STRATEGIES[group.strategy]}</Table.Td>
                <Table.Td>{group.offerTimeoutSeconds} s</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={group.members.length ? 'blue' : 'gray'}>
                    {group.members.length}
                  </Badge>
                </Table.Td>
                <Table.Td c="dimmed">{formatDateTime(group.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <Tooltip label="Rename">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Rename ${group.name}`}
                      onClick={() => setEditing(group)}
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
      {groups.data?.length === 0 && (
        <EmptyState
          icon={Headset}
          title="No ACD groups yet"
          action={<Button onClick={() => setEditing('new')}>Create an ACD group</Button>}
        >
          Create a group such as “Support” before you set up a connector: every SMS ends up in a group.
        </EmptyState>
      )}
      {editing && (
        <AcdGroupModal
          clientId={clientId}
          group={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}

function AcdGroupModal({
  clientId,
  group,
  onClose,
}: {
  clientId: string;
  group: AcdGroup | undefined;
  onClose(): void;
}) {
  const [name, setName] = useState(group?.name ?? '');
  const save = useApiMutation(
    (body: { name: string }) =>
      group
        ? patch<AcdGroup>(`/api/acd-groups/${group.id}`, body)
        : post<AcdGroup>('/api/acd-groups', { ...body, clientId }),
    [keys.acdGroups(clientId)],
  );
  return (
    <Modal opened onClose={onClose} title={group ? 'Rename ACD group' : 'New ACD group'} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(
            { name },
            {
              onSuccess: (saved) => {
                notifications.show({
                  color: 'teal',
                  message: group ? `Renamed to “${saved.name}”` : `ACD group “${saved.name}” created`,
                });
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <ErrorAlert error={formError(save.error, ['name'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(save.error, 'name')}
            description={group ? undefined : 'Agents and distribution settings can be added later.'}
          />
          {!group && (
            <Text size="xs" c="dimmed">
              New groups distribute to the agent who has been idle longest and offer each SMS for 30 seconds.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {group ? 'Save' : 'Create ACD group'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
