import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArrivedSms } from '../../../../server/sms-receiver/build-sms';
import { createLogger } from '../../../../server/logging/logger';
import { ConnectorCache } from '../../../../server/sms-receiver/connector-cache';
import { PartStore, type PartStoreOptions } from '../../../../server/sms-receiver/multipart/part-store';
import type { PartOf } from '../../../../server/sms-receiver/providers/provider-adapter';
import {
  createAcdSetup,
  expectStatus,
  publishWithConnector,
  routedSms,
  uniqueNumber,
  waitFor,
  type AcdSetup,
  type Sms,
} from '../../../support/fixtures';
import { aGraph } from '../../../workflows/fixtures';
import { useTestServer } from '../../../support/test-server';

/**
 * The parts of multipart SMS, stored and joined by PartStores of this file on the test server's
 * database, with real connectors made through the API. The server's own PartStore is stopped, so
 * that nothing is joined behind the tests' backs.
 */
const server = useTestServer();
const db = () => server.switchboard.database.db;
const SENDER = '+4915112345678';

let direct: AcdSetup;
let connectors: ConnectorCache;
let store: PartStore;
const queued: string[] = [];

function newStore(options: Partial<PartStoreOptions> = {}): PartStore {
  return new PartStore(db(), {
    connectorById: (id) => connectors.byId(id),
    onQueued: (groups) => queued.push(...groups),
    ...options,
  });
}

beforeAll(async () => {
  await server.switchboard.partStore.stop();
  direct = await createAcdSetup(server.admin);
  connectors = new ConnectorCache(db());
  await connectors.reload();
  store = newStore();
});
afterAll(() => store.stop());

let sequence = 0;
/** A fresh reference, and a word in every part's text that finds the joined SMS. */
function newMessage(): { ref: string; token: string } {
  sequence += 1;
  return { ref: `ref-${sequence}`, token: `msg${sequence}` };
}

interface PartFields {
  text: string;
  messageId?: string | null;
  receivedAt?: Date;
  recipient?: string;
  sender?: string;
}

function arrived(fields: PartFields): ArrivedSms {
  const recipient = fields.recipient ?? direct.recipient;
  return {
    sender: fields.sender ?? SENDER,
    receiver: recipient,
    receiverNormalized: recipient,
    message: fields.text,
    keyword: null,
    messageId: fields.messageId === undefined ? `${fields.text}-id` : fields.messageId,
    raw: JSON.stringify({ text: fields.text }),
    ...(fields.receivedAt ? { receivedAt: fields.receivedAt } : {}),
  };
}

function storePart(
  part: PartOf,
  fields: PartFields,
  into: PartStore = store,
  connectorId = direct.connectorId,
): Promise<{ duplicate: boolean }> {
  return into.store(connectors.byId(connectorId)!, arrived(fields), part);
}

/** The SMS (joined ones among them) whose text has `token`, as Traffic shows them. */
async function smsWith(token: string, clientId = direct.clientId): Promise<Sms[]> {
  const page = expectStatus(
    await server.admin.get<{ items: Sms[] }>(`/api/sms?clientId=${clientId}&limit=100`),
    200,
    'listing SMS',
  );
  return page.items.filter((sms) => sms.message.includes(token));
}

const joined = (token: string, clientId?: string) =>
  waitFor(`the SMS of ${token} joined`, async () => {
    const found = await smsWith(token, clientId);
    return found.length > 0 && found;
  });

