import { Migrator } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index';
import { migrateToLatest } from '../../../server/db/migrate';
import { useTestServer } from '../../support/test-server';

const server = useTestServer();

beforeAll(async () => {});

describe('/readyz', () => {
  it('answers 503 "migrations pending" while the database lacks the latest migration', async () => {
    const { db, schema } = server.switchboard.database;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // As after restoring a backup taken before the latest migration: its changes are gone.
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateDown();
    expect(error).toBeUndefined();
    expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[Object.keys(migrations).at(-1), 'Success']]);
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'migrations pending' });
      // The process itself is fine: only readiness depends on the database.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await migrateToLatest(db, schema);
    }
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
