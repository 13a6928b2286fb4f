import type { MantineColor } from '@mantine/core';
import type { Role, User } from '../api/types';

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
 * context; undefined when the context has no place for that role.
 */
export function placementFor(role: Role, user: User | undefined, context: UserContext): Placement | undefined {
  if (role === 'system_admin')
    return { ids: {}, description: 'Belongs to no reseller or client and may manage everything.' };
  if (role === 'reseller_admin') {
    if (user?.resellerId)
      return {
        ids: {},
        description: `Manages the clients of ${context.reseller?.id === user.resellerId ? context.reseller.name : 'their reseller'}.`,
      };
    if (!context.reseller) return undefined;
    return {
      ids: { resellerId: context.reseller.id },
      description: `Manages the clients of reseller ${context.reseller.name}.`,
    };
  }
  const what = role === 'agent' ? 'Works in the agent desk of' : 'Manages routing, ACD groups and agents of';
  if (user?.clientId) {
    const name = context.client?.id === user.clientId ? context.client.name : 'their client';
    return { ids: {}, description: `${what} ${name}.` };
  }
  if (!context.client) return undefined;
  return { ids: { clientId: context.client.id }, description: `${what} client ${context.client.name}.` };
}
