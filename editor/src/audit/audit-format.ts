import type { ParseKeys } from 'i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../../contract/audit-actions';
import { isLanguage } from '../../../i18n/languages';
import type { AuditEntityType, AuditEntry, AuditName, Role } from '../api/types';
import { formatDateTime } from '../common/format';
import { i18n, t } from '../i18n/setup-i18n';
import { statusLabel } from '../i18n/status-label';
import { roleLabel } from '../shell/session';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An object type in words ("ACD group"); the type itself when the catalog does not know it. */
export function entityLabel(type: string): string {
  const key = `audit.entity.${type}` as ParseKeys;
  return i18n.exists(key) ? (t(key) as string) : type;
}

/** Every action's catalog key, derived from the server's list: an action without words does not compile. */
type ActionKey = { [E in AuditEntityType]: `audit.action.${E}.${AuditAction<E>}` }[AuditEntityType];

/** The actions recorded on objects of `type`, each with its words. */
export function actionsOf(type: AuditEntityType): { verb: string; label: string }[] {
  return (AUDIT_ACTIONS[type] as readonly AuditAction[]).map((verb) => ({
    verb,
    label: t(`audit.action.${type}.${verb}` as ActionKey),
  }));
}

/** "user.update.role" → "Role changed" (the action itself when it is not known here). */
export function actionLabel(entry: Pick<AuditEntry, 'action' | 'entityType'>): string {
  const verb = entry.action.startsWith(`${entry.entityType}.`)
    ? entry.action.slice(entry.entityType.length + 1)
    : entry.action;
  const key = `audit.action.${entry.entityType}.${verb}` as ParseKeys;
  return i18n.exists(key) ? (t(key) as string) : verb;
}

export const DESTRUCTIVE = /\.(delete|revoke|deactivate)(\.|$)/;

/** What an entry is about, as its name, display name or e-mail; undefined for objects without one. */
export function objectName(entry: AuditEntry): string | undefined {
  for (const side of [entry.after, entry.before]) {
    for (const field of ['name', 'displayName', 'email', 'recipient']) {
      const value = side?.[field];
      if (typeof value === 'string' && value) return value;
    }
  }
  return undefined;
}

// Fields that change with every write or say nothing to a reader.
const NOISE = new Set(['id', 'createdAt', 'updatedAt']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

// What names an object comes first in a summary.
const FIRST = ['name', 'displayName', 'email', 'role', 'recipient'];
const rank = (field: string) => (FIRST.includes(field) ? FIRST.indexOf(field) : FIRST.length);
const empty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The fields that differ between before and after, names first. For a creation or deletion, the
 * fields the object had (empty ones left out).
 */
export function changedFields(entry: Pick<AuditEntry, 'before' | 'after'>): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const whole = !entry.before || !entry.after;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !NOISE.has(field));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .filter((field) => !whole || !empty(before[field] ?? after[field]))
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

/** "displayName" → "Display name", "acdGroupId" → "ACD group": the catalog's words, else derived from the name. */
export function fieldLabel(field: string): string {
  const key = `audit.fields.${field.replace(/Id$/, '')}` as ParseKeys;
  if (i18n.exists(key)) return t(key) as string;
  const words = field
    .replace(/Id$/, '')
    .replace(/Ids$/, 's')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bacd\b/g, 'ACD')
    .replace(/\bsms\b/g, 'SMS')
    .replace(/\bhttp\b/g, 'HTTP');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words for the codes of known fields, from the catalog in the UI's language. */
const VALUE_LABELS: Record<string, (value: string) => string> = {
  role: (value) => roleLabel(value as Role),
  smsDelivery: (value) => statusLabel('smsDelivery', value),
  routingType: (value) => statusLabel('routingType', value),
  strategy: (value) => statusLabel('strategy', value),
  state: (value) => statusLabel('mediaEvent', value),
  language: (value) => (isLanguage(value) ? t(`language.${value}`) : value),
};

/** An id in words: the name of what it points at, or whose it was when that is gone ("deleted agent"). */
export type NameOf = (id: string) => string | undefined;

/** The names a page of the log came with (the server names only what the caller may see). */
export function namesOf(names: Readonly<Record<string, AuditName>> | undefined): NameOf {
  return (id) => {
    const named = names?.[id];
    return named && (named.name ?? t(`audit.gone.${named.kind}`));
  };
}

/** A value in one short line; ids become names where `nameOf` knows them, codes of known fields words, objects their fields. */
export function formatValue(value: unknown, nameOf: NameOf = () => undefined, field?: string): string {
  if (value === undefined || value === null || value === '') return '—';
  const label = field && typeof value === 'string' ? VALUE_LABELS[field]?.(value) : undefined;
  if (label) return label;
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'string') return nameOf(value) ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? t('audit.none') : value.map((item) => formatValue(item, nameOf)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([key, inner]) => `${fieldLabel(key)}: ${formatValue(inner, nameOf, key)}`)
      .join(' · ');
  return JSON.stringify(value);
}
