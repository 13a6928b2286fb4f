import type { MantineColor } from '@mantine/core';
import type { Role, User } from '../api/types';
import { t } from '../i18n/setup-i18n';

export const ROLE_COLORS: Record<Role, MantineColor> = {
  system_admin: 'grape',
  reseller_admin: 'indigo',
  client_admin: 'blue',
  agent: 'teal',
};

export const isClientRole = (role: Role) => role === 'client_admin' || role === 'agent';

/** The client and reseller a new or changed user can be put in: those of the page's scope. */
export interface UserContext {
  client?: { id: string; name: string } | undefined;
  reseller?: { id: string; name: string } | undefined;
}

export interface Placement {
  /** What the API needs besides the role (nothing when the user stays where they are). */
  ids: { clientId?: string; resellerId?: string };
  /** Where the user belongs, as a sentence. */
  description: string;
}

/**
 * Where a user with `role` belongs, given the user as they are (for a change) and the page's
 * context; undefined when the context has no place for that role. Call it while rendering.
 */
export function placementFor(
  role: Role,
  user: Pick<User, 'resellerId' | 'clientId'> | undefined,
  context: UserContext,
): Placement | undefined {
  if (role === 'system_admin') return { ids: {}, description: t('users.placement.system') };
  if (role === 'reseller_admin') {
    if (user?.resellerId)
      return {
        ids: {},
        description:
          context.reseller?.id === user.resellerId
            ? t('users.placement.resellerOf', { name: context.reseller.name })
            : t('users.placement.theirReseller'),
      };
    if (!context.reseller) return undefined;
    return {
      ids: { resellerId: context.reseller.id },
      description: t('users.placement.reseller', { name: context.reseller.name }),
    };
  }
  const agent = role === 'agent';
  if (user?.clientId) {
    const description =
      context.client?.id === user.clientId
        ? t(agent ? 'users.placement.agentOf' : 'users.placement.adminOf', { name: context.client.name })
        : t(agent ? 'users.placement.agentTheirClient' : 'users.placement.adminTheirClient');
    return { ids: {}, description };
  }
  if (!context.client) return undefined;
  return {
    ids: { clientId: context.client.id },
    description: t(agent ? 'users.placement.agentOfClient' : 'users.placement.adminOfClient', {
      name: context.client.name,
    }),
  };
}
