// What the audit log records, declared once: the API's writes are typed by it, and the web UI
// imports it for its filters and to say each action in words. Pure data, no I/O.

/** Each object type, with the actions recorded on it and how a reader says them. */
export const AUDIT_ACTIONS = {
  reseller: { create: 'Created', update: 'Changed', delete: 'Deleted' },
  client: { create: 'Created', update: 'Changed', delete: 'Deleted' },
  user: {
    create: 'Created',
    invite: 'Invited',
    update: 'Changed',
    'update.role': 'Role changed',
    'update.password': 'Password reset',
    'update.own_password': 'Own password changed',
    'update.own_language': 'Own language changed',
    'password_link.send': 'Password link sent',
    deactivate: 'Deactivated',
    reactivate: 'Reactivated',
    delete: 'Deleted',
  },
  acd_group: { create: 'Created', update: 'Changed', delete: 'Deleted' },
  connector: { create: 'Created', update: 'Changed', 'token.regenerate': 'New token', delete: 'Deleted' },
  routing_application: {
    create: 'Created',
    update: 'Changed',
    'update.pointers': 'Active/test version changed',
    publish: 'Published',
    delete: 'Deleted',
  },
  api_key: {
    create: 'Created',
    revoke: 'Revoked',
    'revoke.by_admin': 'Revoked by an admin',
    'revoke.user_deactivated': 'Revoked: user deactivated',
    'revoke.role_changed': 'Revoked: role changed',
  },
  media_event: { cancel: 'Cancelled' },
} as const;

export type AuditEntityType = keyof typeof AUDIT_ACTIONS;
export const auditEntityTypes = Object.keys(AUDIT_ACTIONS) as [AuditEntityType, ...AuditEntityType[]];

/** The actions recorded on objects of type `E`, e.g. `update.role` on users. */
export type AuditAction<E extends AuditEntityType = AuditEntityType> = E extends AuditEntityType
  ? Extract<keyof (typeof AUDIT_ACTIONS)[E], string>
  : never;
