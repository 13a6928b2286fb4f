import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decodeBody, useSmtpSink } from '../../support/smtp-sink';
import { aGraph } from '../../workflows/fixtures';
import { useTestServer } from '../../support/test-server';
import {
  createAcdSetup,
  createClientWithGroups,
  deliver,
  findMediaEvent,
  mediaEventOf,
  publishWithConnector,
  routedSms,
  setStatus,
  smsById,
  uniqueNumber,
  type UserHandle,
  waitFor,
} from '../../support/fixtures';

const SMTP_USER = 'switchboard';
const SMTP_PASSWORD = 'smtp-secret-4711';

const smtp = useSmtpSink({ user: SMTP_USER, password: SMTP_PASSWORD });
const server = useTestServer(() => ({
  env: {
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Switchboard <noreply@switchboard.test>',
    SWITCHBOARD_MAIL_RETRY_BASE_MS: '200',
  },
}));

const outboxOf = async (mediaEventId: string) =>
  (
    await sql<{
      attempts: number;
      sent_at: Date | null;
      failed_at: Date | null;
      last_error: string | null;
      claimed_until: Date | null;
    }>`
      select attempts, sent_at, failed_at, last_error, claimed_until from email_outbox
      where media_event_id = ${mediaEventId} order by created_at`.execute(server.switchboard.database.db)
  ).rows;

/** Puts off the next attempt of an event's e-mail, once no attempt is under way. */
const holdRetry = (mediaEventId: string) =>
  waitFor('the retry held back', async () => {
    const held = await sql`update email_outbox set next_attempt_at = now() + interval '1 hour'
      where media_event_id = ${mediaEventId} and claimed_until is null and sent_at is null`.execute(
      server.switchboard.database.db,
    );
    return Number(held.numAffectedRows) === 1;
  });

