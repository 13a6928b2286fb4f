import { Badge, Button, Group, Menu, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { KeyRound, KeySquare, Mail, Pencil, Search, UserCheck, UserX, Users } from 'lucide-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { keys, patch, post, useApiMutation, useUsers } from '../api/queries';
import type { Role, User } from '../api/types';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { FilterBar, useFilters } from '../common/filters';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowMenu } from '../common/row-actions';
import { roleLabel, useSession } from '../shell/session';
import { ResetPasswordModal } from './reset-password-modal';
import { UserApiKeysDrawer } from './user-api-keys-drawer';
import { UserFormModal } from './user-form';
import { ROLE_COLORS } from './user-roles';
import { SCOPE_ROLES, useUserScope, type Scope } from './user-scope';

/** Users of the client in scope, and for system and reseller admins also the admins of their own level. */
export function UsersPage() {
  const { me } = useSession();
  const { t } = useTranslation();
  const scope = useUserScope();
  const filters = useFilters({ search: '', role: null as Role | null, status: null as 'true' | 'false' | null });
  const { search, role, status } = filters.values;
  const [editing, setEditing] = useState<User | 'new' | undefined>();
  const [resetting, setResetting] = useState<User | undefined>();
  const [showingKeys, setShowingKeys] = useState<User | undefined>();

  const query = scope.query(role, status);
  const users = useUsers(query);
  const setActive = useApiMutation(
    ({ user, active }: { user: User; active: boolean }) => patch<User>(`/api/users/${user.id}`, { active }),
    [keys.users, keys.auditLog, ['agents']],
  );
  const sendLink = useApiMutation(
    (user: User) =>
      post<{ purpose: 'invite' | 'reset'; email: string; expiresAt: string }>(
        `/api/users/${user.id}/password-link`,
        {},
      ),
    [keys.auditLog],
  );
  const said = (message: string) => notifications.show({ color: 'teal', message });
  const deactivating = useConfirm(
    setActive,
    (user: User) => ({ user, active: false }),
    (_, user) => said(t('users.isDeactivated', { name: user.displayName })),
  );
  const reactivating = useConfirm(
    setActive,
    (user: User) => ({ user, active: true }),
    (_, user) => said(t('users.canSignInAgain', { name: user.displayName })),
  );
  const linking = useConfirm(
    sendLink,
    (user: User) => user,
    (_, sent) => said(t('users.linkSent', { email: sent.email, until: formatDateTime(sent.expiresAt) })),
  );

  const needle = search.trim().toLowerCase();
  const shown = needle
    ? users.data?.filter(
        (user) => user.displayName.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle),
      )
    : users.data;

  const columns: ListColumn<User>[] = [
    {
      key: 'name',
      header: t('users.name'),
      sortValue: (user) => user.displayName,
      render: (user) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate maw={240} title={user.displayName}>
            {user.displayName}
          </Text>
          {user.id === me.id && (
            <Badge size="xs" variant="outline" color="gray">
              {t('users.you')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'email',
      header: t('users.email'),
      sortValue: (user) => user.email,
      render: (user) => (
        <Text size="sm" truncate maw={280} title={user.email}>
          {user.email}
        </Text>
      ),
    },
    {
      key: 'role',
      header: t('users.role'),
      width: 150,
      sortValue: (user) => roleLabel(user.role),
      render: (user) => (
        <Badge variant="light" color={ROLE_COLORS[user.role]}>
          {roleLabel(user.role)}
        </Badge>
      ),
    },
    {
      key: 'delivery',
      header: t('users.smsDelivery'),
      width: 170,
      sortValue: (user) => (user.role === 'agent' ? `${user.smsDelivery} ${user.capacity}` : ''),
      render: (user) =>
        user.role === 'agent' ? (
          <Text size="sm">
            {t(`status.smsDelivery.${user.smsDelivery}`)}
            <Text span size="sm" c="dimmed">
              {' '}
              · {t('users.atOnce', { capacity: user.capacity })}
            </Text>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
    },
    {
      key: 'status',
      header: t('users.status'),
      width: 110,
      sortValue: (user) => (user.active ? 0 : 1),
      render: (user) =>
        user.active ? (
          <Badge variant="light" color="teal">
            {t('users.active')}
          </Badge>
        ) : (
          <Badge variant="outline" color="gray">
            {t('users.deactivated')}
          </Badge>
        ),
    },
    { ...dateTimeColumn('created', t('users.created'), (user) => user.createdAt, 200), cellProps: CREATED_CELL },
    actionsColumn(56, (user) => (
      <RowMenu label={t('users.actionsFor', { name: user.displayName })} width={200}>
        <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(user)}>
          {t('users.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<KeyRound size={14} />} onClick={() => setResetting(user)}>
          {t('users.resetPassword')}
        </Menu.Item>
        <Menu.Item
          leftSection={<Mail size={14} />}
          disabled={!me.emailConfigured || !user.active}
          title={me.emailConfigured ? undefined : t('users.noEmail')}
          onClick={() => linking.ask(user)}
        >
          {t('users.emailPasswordLink')}
        </Menu.Item>
        <Menu.Item leftSection={<KeySquare size={14} />} onClick={() => setShowingKeys(user)}>
          {t('users.apiKeys')}
        </Menu.Item>
        <Menu.Divider />
        {user.active ? (
          <Menu.Item
            color="red"
            leftSection={<UserX size={14} />}
            disabled={user.id === me.id}
            onClick={() => deactivating.ask(user)}
          >
            {user.id === me.id ? t('users.cannotDeactivateSelf') : t('users.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<UserCheck size={14} />} onClick={() => reactivating.ask(user)}>
            {t('users.reactivate')}
          </Menu.Item>
        )}
      </RowMenu>
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          query && (
            <NewButton onClick={() => setEditing('new')} testId="new-user">
              {t('users.newUser')}
            </NewButton>
          )
        }
      />
      {scope.options.length > 0 && (
        <SegmentedControl
          mb="sm"
          size="xs"
          value={scope.scope}
          onChange={(value) => {
            scope.choose(value as Scope);
            filters.set('role')(null);
          }}
          data={scope.options}
          data-testid="user-scope"
        />
      )}
      {query === undefined && !scope.loading ? (
        <EmptyState icon={Users} title={t('users.noClientYet')}>
          {t('users.noClientText')}
        </EmptyState>
      ) : (
        <ResourceList
          query={users}
          items={shown}
          columns={columns}
          rowKey={(user) => user.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          pageSize={25}
          minWidth={1000}
          noun={t('users.noun')}
          rowProps={(user) => ({
            'data-testid': 'user-row',
            'data-user': user.id,
            c: user.active ? undefined : 'dimmed',
          })}
          filters={
            <FilterBar filters={filters}>
              <TextInput
                label={t('users.search')}
                placeholder={t('users.nameOrEmail')}
                leftSection={<Search size={14} />}
                value={search}
                onChange={(event) => filters.set('search')(event.currentTarget.value)}
                w={240}
                size="xs"
              />
              {scope.scope === 'client' && (
                <Select
                  label={t('users.role')}
                  placeholder={t('users.anyRole')}
                  data={SCOPE_ROLES.client.map((value) => ({ value, label: roleLabel(value) }))}
                  value={role}
                  onChange={(value) => filters.set('role')(value as Role | null)}
                  clearable
                  w={160}
                  size="xs"
                  data-testid="filter-role"
                />
              )}
              <Select
                label={t('users.status')}
                placeholder={t('users.anyStatus')}
                data={[
                  { value: 'true', label: t('users.active') },
                  { value: 'false', label: t('users.deactivated') },
                ]}
                value={status}
                onChange={(value) => filters.set('status')(value as 'true' | 'false' | null)}
                clearable
                w={150}
                size="xs"
                data-testid="filter-status"
              />
            </FilterBar>
          }
          empty={
            <EmptyState
              icon={Users}
              title={filters.active ? t('users.noMatch') : t('users.noneIn', { scope: scope.name })}
              action={
                filters.active ? undefined : <Button onClick={() => setEditing('new')}>{t('users.createUser')}</Button>
              }
            >
              {filters.active
                ? t('users.clearToSeeAll')
                : scope.scope === 'client'
                  ? t('users.createClientUsers')
                  : t('users.createAdmin')}
            </EmptyState>
          }
        />
      )}

      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          context={scope.context}
          defaultRole={scope.scope === 'client' ? (role ?? 'agent') : SCOPE_ROLES[scope.scope][0]!}
          onClose={() => setEditing(undefined)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />}
      <UserApiKeysDrawer user={showingKeys} onClose={() => setShowingKeys(undefined)} />
      <FormModal {...asDialog(linking.props)} title={t('users.emailPasswordLink')} submitLabel={t('users.sendLink')}>
        <Text size="sm">
          <Trans
            i18nKey="users.linkText"
            values={{ name: linking.item?.displayName ?? '', email: linking.item?.email ?? '' }}
            components={{ b: <b /> }}
          />
        </Text>
      </FormModal>
      <ConfirmModal {...deactivating.props} title={t('users.deactivateTitle')} confirmLabel={t('users.deactivate')}>
        <Trans
          i18nKey={deactivating.item?.role === 'agent' ? 'users.deactivateAgentText' : 'users.deactivateText'}
          values={{ name: deactivating.item?.displayName ?? '' }}
          components={{ b: <b /> }}
        />
      </ConfirmModal>
      <FormModal
        {...asDialog(reactivating.props)}
        title={t('users.reactivateTitle')}
        submitLabel={t('users.reactivate')}
      >
        <Text size="sm">
          <Trans
            i18nKey={reactivating.item?.role === 'agent' ? 'users.reactivateAgentText' : 'users.reactivateText'}
            values={{ name: reactivating.item?.displayName ?? '' }}
            components={{ b: <b /> }}
          />
        </Text>
      </FormModal>
    </>
  );
}

/** The created column as the users list shows it: dimmed, on one line. */
const CREATED_CELL = { c: 'dimmed', style: { whiteSpace: 'nowrap' } } as const;

/** A confirmation that is no warning: a `useConfirm`'s props for a `FormModal` (Enter confirms). */
function asDialog({ onConfirm, ...props }: ReturnType<typeof useConfirm>['props']) {
  return { ...props, onSubmit: onConfirm };
}
