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
  const { me } = session;
  const resellers = useResellers(me.role === 'system_admin');
  const client = session.clientId ? { id: session.clientId, name: session.clientName ?? 'this client' } : undefined;
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
    ...(client ? [{ value: 'client', label: `Client · ${client.name}` }] : []),
    ...(reseller ? [{ value: 'reseller', label: `Reseller admins · ${reseller.name}` }] : []),
    ...(me.role === 'system_admin' ? [{ value: 'system', label: 'System admins' }] : []),
  ];
  const scopeName =
    scope === 'client' ? client?.name : scope === 'reseller' ? `the admins of ${reseller?.name}` : 'the system admins';

  const columns: ListColumn<User>[] = [
    {
      key: 'name',
      header: 'Name',
      sortValue: (user) => user.displayName,
      render: (user) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate maw={240} title={user.displayName}>
            {user.displayName}
          </Text>
          {user.id === me.id && (
            <Badge size="xs" variant="outline" color="gray">
              You
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'email',
      header: 'E-mail',
      sortValue: (user) => user.email,
      render: (user) => (
        <Text size="sm" truncate maw={280} title={user.email}>
          {user.email}
        </Text>
      ),
    },
    {
      key: 'role',
      header: 'Role',
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
      header: 'SMS delivery',
      width: 170,
      sortValue: (user) => (user.role === 'agent' ? `${user.smsDelivery} ${user.capacity}` : ''),
      render: (user) =>
        user.role === 'agent' ? (
          <Text size="sm">
            {user.smsDelivery === 'web' ? 'Agent desk' : 'E-mail'}
            <Text span size="sm" c="dimmed">
              {' '}
              · {user.capacity} at once
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
      header: 'Status',
      width: 110,
      sortValue: (user) => (user.active ? 0 : 1),
      render: (user) =>
        user.active ? (
          <Badge variant="light" color="teal">
            Active
          </Badge>
        ) : (
          <Badge variant="outline" color="gray">
            Deactivated
          </Badge>
        ),
    },
    {
      key: 'created',
      header: 'Created',
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
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.displayName}`}>
              <Ellipsis size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<Pencil size={14} />} onClick={() => setEditing(user)}>
              Edit
            </Menu.Item>
            <Menu.Item leftSection={<KeyRound size={14} />} onClick={() => setResetting(user)}>
              Reset password
            </Menu.Item>
            <Menu.Item
              leftSection={<Mail size={14} />}
              disabled={!me.emailConfigured || !user.active}
              title={me.emailConfigured ? undefined : 'This server sends no e-mail (SMTP_URL is not set)'}
              onClick={() => setLinking(user)}
            >
              E-mail a password link
            </Menu.Item>
            <Menu.Item leftSection={<KeySquare size={14} />} onClick={() => setShowingKeys(user)}>
              API keys
            </Menu.Item>
            <Menu.Divider />
            {user.active ? (
              <Menu.Item
                color="red"
                leftSection={<UserX size={14} />}
                disabled={user.id === me.id}
                onClick={() => setDeactivating(user)}
              >
                {user.id === me.id ? 'You cannot deactivate yourself' : 'Deactivate'}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<UserCheck size={14} />} onClick={() => setReactivating(user)}>
                Reactivate
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
        title="Users"
        description="Who may sign in, with which role. Admins manage the users of their own level and of the clients below it."
        actions={
          <Button
            leftSection={<Plus size={16} />}
            onClick={() => setEditing('new')}
            disabled={filters === undefined}
            data-testid="new-user"
          >
            New user
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
          label="Search"
          placeholder="Name or e-mail"
          leftSection={<Search size={14} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={240}
          size="xs"
        />
        {scope === 'client' && (
          <Select
            label="Role"
            placeholder="Any role"
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
          label="Status"
          placeholder="Any status"
          data={[
            { value: 'true', label: 'Active' },
            { value: 'false', label: 'Deactivated' },
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
            Clear filters
          </Button>
        )}
      </Group>
      <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      {noScope ? (
        <EmptyState icon={Users} title="No client yet">
          Users of a client belong to it. Create a client first, then choose it in the header.
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
          noun="users"
          rowProps={(user) => ({
            'data-testid': 'user-row',
            'data-user': user.id,
            c: user.active ? undefined : 'dimmed',
          })}
          empty={
            <EmptyState
              icon={Users}
              title={filtered ? 'No user matches these filters' : `No users in ${scopeName} yet`}
              action={filtered ? undefined : <Button onClick={() => setEditing('new')}>Create a user</Button>}
            >
              {filtered
                ? 'Clear the filters to see everyone.'
                : scope === 'client'
                  ? 'Create the client’s admins, who design its routing, and its agents, who answer the SMS.'
                  : 'Create an admin for this level.'}
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
          title="E-mail a password link"
          submitLabel="Send link"
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
                  message: `A link to set a password is on its way to ${sent.email} (valid until ${formatDateTime(sent.expiresAt)})`,
                });
                setLinking(undefined);
              },
            })
          }
        >
          <Text size="sm">
            <b>{linking.displayName}</b> gets an e-mail at {linking.email} with a link to choose a new password, valid
            once for 7 days. Their current password keeps working until they use it; an earlier link stops working.
          </Text>
        </FormModal>
      )}
      <ConfirmModal
        opened={deactivating !== undefined}
        title="Deactivate user"
        confirmLabel="Deactivate"
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
                notifications.show({ color: 'teal', message: `${user.displayName} deactivated` });
                setDeactivating(undefined);
              },
            },
          )
        }
      >
        <b>{deactivating?.displayName}</b> is signed out at once and can no longer sign in; their API keys are revoked.
        {deactivating?.role === 'agent' && ' They are logged off, and SMS offered to them go back to the queue.'} You
        can reactivate them later.
      </ConfirmModal>
      {reactivating && (
        <FormModal
          title="Reactivate user"
          submitLabel="Reactivate"
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
                  notifications.show({ color: 'teal', message: `${user.displayName} can sign in again` });
                  setReactivating(undefined);
                },
              },
            )
          }
        >
          <Text size="sm">
            <b>{reactivating.displayName}</b> can sign in again with their last password
            {reactivating.role === 'agent' ? ' and starts logged off in the agent desk' : ''}.
          </Text>
        </FormModal>
      )}
    </>
  );
}
