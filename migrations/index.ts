import type { Migration } from 'kysely';
import * as initial from './20261125T0300-initial';

/** Every migration, by its frozen timestamp-prefixed name; Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '20261125T0300-initial': initial,
};