describe('joining parts', () => {
  it('threads joined messages like any SMS: a customer’s second message joins the first’s conversation', async () => {
    const sender = '+4915112399999';
    const first = newMessage();
    const second = newMessage();
    for (const [{ ref, token }, text] of [
      [first, 'first'],
      [second, 'second'],
    ] as const) {
      await storePart({ ref, total: 2, index: 1 }, { text: `${token} ${text}`, sender, messageId: `${token}-1` });
      await storePart({ ref, total: 2, index: 2 }, { text: ' end', sender, messageId: `${token}-2` });
      await joined(token);
    }
    const [one] = await smsWith(first.token);
    const [two] = await smsWith(second.token);
    expect(one!.conversationId).not.toBeNull();
    expect(two!.conversationId).toBe(one!.conversationId);
    expect(one!.mediaEvent).not.toBeNull();
    expect(two!.mediaEvent).toBeNull();
  });

  it('joins parts that arrive out of order into one SMS in part order, with a media event', async () => {
    const { ref, token } = newMessage();
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    expect(await storePart({ ref, total: 3, index: 3 }, { text: ' three', receivedAt: at(0) })).toEqual({
      duplicate: false,
    });
    expect(await storePart({ ref, total: 3, index: 1 }, { text: `${token} one`, receivedAt: at(1) })).toEqual({
      duplicate: false,
    });
    expect(await smsWith(token)).toEqual([]);
    await storePart({ ref, total: 3, index: 2 }, { text: ' two', receivedAt: at(2) });

    const [sms, ...others] = await joined(token);
    expect(others).toEqual([]);
    expect(sms).toMatchObject({
      message: `${token} one two three`,
      sender: SENDER,
      receiverNormalized: direct.recipient,
      connectorId: direct.connectorId,
      status: 'routed',
      parts: { total: 3, received: 3 },
      receivedAt: at(0).toISOString(),
      mediaEvent: { acdGroupId: direct.groupId, state: expect.any(String) },
    });
    expect(queued).toContain(direct.groupId);
  });

  it('ignores a part repeated before the join, in one batch too, and after it', async () => {
    const { ref, token } = newMessage();
    const first = { text: `${token} first`, messageId: `${token}-1` };
    const second = { text: ' second', messageId: `${token}-2` };
    expect(await storePart({ ref, total: 2, index: 1 }, first)).toEqual({ duplicate: false });
    expect(await storePart({ ref, total: 2, index: 1 }, first)).toEqual({ duplicate: true });
    const together = await Promise.all([
      storePart({ ref, total: 2, index: 2 }, second),
      storePart({ ref, total: 2, index: 2 }, second),
    ]);
    expect(together.map((r) => r.duplicate).sort()).toEqual([false, true]);
    await joined(token);

    expect(await storePart({ ref, total: 2, index: 2 }, second)).toEqual({ duplicate: true });
    expect(await storePart({ ref, total: 2, index: 1 }, first)).toEqual({ duplicate: true });
    await store.sweep(new Date(Date.now() + 3600_000));
    const found = await smsWith(token);
    expect(found.map((sms) => sms.message)).toEqual([`${token} first second`]);
  });

  it('takes a reference the sender uses again, with new message ids, for a new message', async () => {
    const { ref, token } = newMessage();
    await storePart({ ref, total: 2, index: 1 }, { text: `${token} old`, messageId: `${token}-old-1` });
    await storePart({ ref, total: 2, index: 2 }, { text: ' one', messageId: `${token}-old-2` });
    await joined(token);

    expect(await storePart({ ref, total: 2, index: 1 }, { text: `${token} new`, messageId: `${token}-new-1` })).toEqual(
      { duplicate: false },
    );
    await storePart({ ref, total: 2, index: 2 }, { text: ' one', messageId: `${token}-new-2` });
    await waitFor('the second message joined', async () => (await smsWith(token)).length === 2);
    expect((await smsWith(token)).map((sms) => sms.message).sort()).toEqual([`${token} new one`, `${token} old one`]);
  });

  it('forgets joined parts a day after the join: then a repeat is a part again', async () => {
    const { ref, token } = newMessage();
    const part = { text: `${token} only`, messageId: `${token}-1` };
    await storePart({ ref, total: 2, index: 1 }, part);
    await storePart({ ref, total: 2, index: 2 }, { text: ' part', messageId: `${token}-2` });
    await joined(token);
    await store.sweep(new Date(Date.now() + 23 * 3600_000));
    expect(await storePart({ ref, total: 2, index: 1 }, part)).toEqual({ duplicate: true });
    await store.sweep(new Date(Date.now() + 25 * 3600_000));
    expect(await storePart({ ref, total: 2, index: 1 }, part)).toEqual({ duplicate: false });
  });
});

describe('the window', () => {
  it("joins a message from what arrived once the connector's window is over, marked incomplete, and routes it", async () => {
    const setup = await createAcdSetup(server.admin);
    expectStatus(
      await server.admin.patch(`/api/connectors/${setup.connectorId}`, { multipartWindowSeconds: 60 }),
      200,
      'setting the window',
    );
    await connectors.reload();
    const { ref, token } = newMessage();
    const start = new Date();
    const later = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const part = (index: number, text: string, seconds: number) =>
      storePart(
        { ref, total: 4, index },
        { text, receivedAt: later(seconds), recipient: setup.recipient },
        store,
        setup.connectorId,
      );
    await part(3, ' three', 0);
    await part(1, `${token} one`, 5);

    await store.sweep(later(59));
    expect(await smsWith(token, setup.clientId)).toEqual([]);
    await store.sweep(later(60));
    const [sms, ...others] = await smsWith(token, setup.clientId);
    expect(others).toEqual([]);
    expect(sms).toMatchObject({
      message: `${token} one three`,
      status: 'routed',
      parts: { total: 4, received: 2 },
      receivedAt: start.toISOString(),
      mediaEvent: { acdGroupId: setup.groupId },
    });

    // A part arriving after the join repeats no joined part: it waits for a window of its own,
    // and then arrives as an incomplete SMS of its own.
    expect(await part(2, `${token} late two`, 61)).toEqual({ duplicate: false });
    await store.sweep(later(120));
    expect(await smsWith(token, setup.clientId)).toHaveLength(1);
    await store.sweep(later(121));
    const late = (await smsWith(token, setup.clientId)).filter((s) => s.id !== sms!.id);
    expect(late).toMatchObject([{ message: `${token} late two`, parts: { total: 4, received: 1 }, status: 'routed' }]);
  });

  it('stores the message as failed, without a connector, when its connector was deleted before the join', async () => {
    const setup = await createAcdSetup(server.admin);
    await connectors.reload();
    const { ref, token } = newMessage();
    await storePart(
      { ref, total: 2, index: 1 },
      { text: `${token} orphan`, recipient: setup.recipient },
      store,
      setup.connectorId,
    );
    expectStatus(await server.admin.delete(`/api/connectors/${setup.connectorId}`), 204, 'deleting the connector');
    await connectors.reload();

    await store.sweep(new Date(Date.now() + 301_000));
    const [sms, ...others] = await smsWith(token, setup.clientId);
    expect(others).toEqual([]);
    expect(sms).toMatchObject({
      message: `${token} orphan`,
      connectorId: null,
      status: 'failed',
      parts: { total: 2, received: 1 },
      mediaEvent: null,
    });
  });
});

