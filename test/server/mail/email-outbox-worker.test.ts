import { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AcdEffects } from '../../../server/acd/acd-effects';
import { openDatabase, type DatabaseHandle } from '../../../server/db/open-database';
import type { Database } from '../../../server/db/schema';
import { uuid7 } from '../../../server/db/uuid7';
import { createLogger } from '../../../server/logging/logger';
import { EmailOutboxWorker, type EmailOutboxWorkerOptions } from '../../../server/mail/email-outbox-worker';
import { createSmtpMailer, type Mailer } from '../../../server/mail/smtp-mailer';
import { useSmtpSink } from '../../support/smtp-sink';
import { useTestServer } from '../../support/test-server';
import { createAcdSetup, deliver, mediaEventOf, setStatus, type UserHandle, waitFor } from '../../support/fixtures';

/**
 * The outbox worker on its own, against a real SMTP server. The Switchboard started here has a
 * mail server (so it offers SMS to e-mail agents), but its own worker is stopped at once: the
 * workers built by the tests do the sending.
 */
const smtp = useSmtpSink();
const server = useTestServer(() => ({ env: { SMTP_URL: smtp.url } }));
let db: Kysely<Database>;
let clientId: string;
const workers: EmailOutboxWorker[] = [];
const extraDatabases: DatabaseHandle[] = [];

beforeAll(async () => {
  await server.switchboard.outbox.stop();
  db = server.switchboard.database.db;
  clientId = (await createAcdSetup(server.admin, { agents: [] })).clientId;
});
afterEach(async () => {
  // Also when a test failed half-way: no worker of one test sends the rows of the next.
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});
afterAll(async () => {
  await Promise.all(extraDatabases.map((handle) => handle.close()));
});

function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

function startWorker(options: Partial<EmailOutboxWorkerOptions> = {}) {
  const { logger, lines } = captureLogger();
  const worker = new EmailOutboxWorker({
    db,
    logger,
    mailer: createSmtpMailer({ url: smtp.url, from: 'Switchboard <noreply@switchboard.test>', timeoutMs: 2000 }),
    pollMs: 50,
    retryBaseMs: 50,
    ...options,
  });
  workers.push(worker);
  worker.start();
  return { worker, lines };
}

/** A mailer that takes its time, so sends of several workers overlap. */
function slow(mailer: Mailer, ms: () => number): Mailer {
  return {
    async send(email) {
      await new Promise((resolve) => setTimeout(resolve, ms()));
      await mailer.send(email);
    },
    close: () => mailer.close(),
  };
}

async function insertMessages(count: number, fields: { claimedUntil?: string } = {}): Promise<string[]> {
  const tag = uuid7();
  const messageIds = Array.from({ length: count }, (_, index) => `<test.${tag}.${index}@switchboard.test>`);
  for (const messageId of messageIds) {
    await sql`insert into email_outbox (id, client_id, message_id, to_address, subject, text_body, claimed_until)
      values (${uuid7()}, ${clientId}, ${messageId}, 'someone@example.test', 'Hello', 'Body',
        ${fields.claimedUntil ? sql`now() + ${fields.claimedUntil}::interval` : null})`.execute(db);
  }
  return messageIds;
}

const rowsOf = async (messageIds: string[]) =>
  (
    await sql<{
      message_id: string;
      attempts: number;
      sent_at: Date | null;
      failed_at: Date | null;
      last_error: string | null;
    }>`
      select message_id, attempts, sent_at, failed_at, last_error from email_outbox
      where message_id = any(${messageIds}::text[])`.execute(db)
  ).rows;

const acceptedWith = (messageIds: string[]) => smtp.accepted.filter((mail) => messageIds.includes(mail.messageId!));

