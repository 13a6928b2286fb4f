import type { Sentence } from '../../i18n/sentence';
import { conflict } from './api-error';

/** PostgreSQL error codes the API turns into answers. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    pgCode(error) === '23505' &&
    (!constraint ||
      (error as { constraint?: string }).constraint === constraint ||
      String((error as Error).message).includes(constraint))
  );
}

/** A row still referenced (23503), or a RESTRICT rule (23001, as newer PostgreSQL and PGlite report it). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = pgCode(error);
  return code === '23503' || code === '23001';
}

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** Runs a write; a unique violation becomes a 409 naming the field that must be unique. */
export async function conflictOnDuplicate<T>(write: () => Promise<T>, message: Sentence, field: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message, field);
    throw error;
  }
}
