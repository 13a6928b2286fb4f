import { Anchor, Badge, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Activity, Headset, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, keys, useAcdGroups, useApiMutation } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { dateTimeColumn, nameColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { useEditing } from '../common/form-modal';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
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
  const editing = useEditing<AcdGroup>();
  const [watching, setWatching] = useState<AcdGroup | undefined>();
  const remove = useApiMutation(
    (group: AcdGroup) => del(`/api/acd-groups/${group.id}`),
    [keys.acdGroups(clientId), keys.agents(clientId), keys.connectors(clientId)],
  );
  const deleting = useConfirm(
    remove,
    (group: AcdGroup) => group,
    (group) => notifications.show({ color: 'teal', message: t('acdGroups.deleted', { name: group.name }) }),
  );
  // The drawer shows the group as the list has it now (e.g. after an edit).
  const watched = watching && (groups.data?.find((group) => group.id === watching.id) ?? watching);
  const columns: ListColumn<AcdGroup>[] = [
    nameColumn(t('common.name'), (group) => (
      <Anchor component="button" type="button" fw={500} fz="sm" onClick={() => setWatching(group)}>
        {group.name}
      </Anchor>
    )),
    {
      key: 'strategy',
      header: t('acdGroups.distribution'),
      width: 200,
      sortValue: (group) => strategyLabel(group.strategy),
      render: (group) => strategyLabel(group.strategy),
    },
    {
      key: 'timeout',
      header: t('acdGroups.offerTimeout'),
      width: 140,
      sortValue: (group) => group.offerTimeoutSeconds,
      render: (group) => t('acdGroups.seconds', { count: group.offerTimeoutSeconds }),
    },
    {
      key: 'members',
      header: t('acdGroups.members'),
      width: 110,
      sortValue: (group) => group.members.length,
      render: (group) => (
        <Badge variant="light" color={group.members.length ? 'blue' : 'gray'}>
          {group.members.length}
        </Badge>
      ),
    },
    dateTimeColumn('created', t('acdGroups.created'), (group) => group.createdAt),
    actionsColumn(110, (group) => (
      <RowActions>
        <RowAction
          icon={Activity}
          tooltip={t('acdGroups.liveView')}
          label={t('acdGroups.liveViewOf', { name: group.name })}
          onClick={() => setWatching(group)}
        />
        <RowAction
          icon={Pencil}
          tooltip={t('common.edit')}
          label={t('acdGroups.editName', { name: group.name })}
          onClick={() => editing.edit(group)}
        />
        <RowAction
          icon={Trash2}
          color="red"
          tooltip={t('common.delete')}
          label={t('acdGroups.deleteName', { name: group.name })}
          onClick={() => deleting.ask(group)}
        />
      </RowActions>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('acdGroups.title')}
        description={t('acdGroups.description')}
        actions={<NewButton onClick={editing.create}>{t('acdGroups.newGroup')}</NewButton>}
      />
      <ResourceList
        query={groups}
        columns={columns}
        initialSort={{ key: 'name', direction: 'asc' }}
        empty={
          <EmptyState
            icon={Headset}
            title={t('acdGroups.noneYet')}
            action={<Button onClick={editing.create}>{t('acdGroups.createGroup')}</Button>}
          >
            {t('acdGroups.createHint')}
          </EmptyState>
        }
      />
      {editing.open && <AcdGroupFormModal clientId={clientId} group={editing.item} onClose={editing.close} />}
      <GroupLiveDrawer
        group={watched}
        onClose={() => setWatching(undefined)}
        onEdit={() => watched && editing.edit(watched)}
      />
      <ConfirmModal
        {...deleting.props}
        title={t('acdGroups.deleteTitle', { name: deleting.item?.name ?? '' })}
        confirmLabel={t('acdGroups.deleteGroup')}
        errorTitle={t('acdGroups.notDeleted')}
      >
        {t('acdGroups.deleteText')}
      </ConfirmModal>
    </>
  );
}
