import type { Role } from './domain';

// Pure rules about users, declared once for the API's checks and for the web UI, which reads
// this file to check a form while it is typed in.

export const PASSWORD_LENGTH = { min: 10, max: 1024 } as const;

/** Which roles a caller may give to users (and so, whose users they may manage). */
export const ASSIGNABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = {
  system_admin: ['system_admin', 'reseller_admin', 'client_admin', 'agent'],
  reseller_admin: ['reseller_admin', 'client_admin', 'agent'],
  client_admin: ['client_admin', 'agent'],
  agent: [],
};
