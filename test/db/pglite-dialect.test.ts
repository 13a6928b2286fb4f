import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/open-database';
import type { Database } from '../../server/db/schema';

// Tests of our PGlite dialect itself: they always run on the embedded database.
let handle: DatabaseHandle;
let dataDir: string;
const db = () => handle.db as unknown as Kysely<{ item: { id: number; name: string } }>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-dialect-'));
  handle = await openDatabase({ dataDir });
  await sql`create table item (id int primary key, name text not null)`.execute(handle.db);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('PGlite dialect', () => {
  it("does not run another caller's statement inside an open transaction, so a rollback cannot take it along", async () => {
    const inTransaction = gate();
    const release = gate();
    const transaction = db()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('item').values({ id: 1, name: 'rolled back' }).execute();
        inTransaction.open();
        await release.opened;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);

    await inTransaction.opened;
    // Issued while the transaction is open; must wait, then commit on its own.
    const outsider = db().insertInto('item').values({ id: 2, name: 'outsider' }).execute();
    await new Promise((r) => setTimeout(r, 30));
    release.open();

    expect(await transaction).toBe('roll back');
    await outsider;
    const rows = await db().selectFrom('item').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([{ id: 2, name: 'outsider' }]);
  });

  it('commits a transaction as a whole', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('item').values({ id: 10, name: 'a' }).execute();
        await trx.insertInto('item').values({ id: 11, name: 'b' }).execute();
      });
    const rows = await db().selectFrom('item').select('id').where('id', 'in', [10, 11]).execute();
    expect(rows).toHaveLength(2);
  });

  it('rolls back every statement of a failed transaction', async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('item').values({ id: 20, name: 'a' }).execute();
          await trx.insertInto('item').values({ id: 20, name: 'duplicate' }).execute();
        }),
    ).rejects.toThrow();
    expect(await db().selectFrom('item').select('id').where('id', '=', 20).execute()).toEqual([]);
  });

  it('keeps serving many concurrent statements and transactions in order', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? db()
              .insertInto('item')
              .values({ id: 100 + i, name: `s${i}` })
              .execute()
          : db()
              .transaction()
              .execute(async (trx) => {
                await trx
                  .insertInto('item')
                  .values({ id: 100 + i, name: `t${i}` })
                  .execute();
              }),
      ),
    );
    const count = await db()
      .selectFrom('item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '>=', 100)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(40);
  });

  it('reports the number of affected rows', async () => {
    const result = await db()
      .updateTable('item')
      .set({ name: 'renamed' })
      .where('id', 'in', [10, 11])
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(2n);
  });

  it('refuses a second open of the same data directory with a clear message', async () => {
    await expect(openDatabase({ dataDir })).rejects.toThrow(/is in use by another Switchboard process/);
  });
});

describe.each(['pglite', 'postgres'] as const)('on %s', (backend) => {
  it('answers int8 and count(*) as JavaScript numbers', async (context) => {
    const { createTestDatabaseLocation, postgresReachable } = await import('../support/test-database');
    if (backend === 'postgres' && !(await postgresReachable())) return context.skip();
    const location = await createTestDatabaseLocation(backend);
    const opened = await openDatabase({
      databaseUrl: location.databaseUrl,
      dataDir: location.dataDir,
      schema: location.schema,
    });
    try {
      const row = await sql<{ n: unknown; big: unknown }>`select count(*) as n, 9007199254740991::int8 as big`.execute(
        opened.db as Kysely<Database>,
      );
      expect(row.rows[0]).toEqual({ n: 1, big: 9007199254740991 });
    } finally {
      await opened.close();
      await location.drop();
    }
  });
});