describe('e-mail delivery to agents', () => {
  it('sends the SMS to an e-mail agent and marks the event delivered once the server accepted it', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }] });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const before = smtp.accepted.length;
    const smsId = await deliver(server.url, {
      receiver: setup.recipient,
      sender: '+4915112345678',
      message: 'Mein Paket ist nicht angekommen 📦',
    });
    const event = await waitFor('the event delivered', async () => {
      const found = await mediaEventOf(server.admin, smsId);
      return found?.state === 'delivered' ? found : undefined;
    });
    expect(event.agentId).toBe(agent.id);
    const mails = smtp.accepted.slice(before);
    expect(mails).toHaveLength(1);
    const [mail] = mails as [(typeof mails)[number]];
    expect(mail.to).toEqual([agent.email]);
    expect(mail.from).toBe('noreply@switchboard.test');
    expect(mail.messageId).toBe(`<media-event.${event.id}@switchboard.invalid>`);
    expect(mail.subject).toBe('Customer SMS');
    const text = decodeBody(mail.raw);
    expect(text).toContain('Mein Paket ist nicht angekommen 📦');
    expect(text).toContain('+4915112345678');
    expect(text).toContain(setup.recipient);
    // The e-mail agent keeps the conversation: the link answers it on the desk.
    const { conversationId } = await smsById(server.admin, smsId);
    expect(text).toContain(`Answer in the agent desk: ${server.url}/desk?conversation=${conversationId}`);
    // A delivered event frees the slot: the next SMS is sent as well.
    const next = await deliver(server.url, { receiver: setup.recipient, message: 'second' });
    await waitFor(
      'the second event delivered',
      async () => (await findMediaEvent(server.admin, next))?.state === 'delivered',
    );
  });

  it('retries with backoff when the mail server fails, and sends one copy with one Message-ID', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }] });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    let failures = 2;
    smtp.answerWith(() => (failures-- > 0 ? { code: 451, message: 'Try again later' } : 'accept'));
    const attemptsBefore = smtp.attempts.length;
    const acceptedBefore = smtp.accepted.length;
    try {
      const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'retry me' });
      const { id } = await waitFor('the first refusal', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found && (await outboxOf(found.id))[0]?.attempts === 1 ? found : undefined;
      });
      // Not accepted yet, so not delivered.
      expect((await mediaEventOf(server.admin, smsId)).state).toBe('offered');
      expect((await outboxOf(id))[0]?.last_error).toMatch(/451/);
      await waitFor('the event delivered', async () => (await mediaEventOf(server.admin, smsId)).state === 'delivered');
      const attempts = smtp.attempts.slice(attemptsBefore);
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((a) => a.messageId))).toEqual(new Set([`<media-event.${id}@switchboard.invalid>`]));
      expect(smtp.accepted.slice(acceptedBefore)).toHaveLength(1);
      expect((await outboxOf(id))[0]).toMatchObject({ attempts: 3, failed_at: null });
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('gives the event back to the queue when the mail server refuses it for good', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email', priority: 10 }, {}] });
    const [mailAgent, webAgent] = setup.agents as [UserHandle, UserHandle];
    await setStatus(mailAgent, 'available');
    await setStatus(webAgent, 'available');
    smtp.answerWith(() => ({ code: 550, message: 'Mailbox unavailable' }));
    try {
      const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'undeliverable' });
      // The mail agent (higher priority) gets it first; after the refusal the next agent does.
      const { id } = await waitFor('the web agent offered it', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found?.agentId === webAgent.id && found.state === 'offered' ? found : undefined;
      });
      const [outbox] = await outboxOf(id);
      expect(outbox).toMatchObject({ attempts: 1, sent_at: null });
      expect(outbox?.failed_at).not.toBeNull();
      expect(outbox?.last_error).toMatch(/550/);
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('gives an e-mail offer back to the queue when the agent pauses before the e-mail went out', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }, {}] });
    const [mailAgent, webAgent] = setup.agents as [UserHandle, UserHandle];
    await setStatus(mailAgent, 'available');
    smtp.answerWith(() => ({ code: 451, message: 'Try again later' }));
    try {
      const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'paused before sent' });
      // At least one refusal: on a busy machine a poll can take longer than the 200 ms retry.
      const { id } = await waitFor('the first refusal', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found && ((await outboxOf(found.id))[0]?.attempts ?? 0) >= 1 ? found : undefined;
      });
      // Hold the retry back, so the pause below finds the e-mail waiting rather than being sent.
      await holdRetry(id);
      const refused = (await outboxOf(id))[0]?.attempts;
      await setStatus(mailAgent, 'pause');
      expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'queued', agentId: null });
      const [outbox] = await outboxOf(id);
      expect(outbox?.failed_at).not.toBeNull();
      expect(outbox?.last_error).toBe('Not sent: the agent paused');

      smtp.answerWith(() => 'accept');
      const attempts = smtp.attempts.length;
      await setStatus(webAgent, 'available');
      await waitFor('the web agent offered it', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found?.agentId === webAgent.id && found.state === 'offered';
      });
      // The called-off e-mail is never tried again, even once its retry is due: the e-mail of the
      // next SMS (to the mail agent, back at work) is sent after it would have been, and it is
      // left as it was — not sent, not even claimed.
      await sql`update email_outbox set next_attempt_at = now() where media_event_id = ${id}`.execute(
        server.switchboard.database.db,
      );
      await setStatus(mailAgent, 'available');
      const next = await deliver(server.url, { receiver: setup.recipient, message: 'after the pause' });
      await waitFor(
        'the next SMS delivered',
        async () => (await findMediaEvent(server.admin, next))?.state === 'delivered',
      );
      expect(smtp.attempts.length).toBe(attempts + 1);
      expect((await outboxOf(id))[0]).toMatchObject({
        attempts: refused,
        sent_at: null,
        claimed_until: null,
        last_error: 'Not sent: the agent paused',
      });
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('cancelling an e-mail offer stops its e-mail', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }] });
    const [mailAgent] = setup.agents as [UserHandle];
    await setStatus(mailAgent, 'available');
    smtp.answerWith(() => ({ code: 451, message: 'Try again later' }));
    try {
      const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'cancel me' });
      const { id } = await waitFor('the first refusal', async () => {
        const found = await mediaEventOf(server.admin, smsId);
        return found && (await outboxOf(found.id))[0]?.attempts === 1 ? found : undefined;
      });
      await holdRetry(id);
      const cancelled = await server.admin.post(`/api/media-events/${id}/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      expect((await outboxOf(id))[0]?.last_error).toBe('Not sent: the SMS was cancelled');
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('keeps the event offered while the mail server is down, and delivers once it is back', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{ smsDelivery: 'email' }] });
    const [agent] = setup.agents as [UserHandle];
    await setStatus(agent, 'available');
    const accepted = smtp.accepted;
    await smtp.close();
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'while down' });
    const { id } = await waitFor('two failed attempts', async () => {
      const found = await mediaEventOf(server.admin, smsId);
      return found && ((await outboxOf(found.id))[0]?.attempts ?? 0) >= 2 ? found : undefined;
    });
    expect((await mediaEventOf(server.admin, smsId)).state).toBe('offered');
    expect((await outboxOf(id))[0]?.last_error).toMatch(/could not be reached/);
    await smtp.startAgain();
    await waitFor(
      'the event delivered',
      async () => (await mediaEventOf(server.admin, smsId)).state === 'delivered',
      15_000,
    );
    expect(smtp.accepted.map((m) => m.messageId)).toEqual([`<media-event.${id}@switchboard.invalid>`]);
    expect(accepted.length).toBeGreaterThan(0);
  }, 30_000);

  it('sends the e-mail of a "send e-mail" node once per recipient, and simulating sends nothing', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Escalations']);
    const graph = aGraph(
      [
        ['start', 'start'],
        [
          'notify',
          'send_email',
          {
            to: 'boss@example.test, deputy@example.test',
            subject: 'Escalation from {{sms.sender}}',
            text: 'They wrote: {{sms.text}}',
          },
        ],
        ['route', 'route_to_acd_group', { acdGroupId: groups.Escalations, subject: 'Escalation', priority: 9 }],
      ],
      [
        ['start', 'next', 'notify'],
        ['notify', 'next', 'route'],
      ],
    );
    const recipient = uniqueNumber();
    const { applicationId } = await publishWithConnector(server.admin, clientId, graph as never, recipient);
    const before = smtp.accepted.length;
    const simulated = await server.admin.post(`/api/routing-applications/${applicationId}/simulate`, {
      sender: '+4915100000001',
      message: 'simulated',
    });
    expect(simulated.status).toBe(200);
    expect(simulated.body.emails).toEqual([
      {
        to: ['boss@example.test', 'deputy@example.test'],
        subject: 'Escalation from +4915100000001',
        text: 'They wrote: simulated',
      },
    ]);

    const smsId = await deliver(server.url, {
      receiver: recipient,
      sender: '+4915112345678',
      message: 'I want to speak to a manager',
    });
    const routed = await routedSms(server.admin, smsId);
    expect(routed.execution?.trace.map((step: { nodeId: string }) => step.nodeId)).toEqual([
      'start',
      'notify',
      'route',
    ]);
    const mails = await waitFor('two e-mails', async () => {
      const sent = smtp.accepted.slice(before);
      return sent.length >= 2 ? sent : undefined;
    });
    // The next SMS's e-mails are sent after the first one's: once they are in, a third copy of the
    // first would be too.
    const mailsOf = (id: string) => smtp.accepted.filter((m) => m.messageId?.startsWith(`<sms.${id}.notify.`));
    const next = await deliver(server.url, { receiver: recipient, message: 'Still waiting' });
    await waitFor('the next SMS mailed', async () => mailsOf(next).length >= 2);
    expect(mailsOf(smsId)).toHaveLength(2);
    expect(smtp.accepted.slice(before)).toHaveLength(4);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['boss@example.test', 'deputy@example.test']);
    expect(mails[0]!.subject).toBe('Escalation from +4915112345678');
    expect(decodeBody(mails[0]!.raw)).toContain('They wrote: I want to speak to a manager');
    expect(mails.every((m) => m.messageId?.startsWith(`<sms.${smsId}.notify.`))).toBe(true);
  });

  it('never writes the SMTP password to the log', () => {
    const leaked = server.logLines().filter((line) => line.includes(SMTP_PASSWORD));
    expect(leaked).toEqual([]);
    expect(server.logLines().some((line) => line.includes('could not be delivered'))).toBe(true);
  });
});
