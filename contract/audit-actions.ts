// What the audit log records, declared once: the API's writes are typed by it, and the web UI
// imports it for its filters. The words for each action are the message catalog's
// (`audit.action.<type>.<action>`). Pure data, no I/O.

/** Each object type, with the actions recorded on it. */
export const AUDIT_ACTIONS = {
  reseller: ['create', 'update', 'delete'],
  client: ['create', 'update', 'delete'],
  user: [
    'create',
    'invite',
    'update',
    'update.role',
    'update.acd_groups',
    'update.password',
    'update.own_password',
    'update.own_language',
    'password_link.send',
    'deactivate',
    'reactivate',
    'delete',
  ],
  acd_group: ['create', 'update', 'delete'],
  connector: ['create', 'update', 'token.regenerate', 'delete'],
  send_connector: ['create', 'update', 'delete'],
  routing_application: ['create', 'update', 'update.pointers', 'publish', 'delete'],
  api_key: ['create', 'revoke', 'revoke.by_admin', 'revoke.user_deactivated', 'revoke.role_changed'],
  media_event: ['cancel', 'reassign'],
  // Canned responses and wrap-up codes (issue 14).
  canned_response: ['create', 'update', 'delete'],
  wrap_up_code: ['create', 'update', 'delete'],
  // Pause reasons (issue 16).
  pause_reason: ['create', 'update', 'delete'],
  // Opt-out (issue 15): a number added or removed (by an admin or by its own keyword SMS), the keywords.
  opt_out: ['create', 'delete'],
  opt_out_settings: ['update'],
} as const;

export type AuditEntityType = keyof typeof AUDIT_ACTIONS;
export const auditEntityTypes = Object.keys(AUDIT_ACTIONS) as [AuditEntityType, ...AuditEntityType[]];

/** The actions recorded on objects of type `E`, e.g. `update.role` on users. */
export type AuditAction<E extends AuditEntityType = AuditEntityType> = E extends AuditEntityType
  ? (typeof AUDIT_ACTIONS)[E][number]
  : never;
