import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../../server/db/open-database';
import { ConnectorCache } from '../../../../server/sms-receiver/connector-cache';
import { PartStore } from '../../../../server/sms-receiver/multipart/part-store';
import type { PartOf } from '../../../../server/sms-receiver/providers/provider-adapter';
import { createAcdSetup, expectStatus, type AcdSetup, type Sms } from '../../../support/fixtures';
import { postgresReachable } from '../../../support/test-database';
import { startTestServer, type TestServer } from '../../../support/test-server';

/**
 * Two instances on one PostgreSQL receive the last parts of the same messages at once, each
 * through its own connection pool, and both join (and sweep) behind the commits: each message
 * must be joined exactly once. PGlite is one process with one connection, so this race exists
 * on PostgreSQL only; like the other races between instances, the file runs there on either
 * TEST_DB (a skip would fail CI's PGlite pass).
 */
const MESSAGES = 20;
const senderOf = (ref: string) => `+4915112${ref.replace(/\D/g, '').padStart(6, '0')}`;

let server: TestServer | undefined;
let second: DatabaseHandle | undefined;
let direct: AcdSetup;

beforeAll(async () => {
  if (!(await postgresReachable())) return;
  server = await startTestServer({ backend: 'postgres' });
  // Only the two stores of the test join.
  await server.switchboard.partStore.stop();
  direct = await createAcdSetup(server.admin);
  second = await openDatabase({
    databaseUrl: server.location.databaseUrl,
    schema: server.location.schema,
    dataDir: server.location.dataDir,
  });
}, 60_000);
afterAll(async () => {
  await second?.close();
  await server?.close();
});

function running(context: TestContext): TestServer {
  if (!server || !second) context.skip();
  return server!;
}

async function instance(handle: DatabaseHandle, queued: string[]) {
  const connectors = new ConnectorCache(handle.db);
  await connectors.reload();
  const store = new PartStore(handle.db, {
    connectorById: (id) => connectors.byId(id),
    onQueued: (groups) => queued.push(...groups),
    sweepIntervalMs: 10,
  });
  const storePart = (part: PartOf, text: string) =>
    store.store(
      connectors.byId(direct.connectorId)!,
      {
        // A customer per message: one customer's messages would thread into one conversation.
        sender: senderOf(part.ref),
        receiver: direct.recipient,
        receiverNormalized: direct.recipient,
        message: text,
        keyword: null,
        messageId: `${part.ref}-${part.index}`,
        raw: JSON.stringify({ text }),
      },
      part,
    );
  return { store, storePart };
}

describe('two instances on one PostgreSQL', () => {
  it('join each message once when both receive its last parts at the same time', async (context) => {
    const { admin } = running(context);
    const queuedA: string[] = [];
    const queuedB: string[] = [];
    const a = await instance(server!.switchboard.database, queuedA);
    const b = await instance(second!, queuedB);
    const refs = Array.from({ length: MESSAGES }, (_, i) => `race-${i}`);
    for (const ref of refs) await a.storePart({ ref, total: 3, index: 1 }, `${ref} one`);

    a.store.start();
    b.store.start();
    // Part 2 reaches A, part 3 reaches B, and B's part 3 reaches A too (a provider's retry).
    const answers = await Promise.all(
      refs.flatMap((ref) => [
        a.storePart({ ref, total: 3, index: 2 }, ' two'),
        b.storePart({ ref, total: 3, index: 3 }, ' three'),
        a.storePart({ ref, total: 3, index: 3 }, ' three'),
      ]),
    );
    await Promise.all([a.store.sweep(), b.store.sweep()]);
    await Promise.all([a.store.stop(), b.store.stop()]);

    const lastParts = refs.map((_, i) => [answers[i * 3 + 1]!.duplicate, answers[i * 3 + 2]!.duplicate].sort());
    expect(lastParts).toEqual(refs.map(() => [false, true]));
    const page = expectStatus(
      await admin.get<{ items: Sms[] }>(`/api/sms?connectorId=${direct.connectorId}&limit=100`),
      200,
      'listing SMS',
    );
    expect(page.items.map((sms) => sms.message).sort()).toEqual(refs.map((ref) => `${ref} one two three`).sort());
    expect(page.items.every((sms) => sms.mediaEvent?.acdGroupId === direct.groupId)).toBe(true);
    expect(queuedA.length + queuedB.length).toBe(MESSAGES);
  });
});
