import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { recordAudit, type AuditChange } from './record-audit';

/** What a write changed, for the audit log: one entry, several (in order), or none. */
export type AuditEntries = AuditChange | readonly AuditChange[];

/** What an audited write gives back: its result and its audit entries. */
export interface Audited<T> {
  result: T;
  audit: AuditEntries;
}

/** Who an audit entry names as the actor. */
export type Actor = Pick<Principal, 'userId' | 'email'>;

/**
 * Runs a write in one transaction and records what it says it changed in the same one: the
 * change and its audit entries commit together or not at all. `actor` is a function of the
 * result when only the write finds out who acts (a password link names its user). A write with
 * nothing to answer (a delete) gives only `{ audit }`.
 */
export function auditedWrite<T>(
  db: Kysely<Database>,
  actor: Actor | ((result: T) => Actor),
  write: (trx: Transaction<Database>) => Promise<Audited<T>>,
): Promise<T>;
export function auditedWrite(
  db: Kysely<Database>,
  actor: Actor,
  write: (trx: Transaction<Database>) => Promise<{ audit: AuditEntries }>,
): Promise<void>;
export async function auditedWrite<T>(
  db: Kysely<Database>,
  actor: Actor | ((result: T | undefined) => Actor),
  write: (trx: Transaction<Database>) => Promise<{ result?: T; audit: AuditEntries }>,
): Promise<T | undefined> {
  return db.transaction().execute(async (trx) => {
    const { result, audit } = await write(trx);
    const entries = [audit].flat();
    if (entries.length === 0) return result;
    const by = typeof actor === 'function' ? actor(result) : actor;
    for (const change of entries) await recordAudit(trx, by, change);
    return result;
  });
}

/**
 * An audited write of one row (an insert or update `returning` it): `audit` says what changed,
 * from the row as written. Answers the row.
 */
export function auditedRow<T>(
  db: Kysely<Database>,
  actor: Actor,
  write: (trx: Transaction<Database>) => Promise<T>,
  audit: (row: T) => AuditEntries,
): Promise<T> {
  return auditedWrite(db, actor, async (trx) => {
    const result = await write(trx);
    return { result, audit: audit(result) };
  });
}

/** An audited write whose entries are known before it runs (a delete, a password change); it answers nothing. */
export function auditedChange(
  db: Kysely<Database>,
  actor: Actor,
  audit: AuditEntries,
  write: (trx: Transaction<Database>) => Promise<unknown>,
): Promise<void> {
  return auditedWrite(db, actor, async (trx) => {
    await write(trx);
    return { audit };
  });
}
