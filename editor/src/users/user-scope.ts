import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResellers, type UserFilters } from '../api/queries';
import type { Role } from '../api/types';
import { useSession } from '../shell/session';
import type { UserContext } from './user-roles';

/** Whose users the page lists: the client's, the reseller's admins, or the system admins. */
export type Scope = 'client' | 'reseller' | 'system';

export const SCOPE_ROLES: Record<Scope, Role[]> = {
  client: ['client_admin', 'agent'],
  reseller: ['reseller_admin'],
  system: ['system_admin'],
};

/**
 * The scopes the signed-in admin may list, the one chosen, and the client and reseller of the
 * page (`context`) that new users are put in.
 */
export function useUserScope() {
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

  const [chosen, choose] = useState<Scope>('client');
  // Without a client (none yet, or none chosen) only the admins' own levels are there to show.
  const scope: Scope =
    chosen === 'client' && !client && session.multiClient
      ? me.role === 'system_admin'
        ? 'system'
        : 'reseller'
      : chosen;
  const options = [
    ...(client ? [{ value: 'client', label: t('users.scope.client', { name: client.name }) }] : []),
    ...(reseller ? [{ value: 'reseller', label: t('users.scope.resellerAdmins', { name: reseller.name }) }] : []),
    ...(me.role === 'system_admin' ? [{ value: 'system', label: t('users.scope.systemAdmins') }] : []),
  ];
  const name =
    scope === 'client'
      ? (client?.name ?? '')
      : scope === 'reseller'
        ? t('users.scope.adminsOf', { name: reseller?.name ?? '' })
        : t('users.scope.theSystemAdmins');

  /** The list's query for the scope, narrowed by role and status; undefined while the scope has no place. */
  const query = (role: Role | null, active: 'true' | 'false' | null): UserFilters | undefined => {
    const status = active ?? undefined;
    if (scope === 'client')
      return client ? { clientId: client.id, role: role ?? undefined, active: status } : undefined;
    if (scope === 'reseller') return reseller ? { resellerId: reseller.id, active: status } : undefined;
    return { role: 'system_admin', active: status };
  };

  return {
    scope,
    choose,
    /** The scopes to choose from, when there is a choice. */
    options: session.multiClient && options.length > 1 ? options : [],
    /** The scope in words, e.g. "the system admins". */
    name,
    context,
    query,
    /** Whether the scope has no place yet, once the clients are read. */
    loading: session.clientsLoading,
  };
}
