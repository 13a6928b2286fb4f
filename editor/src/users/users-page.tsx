import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Skeleton,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Ellipsis, KeyRound, KeySquare, Mail, Pencil, Plus, Search, UserCheck, UserX, Users } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { keys, patch, post, useApiMutation, useResellers, useUsers, type UserFilters } from '../api/queries';
import type { Role, User } from '../api/types';
import { ConfirmModal } from '../common/confirm';
import { formatDateTime } from '../common/format';
import { FormModal } from '../common/form-modal';
import { ListTable, type ListColumn } from '../common/list-table';
import { EmptyState, ErrorAlert, PageHeader } from '../common/page';
import { roleLabel, useSession } from '../shell/session';
import { ResetPasswordModal } from './reset-password-modal';
import { UserApiKeysDrawer } from './user-api-keys-drawer';
import { UserFormModal } from './user-form';
import { ROLE_COLORS, type UserContext } from './user-roles';

type Scope = 'client' | 'reseller' | 'system';

const SCOPE_ROLES: Record<Scope, Role[]> = {
  client: ['client_admin', 'agent'],
  reseller: ['reseller_admin'],
  system: ['system_admin'],
};

/** Users of the client in scope, and for system and reseller admins also the admins of their own level. */
export function UsersPage() {
  const session = useSession();
  const { t } = useTranslation();
  const { me } = session;
  const resellers = useResellers(me.role === 'system_admin');
  const client = session.clientId
    ? { id: session.clientId, name: session.clientName ?? t('users.thisClient') }
    : undefined;
  const reseller = useMemo(() => {
    if (me.role === 'reseller_admin' && me.reseller) return { id: me.reseller.id, name: me.reseller.name ?? '' };
    if (me.role !== 'system_admin' || !client) return undefined;
    const resellerId = session.clients.find((c) => c.id === client.id)?.resellerId;
    const found = resellers.data?.find((r) => r.id === resellerId);
    return found ? { id: found.id, name: found.name } : undefined;
  }, [me, client?.id, session.clients, resellers.data]);
  const context: UserContext = { client, reseller };

  const [chosenScope, setScope] = useState<Scope>('client');
  // Without a client (none yet, or none chosen) only the admins' own levels are there to show.
  const scope: Scope =
    chosenScope === 'client' && !client && session.multiClient
      ? me.role === 'system_admin'
        ? 'system'
        : 'reseller'
      : chosenScope;
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<'true' | 'false' | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<User | 'new' | undefined>();
  const [resetting, setResetting] = useState<User | undefined>();
  const [deactivating, setDeactivating] = useState<User | undefined>();
  const [reactivating, setReactivating] = useState<User | undefined>();
  const [linking, setLinking] = useState<User | undefined>();
  const [showingKeys, setShowingKeys] = useState<User | undefined>();

  const filters: UserFilters | undefined = useMemo(() => {
    const active = status ?? undefined;
    if (scope === 'client') return client ? { clientId: client.id, role: role ?? undefined, active } : undefined;
    if (scope === 'reseller') return reseller ? { resellerId: reseller.id, active } : undefined;
    return { role: 'system_admin', active };
  }, [scope, client?.id, reseller?.id, role, status]);
  const users = useUsers(filters);
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

  const needle = search.trim().toLowerCase();
  const shown = useMemo(
    () =>
      needle
        ? users.data?.filter(
            (user) => user.displayName.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle),
          )
        : users.data,
    [users.data, needle],
  );
  const filtered = role !== null || status !== null || needle !== '';

  const scopeOptions = [
    ...(client ? [{ value: 'client', label: t('users.scope.client', { name: client.name }) }] : []),
    ...(reseller ? [{ value: 'reseller', label: t('users.scope.resellerAdmins', { name: reseller.name }) }] : []),
    ...(me.role === 'system_admin' ? [{ value: 'system', label: t('users.scope.systemAdmins') }] : []),
  ];
  const scopeName =
    scope === 'client'
      ? (client?.name ?? '')
      : scope === 'reseller'
        ? t('users.scope.adminsOf', { name: reseller?.name ?? '' })
        : t('users.scope.theSystemAdmins');

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
    {
      key: 'created',
      header: t('users.created'),
      width: 200,
      sortValue: (user) => user.createdAt,
      render: (user) => (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(user.createdAt)}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: '',
      width: 56,
      cellProps: { ta: 'right' },
      render: (user) => (
        <Menu position="bottom-end" shadow="md" width={200}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('users.actionsFor', { name: user.displayName })}>
              <Ellipsis size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
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
              onClick={() => setLinking(user)}
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
                onClick={() => setDeactivating(user)}
              >
                {user.id === me.id ? t('users.cannotDeactivateSelf') : t('users.deactivate')}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<UserCheck size={14} />} onClick={() => setReactivating(user)}>
                {t('users.reactivate')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];

  const noScope = filters === undefined && !session.clientsLoading;
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button
            leftSection={<Plus size={16} />}
            onClick={() => setEditing('new')}
            disabled={filters === undefined}
            data-testid="new-user"
          >
            {t('users.newUser')}
          </Button>
        }
      />
      {session.multiClient && scopeOptions.length > 1 && (
        <SegmentedControl
          mb="sm"
          size="xs"
          value={scope}
          onChange={(value) => {
            setScope(value as Scope);
            setRole(null);
          }}
          data={scopeOptions}
          data-testid="user-scope"
        />
      )}
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('users.search')}
          placeholder={t('users.nameOrEmail')}
          leftSection={<Search size={14} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={240}
          size="xs"
        />
        {scope === 'client' && (
          <Select
            label={t('users.role')}
            placeholder={t('users.anyRole')}
            data={SCOPE_ROLES.client.map((value) => ({ value, label: roleLabel(value) }))}
            value={role}
            onChange={(value) => setRole(value as Role | null)}
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
          onChange={(value) => setStatus(value as 'true' | 'false' | null)}
          clearable
          w={150}
          size="xs"
          data-testid="filter-status"
        />
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setRole(null);
              setStatus(null);
              setSearch('');
            }}
          >
            {t('users.clearFilters')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      {noScope ? (
        <EmptyState icon={Users} title={t('users.noClientYet')}>
          {t('users.noClientText')}
        </EmptyState>
      ) : filters === undefined ? (
        <Skeleton height={220} />
      ) : (
        <ListTable
          items={shown}
          columns={columns}
          rowKey={(user) => user.id}
          loading={users.isPending}
          initialSort={{ key: 'name', direction: 'asc' }}
          pageSize={25}
          minWidth={1000}
          noun={t('users.noun')}
          rowProps={(user) => ({
            'data-testid': 'user-row',
            'data-user': user.id,
            c: user.active ? undefined : 'dimmed',
          })}
          empty={
            <EmptyState
              icon={Users}
              title={filtered ? t('users.noMatch') : t('users.noneIn', { scope: scopeName })}
              action={filtered ? undefined : <Button onClick={() => setEditing('new')}>{t('users.createUser')}</Button>}
            >
              {filtered
                ? t('users.clearToSeeAll')
                : scope === 'client'
                  ? t('users.createClientUsers')
                  : t('users.createAdmin')}
            </EmptyState>
          }
        />
      )}

      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          context={context}
          defaultRole={scope === 'client' ? (role ?? 'agent') : SCOPE_ROLES[scope][0]!}
          onClose={() => setEditing(undefined)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />}
      <UserApiKeysDrawer user={showingKeys} onClose={() => setShowingKeys(undefined)} />
      {linking && (
        <FormModal
          title={t('users.emailPasswordLink')}
          submitLabel={t('users.sendLink')}
          loading={sendLink.isPending}
          error={sendLink.error}
          onClose={() => {
            sendLink.reset();
            setLinking(undefined);
          }}
          onSubmit={() =>
            sendLink.mutate(linking, {
              onSuccess: (sent) => {
                notifications.show({
                  color: 'teal',
                  message: t('users.linkSent', { email: sent.email, until: formatDateTime(sent.expiresAt) }),
                });
                setLinking(undefined);
              },
            })
          }
        >
          <Text size="sm">
            <Trans
              i18nKey="users.linkText"
              values={{ name: linking.displayName, email: linking.email }}
              components={{ b: <b /> }}
            />
          </Text>
        </FormModal>
      )}
      <ConfirmModal
        opened={deactivating !== undefined}
        title={t('users.deactivateTitle')}
        confirmLabel={t('users.deactivate')}
        loading={setActive.isPending}
        error={setActive.error}
        onClose={() => {
          setActive.reset();
          setDeactivating(undefined);
        }}
        onConfirm={() =>
          deactivating &&
          setActive.mutate(
            { user: deactivating, active: false },
            {
              onSuccess: (user) => {
                notifications.show({ color: 'teal', message: t('users.isDeactivated', { name: user.displayName }) });
                setDeactivating(undefined);
              },
            },
          )
        }
      >
        <Trans
          i18nKey={deactivating?.role === 'agent' ? 'users.deactivateAgentText' : 'users.deactivateText'}
          values={{ name: deactivating?.displayName ?? '' }}
          components={{ b: <b /> }}
        />
      </ConfirmModal>
      {reactivating && (
        <FormModal
          title={t('users.reactivateTitle')}
          submitLabel={t('users.reactivate')}
          loading={setActive.isPending}
          error={setActive.error}
          onClose={() => {
            setActive.reset();
            setReactivating(undefined);
          }}
          onSubmit={() =>
            setActive.mutate(
              { user: reactivating, active: true },
              {
                onSuccess: (user) => {
                  notifications.show({ color: 'teal', message: t('users.canSignInAgain', { name: user.displayName }) });
                  setReactivating(undefined);
                },
              },
            )
          }
        >
          <Text size="sm">
            <Trans
              i18nKey={reactivating.role === 'agent' ? 'users.reactivateAgentText' : 'users.reactivateText'}
              values={{ name: reactivating.displayName }}
              components={{ b: <b /> }}
            />
          </Text>
        </FormModal>
      )}
    </>
  );
}
