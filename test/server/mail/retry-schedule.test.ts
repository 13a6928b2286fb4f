import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../server/mail/email-outbox-worker';
import { useSmtpSink } from '../../support/smtp-sink';
import { useTestServer } from '../../support/test-server';
import { createAcdSetup, deliver, mediaEventOf, setStatus, type UserHandle, waitFor } from '../../support/fixtures';

const MINUTE = 60_000;

describe('backoffMs', () => {
  it('waits 1×, 2×, 4× … the base after the first, second, third … failure', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffMs(1000, failures))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000,
    ]);
  });

  it('never waits longer than 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 9].map((failures) => backoffMs(MINUTE, failures))).toEqual([
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      5 * MINUTE,
      5 * MINUTE,
      5 * MINUTE,
    ]);
    expect(backoffMs(1000, 9)).toBe(256_000);
    expect(backoffMs(1000, 10)).toBe(5 * MINUTE);
    expect(backoffMs(1000, 40)).toBe(5 * MINUTE);
  });
});

/**
 * The server's own outbox worker against a mail server that always answers "try again later".
 * The base is a minute, so each wait it schedules is unmistakable (1, 2, 4, then 5 minutes); the
 * test reads the scheduled time of each retry and then brings it forward, so ten attempts take
 * seconds.
 */
describe('retrying an e-mail to an agent', () => {
  const smtp = useSmtpSink();
  const server = useTestServer(() => ({ env: { SMTP_URL: smtp.url, SWITCHBOARD_MAIL_RETRY_BASE_MS: String(MINUTE) } }));

  const outboxRow = async (mediaEventId: string) =>
    (
      await sql<{
        id: string;
        attempts: number;
        next_attempt_at: Date;
        claimed_until: Date | null;
        failed_at: Date | null;
      }>`select id, attempts, next_attempt_at, claimed_until, failed_at from email_outbox
        where media_event_id = ${mediaEventId}`.execute(server.switchboard.database.db)
    ).rows[0];

  it('retries 10 times, spaced by the schedule, then gives the media event back to the queue', async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ smsDelivery: 'email', priority: 10 }, {}],
      offerTimeoutSeconds: 3600,
    });
    const [mailAgent, webAgent] = setup.agents as [UserHandle, UserHandle];
    const refusedAt: number[] = [];
    smtp.answerWith(() => {
      refusedAt.push(Date.now());
      return { code: 451, message: 'Try again later' };
    });
    try {
      await setStatus(mailAgent, 'available');
      const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'never arrives by mail' });
      const event = await waitFor('the event offered to the e-mail agent', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found?.agentId === mailAgent.id && found.state === 'offered' ? found : undefined;
      });
      // Someone else to take it once the e-mail is given up.
      await setStatus(webAgent, 'available');

      const scheduledWaits: number[] = [];
      for (let attempt = 1; ; attempt++) {
        const row = await waitFor(`attempt ${attempt} recorded`, async () => {
          const found = await outboxRow(event.id);
          return found && found.attempts === attempt && found.claimed_until === null ? found : undefined;
        });
        expect(refusedAt).toHaveLength(attempt);
        if (row.failed_at !== null) break;
        scheduledWaits.push(row.next_attempt_at.getTime() - refusedAt[attempt - 1]!);
        // The retry is due now rather than in minutes.
        await sql`update email_outbox set next_attempt_at = now() where id = ${row.id}`.execute(
          server.switchboard.database.db,
        );
        server.switchboard.outbox.kick();
      }

      expect(refusedAt).toHaveLength(10);
      const expected = [1, 2, 4, 5, 5, 5, 5, 5, 5].map((minutes) => minutes * MINUTE);
      expect(scheduledWaits).toHaveLength(expected.length);
      scheduledWaits.forEach((wait, index) => {
        // Scheduled in the database a moment after the refusal: never before, and well within a
        // fraction of the base after.
        expect(wait, `wait after failure ${index + 1}`).toBeGreaterThanOrEqual(expected[index]! - 1000);
        expect(wait, `wait after failure ${index + 1}`).toBeLessThan(expected[index]! + MINUTE / 4);
      });

      const requeued = await waitFor('the event offered to the web agent', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found?.agentId === webAgent.id && found.state === 'offered' ? found : undefined;
      });
      expect(requeued.id).toBe(event.id);
      const offers = await server.switchboard.database.db
        .selectFrom('media_event_offer')
        .select(['agent_id', 'outcome'])
        .where('media_event_id', '=', event.id)
        .where('agent_id', '=', mailAgent.id)
        .execute();
      expect(offers).toEqual([{ agent_id: mailAgent.id, outcome: 'failed' }]);
      expect(refusedAt).toHaveLength(10);
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });
});