describe('EmailOutboxWorker', () => {
  it('sends each row once when two instances work one database', async () => {
    // A second instance has a database connection pool of its own (PGlite allows one process).
    const second =
      server.backend === 'postgres'
        ? await openDatabase({
            databaseUrl: server.location.databaseUrl,
            schema: server.location.schema,
            dataDir: server.location.dataDir,
          })
        : undefined;
    if (second) extraDatabases.push(second);
    const messageIds = await insertMessages(40);
    const jitter = () => Math.random() * 30;
    const mailer = () => slow(createSmtpMailer({ url: smtp.url, from: 'sb@switchboard.test' }), jitter);
    const a = startWorker({ mailer: mailer() });
    const b = startWorker({ mailer: mailer(), ...(second ? { db: second.db } : {}) });
    a.worker.kick();
    b.worker.kick();
    await waitFor('every row sent', async () => (await rowsOf(messageIds)).every((row) => row.sent_at !== null));
    await a.worker.stop();
    await b.worker.stop();
    const accepted = acceptedWith(messageIds).map((mail) => mail.messageId);
    expect(accepted).toHaveLength(messageIds.length);
    expect(new Set(accepted)).toEqual(new Set(messageIds));
    expect((await rowsOf(messageIds)).every((row) => row.attempts === 1)).toBe(true);
  });

  it('leaves a row claimed by another instance alone until the claim expires', async () => {
    const [messageId] = (await insertMessages(1, { claimedUntil: '1 hour' })) as [string];
    // A row nobody claimed, due after the claimed one: the worker looked at both when it sent it.
    const [unclaimed] = (await insertMessages(1)) as [string];
    const { worker } = startWorker();
    worker.kick();
    await waitFor('the unclaimed row sent', async () => (await rowsOf([unclaimed]))[0]?.sent_at ?? undefined);
    expect(acceptedWith([messageId])).toHaveLength(0);
    expect((await rowsOf([messageId]))[0]).toMatchObject({ attempts: 0, sent_at: null });
    // The other instance's claim runs out.
    await sql`update email_outbox set claimed_until = now() - interval '1 second' where message_id = ${messageId}`.execute(
      db,
    );
    worker.kick();
    await waitFor(
      'the row sent after the claim expired',
      async () => (await rowsOf([messageId]))[0]?.sent_at ?? undefined,
    );
    expect(acceptedWith([messageId])).toHaveLength(1);
    await worker.stop();
  });

  it('retries a refused message with backoff and gives up after maxAttempts', async () => {
    const [messageId] = (await insertMessages(1)) as [string];
    smtp.answerWith(() => ({ code: 451, message: 'Greylisted' }));
    try {
      const started = Date.now();
      const { worker, lines } = startWorker({ maxAttempts: 3, retryBaseMs: 100 });
      const row = await waitFor('the row given up', async () => {
        const found = (await rowsOf([messageId]))[0];
        return found?.failed_at ? found : undefined;
      });
      // 100 ms then 200 ms between the three attempts.
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(row).toMatchObject({ attempts: 3, sent_at: null });
      expect(row.last_error).toMatch(/451/);
      expect(lines.filter((line) => line.includes('giving up'))).toHaveLength(1);
      await worker.stop();
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('waits for a send in flight when stopped, and records it', async () => {
    const [messageId] = (await insertMessages(1)) as [string];
    let sending = false;
    const mailer = createSmtpMailer({ url: smtp.url, from: 'sb@switchboard.test' });
    const { worker } = startWorker({
      mailer: {
        async send(email) {
          sending = true;
          await new Promise((resolve) => setTimeout(resolve, 300));
          await mailer.send(email);
        },
        close: () => mailer.close(),
      },
    });
    await waitFor('the send started', async () => sending);
    await worker.stop();
    expect(acceptedWith([messageId])).toHaveLength(1);
    expect((await rowsOf([messageId]))[0]?.sent_at).not.toBeNull();
  });

  it('sends nothing without a mailer, and says once that e-mail is not configured', async () => {
    const [messageId] = (await insertMessages(1)) as [string];
    const { worker, lines } = startWorker({ mailer: undefined });
    worker.kick();
    worker.kick();
    // Stopping waits for any round of sending under way: after it, whatever the worker did is done.
    await worker.stop();
    expect((await rowsOf([messageId]))[0]).toMatchObject({ attempts: 0, sent_at: null, failed_at: null });
    expect(lines.filter((line) => line.includes('E-mail is not configured'))).toHaveLength(1);
    await db.deleteFrom('email_outbox').where('message_id', '=', messageId).execute();
  });

  it('delivers the e-mail of an offered media event only after the server accepted it, and names its group', async () => {
    const { setup, agent, smsId, event } = await offeredToAnEmailAgent('Where is my parcel?');
    const statesWhileSending: string[] = [];
    const changes: AcdEffects[] = [];
    const mailer = createSmtpMailer({ url: smtp.url, from: 'sb@switchboard.test' });
    const { worker } = startWorker({
      onAcdChange: (effects) => changes.push(effects),
      mailer: {
        async send(email) {
          statesWhileSending.push((await mediaEventOf(server.admin, smsId)).state);
          await mailer.send(email);
        },
        close: () => mailer.close(),
      },
    });
    await waitFor('the event delivered', async () => (await mediaEventOf(server.admin, smsId)).state === 'delivered');
    await worker.stop();
    expect(statesWhileSending).toEqual(['offered']);
    const mail = smtp.accepted.find((m) => m.messageId === `<media-event.${event.id}@switchboard.invalid>`);
    expect(mail?.to).toEqual([agent.email]);
    expect(changes.some((effects) => effects.groups.has(setup.groupId))).toBe(true);
    const offer = await db
      .selectFrom('media_event_offer')
      .select(['outcome', 'ended_at'])
      .where('media_event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(offer.outcome).toBe('delivered');
    expect(offer.ended_at).not.toBeNull();
  });

  it('does not send the e-mail of an offer withdrawn before it went out', async () => {
    const { agent, smsId, event } = await offeredToAnEmailAgent('Anyone there?');
    // The agent is deactivated: the event goes back to the queue.
    expect((await server.admin.patch(`/api/users/${agent.id}`, { active: false })).status).toBe(200);
    expect((await mediaEventOf(server.admin, smsId)).state).toBe('queued');
    const before = smtp.attempts.length;
    const { worker } = startWorker();
    const row = await waitFor('the row settled', async () => {
      const found = await db
        .selectFrom('email_outbox')
        .select(['failed_at', 'sent_at', 'last_error'])
        .where('media_event_id', '=', event.id)
        .executeTakeFirst();
      return found?.failed_at ? found : undefined;
    });
    await worker.stop();
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toMatch(/^Not sent: /);
    expect(smtp.attempts.slice(before)).toHaveLength(0);
    expect((await mediaEventOf(server.admin, smsId)).state).toBe('queued');
  });
});

/**
 * An SMS offered to an agent who takes SMS by e-mail. The server's own worker is stopped: the
 * event stays offered with its e-mail waiting for the worker the test starts.
 */
async function offeredToAnEmailAgent(message: string) {
  const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }] });
  const [agent] = setup.agents as [UserHandle];
  await setStatus(agent, 'available');
  const smsId = await deliver(server.url, { receiver: setup.recipient, message });
  const event = await waitFor('the event offered', async () => {
    const found = await mediaEventOf(server.admin, smsId);
    return found?.state === 'offered' ? found : undefined;
  });
  return { setup, agent, smsId, event };
}
