import { ActionIcon, Anchor, Badge, Button, Group, Table, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Activity, Headset, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, keys, useAcdGroups, useApiMutation } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { DataTable } from '../common/data-table';
import { formatDateTime } from '../common/format';
import { EmptyState, ErrorAlert, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';
import { AcdGroupFormModal } from './acd-group-form';
import { GroupLiveDrawer } from './group-live-drawer';
import { strategyLabel } from './strategies';

export function AcdGroupsPage() {
  return <RequireClient>{(clientId) => <AcdGroups clientId={clientId} />}</RequireClient>;
}

function AcdGroups({ clientId }: { clientId: string }) {
  const groups = useAcdGroups(clientId);
  const { t } = useTranslation();
  const [editing, setEditing] = useState<AcdGroup | 'new' | undefined>();
  const [watching, setWatching] = useState<AcdGroup | undefined>();
  const [deleting, setDeleting] = useState<AcdGroup | undefined>();
  const remove = useApiMutation(
    (group: AcdGroup) => del(`/api/acd-groups/${group.id}`),
    [keys.acdGroups(clientId), keys.agents(clientId), keys.connectors(clientId)],
  );
  const { sorted, sort, toggle } = useSorted(
    groups.data,
    {
      name: (group) => group.name,
      strategy: (group) => strategyLabel(group.strategy),
      timeout: (group) => group.offerTimeoutSeconds,
      members: (group) => group.members.length,
      created: (group) => group.createdAt ?? '',
    },
    { key: 'name', direction: 'asc' },
  );
  // The drawer shows the group as the list has it now (e.g. after an edit).
  const watched = watching && (groups.data?.find((group) => group.id === watching.id) ?? watching);
  return (
    <>
      <PageHeader
        title={t('acdGroups.title')}
        description={t('acdGroups.description')}
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setEditing('new')}>
            {t('acdGroups.newGroup')}
          </Button>
        }
      />
      <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              {t('common.name')}
            </SortableTh>
            <SortableTh column="strategy" sort={sort} onSort={toggle} w={200}>
              {t('acdGroups.distribution')}
            </SortableTh>
            <SortableTh column="timeout" sort={sort} onSort={toggle} w={140}>
              {t('acdGroups.offerTimeout')}
            </SortableTh>
            <SortableTh column="members" sort={sort} onSort={toggle} w={110}>
              {t('acdGroups.members')}
            </SortableTh>
            <SortableTh column="created" sort={sort} onSort={toggle} w={210}>
              {t('acdGroups.created')}
            </SortableTh>
            <Table.Th w={110} />
          </Table.Tr>
        </Table.Thead>
        {groups.isPending ? (
          <TableSkeleton columns={6} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((group) => (
              <Table.Tr key={group.id}>
                <Table.Td fw={500}>
                  <Anchor component="button" type="button" fw={500} fz="sm" onClick={() => setWatching(group)}>
                    {group.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{strategyLabel(group.strategy)}</Table.Td>
                <Table.Td>{t('acdGroups.seconds', { count: group.offerTimeoutSeconds })}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={group.members.length ? 'blue' : 'gray'}>
                    {group.members.length}
                  </Badge>
                </Table.Td>
                <Table.Td c="dimmed">{formatDateTime(group.createdAt)}</Table.Td>
                <Table.Td ta="right">
                  <Group gap={2} justify="flex-end" wrap="nowrap">
                    <Tooltip label={t('acdGroups.liveView')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('acdGroups.liveViewOf', { name: group.name })}
                        onClick={() => setWatching(group)}
                      >
                        <Activity size={15} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('acdGroups.editName', { name: group.name })}
                        onClick={() => setEditing(group)}
                      >
                        <Pencil size={15} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('common.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('acdGroups.deleteName', { name: group.name })}
                        onClick={() => setDeleting(group)}
                      >
                        <Trash2 size={15} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {groups.data?.length === 0 && (
        <EmptyState
          icon={Headset}
          title={t('acdGroups.noneYet')}
          action={<Button onClick={() => setEditing('new')}>{t('acdGroups.createGroup')}</Button>}
        >
          {t('acdGroups.createHint')}
        </EmptyState>
      )}
      {editing && (
        <AcdGroupFormModal
          clientId={clientId}
          group={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
      <GroupLiveDrawer
        group={watched}
        onClose={() => setWatching(undefined)}
        onEdit={() => watched && setEditing(watched)}
      />
      <ConfirmModal
        opened={deleting !== undefined}
        title={t('acdGroups.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('acdGroups.deleteGroup')}
        loading={remove.isPending}
        error={remove.error}
        errorTitle={t('acdGroups.notDeleted')}
        onClose={() => {
          setDeleting(undefined);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('acdGroups.deleted', { name: deleting.name }) });
              setDeleting(undefined);
            },
          })
        }
      >
        {t('acdGroups.deleteText')}
      </ConfirmModal>
    </>
  );
}