describe('across restarts and failures', () => {
  it('joins, after a restart, parts that were committed but never joined', async () => {
    const { ref, token } = newMessage();
    // An instance that stores the parts but cannot join them (it has not heard of the
    // connector), standing in for one that crashed between the commit and the join.
    const before = newStore({ connectorById: () => undefined });
    await storePart({ ref, total: 2, index: 2 }, { text: ' after', messageId: `${token}-2` }, before);
    await storePart({ ref, total: 2, index: 1 }, { text: `${token} before`, messageId: `${token}-1` }, before);
    await before.stop();
    expect(await smsWith(token)).toEqual([]);

    const after = newStore({ sweepIntervalMs: 20 });
    after.start();
    try {
      const [sms, ...others] = await joined(token);
      expect(others).toEqual([]);
      expect(sms).toMatchObject({ message: `${token} before after`, status: 'routed' });
      expect(
        await storePart({ ref, total: 2, index: 1 }, { text: `${token} before`, messageId: `${token}-1` }),
      ).toEqual({ duplicate: true });
    } finally {
      await after.stop();
    }
  });

  it('keeps sweeping after sweeps failed, and joins once the database answers', async () => {
    const { ref, token } = newMessage();
    const failures: string[] = [];
    let databaseAway = true;
    const flaky = db().withPlugin({
      transformQuery(args) {
        if (databaseAway) throw new Error('connection refused');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const sweeping = new PartStore(flaky, {
      connectorById: (id) => connectors.byId(id),
      sweepIntervalMs: 20,
      logger: createLogger('error', { write: (line: string) => void failures.push(line) }),
    });
    const storeWithout = newStore({ connectorById: () => undefined });
    await storePart({ ref, total: 2, index: 1 }, { text: `${token} wait`, messageId: `${token}-1` }, storeWithout);
    await storePart({ ref, total: 2, index: 2 }, { text: 'ed', messageId: `${token}-2` }, storeWithout);
    await storeWithout.stop();

    sweeping.start();
    try {
      await waitFor('two failed sweeps', async () => failures.length >= 2);
      expect(await smsWith(token)).toEqual([]);
      databaseAway = false;
      const [sms] = await joined(token);
      expect(sms).toMatchObject({ message: `${token} waited`, status: 'routed' });
    } finally {
      await sweeping.stop();
    }
  });
});

describe('a Routing Application connector', () => {
  it('hands the joined SMS to the routing engine, which runs it', async () => {
    const recipient = uniqueNumber();
    const { connectorId } = await publishWithConnector(
      server.admin,
      direct.clientId,
      aGraph(
        [
          ['start', 'start'],
          ['route', 'route_to_acd_group', { acdGroupId: direct.groupId, subject: 'Joined', priority: 1 }],
        ],
        [['start', 'next', 'route']],
      ),
      recipient,
    );
    await connectors.reload();
    const engineStore = newStore({ onReceived: (sms) => server.switchboard.engine.submit(sms) });
    try {
      const { ref, token } = newMessage();
      const part = (index: number, text: string) =>
        storePart({ ref, total: 2, index }, { text, recipient }, engineStore, connectorId);
      await part(2, ' engine');
      await part(1, `${token} to the`);
      const [joinedSms] = await joined(token);
      const sms = await routedSms(server.admin, joinedSms!.id);
      expect(sms).toMatchObject({
        message: `${token} to the engine`,
        connectorId,
        status: 'routed',
        parts: { total: 2, received: 2 },
        execution: { status: 'completed' },
        mediaEvent: { acdGroupId: direct.groupId, subject: 'Joined' },
      });
    } finally {
      await engineStore.stop();
    }
  });
});
