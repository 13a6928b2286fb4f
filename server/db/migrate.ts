import { Migrator, type Kysely } from 'kysely';
import { migrations } from '../../migrations/index';
import { withOwnSchemaIntrospection } from './own-schema-introspection';

export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = createMigrator(db, schema);
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every migration this build knows of has been applied. */
export async function isMigrated(db: Kysely<any>, schema?: string): Promise<boolean> {
  const migrator = createMigrator(db, schema);
  const applied = await migrator.getMigrations();
  return applied.every((m) => m.executedAt !== undefined);
}

/** Kysely keeps its bookkeeping tables in our schema, and looks for them there only. */
function createMigrator(db: Kysely<any>, schema: string | undefined): Migrator {
  return new Migrator({
    db: withOwnSchemaIntrospection(db, schema),
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}
