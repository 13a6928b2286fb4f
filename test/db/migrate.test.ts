import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { isMigrated, migrateToLatest } from '../../server/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../server/db/open-database';
import { quoteIdent } from '../../server/db/quote-ident';
import { migrations } from '../../migrations/index';
import {
  createTestDatabaseLocation,
  POSTGRES_URL,
  postgresReachable,
  type TestBackend,
  type TestDatabaseLocation,
} from '../support/test-database';

const opened: { handle: DatabaseHandle; location: TestDatabaseLocation }[] = [];

async function freshDatabase(backend?: TestBackend): Promise<DatabaseHandle> {
  const location = await createTestDatabaseLocation(backend);
  const handle = await openDatabase({
    databaseUrl: location.databaseUrl,
    schema: location.schema,
    dataDir: location.dataDir,
  });
  opened.push({ handle, location });
  return handle;
}

afterEach(async () => {
  for (const { handle, location } of opened.splice(0)) {
    await handle.close();
    await location.drop();
  }
});

const everyMigration = Object.keys(migrations);

describe('migrating', { timeout: 90_000 }, () => {
  it("migrates its own schema when another schema of the database holds Kysely's bookkeeping tables", async () => {
    const handle = await freshDatabase();
    // Without a schema of our own (the embedded database, a plain DATABASE_URL) the tables land in
    // the current schema; another schema's tables of the same names must not be taken for ours.
    const elsewhere = quoteIdent(`${handle.schema ?? 'public'}_elsewhere`);
    await sql.raw(`create schema ${elsewhere}`).execute(handle.db);
    await sql
      .raw(
        `create table ${elsewhere}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)`,
      )
      .execute(handle.db);
    await sql
      .raw(`create table ${elsewhere}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null)`)
      .execute(handle.db);
    try {
      expect(await isMigrated(handle.db, handle.schema)).toBe(false);
      expect(await migrateToLatest(handle.db, handle.schema)).toEqual(everyMigration);
      expect(await isMigrated(handle.db, handle.schema)).toBe(true);
    } finally {
      await sql.raw(`drop schema ${elsewhere} cascade`).execute(handle.db);
    }
  });

  it('migrates while other schemas of the same PostgreSQL database come and go', async (context) => {
    if (!(await postgresReachable())) return context.skip();
    // Other Switchboards (or test files) on the same server create and drop their schemas at any
    // moment; a migration must look only at its own.
    const churn = new pg.Client({ connectionString: POSTGRES_URL });
    await churn.connect();
    let churning = true;
    const churned = (async () => {
      for (let round = 0; churning; round++) {
        const name = quoteIdent(`churn_${process.pid}_${round}`);
        await churn.query(`create schema ${name}; create table ${name}.item (id serial primary key, name text)`);
        await churn.query(`drop schema ${name} cascade`);
      }
    })();
    try {
      for (let attempt = 0; attempt < 4; attempt++) {
        const handle = await freshDatabase('postgres');
        expect(await migrateToLatest(handle.db, handle.schema)).toEqual(everyMigration);
        for (let check = 0; check < 10; check++) expect(await isMigrated(handle.db, handle.schema)).toBe(true);
      }
    } finally {
      churning = false;
      await churned;
      await churn.end();
    }
  });
});
