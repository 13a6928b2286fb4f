import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { offeredTo } from '../acd/acd-support';
import { decodeBody, useSmtpSink } from '../../support/smtp-sink';
import { useTestServer } from '../../support/test-server';
import {
  createAcdSetup,
  deliver,
  deliverRaw,
  expectStatus,
  findMediaEvent,
  setStatus,
  smsById,
  uniqueSender,
  waitFor,
  type AcdSetup,
  type UserHandle,
} from '../../support/fixtures';

const smtp = useSmtpSink();
const server = useTestServer(() => ({
  env: { SMTP_URL: smtp.url, SMTP_FROM: 'Switchboard <noreply@switchboard.test>' },
}));
const db = () => server.switchboard.database.db;

/**
 * An agent holds the customer's conversation (accepted on the desk), then has their SMS delivery
 * set to e-mail: e-mail agents' SMS are delivered and closed, so this is how one holds a conversation.
 */
async function heldByEmailAgent(setup: AcdSetup, agent: UserHandle, customer: string) {
  await setStatus(agent, 'available');
  const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello?' });
  const { mediaEventId } = await offeredTo([agent], first);
  expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
  expectStatus(await server.admin.patch(`/api/users/${agent.id}`, { smsDelivery: 'email' }), 200, 'to e-mail');
  return (await smsById(server.admin, first)).conversationId!;
}

const mailsTo = (address: string) => smtp.accepted.filter((mail) => mail.to.includes(address));

describe('e-mail for each SMS into a conversation an e-mail agent holds', () => {
  it('mails the text, the customer’s number and a link to the desk, once per SMS, with no new offer', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const customer = uniqueSender();
    const conversationId = await heldByEmailAgent(setup, agent, customer);
    const text = 'Any news? 100% %s %1$s {{link}} – Grüße';
    const answer = await deliverRaw(server.url, {
      receiver: setup.recipient,
      sender: customer,
      message: text,
      messageId: `held-${customer}`,
    });
    expect(answer.status).toBe(200);
    const smsId = answer.body.id!;
    const [mail] = await waitFor('the mail sent', async () => {
      const mails = mailsTo(agent.email);
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail!.messageId).toBe(`<sms.${smsId}@switchboard.invalid>`);
    expect(mail!.subject).toBe(`New SMS from ${customer} in your conversation`);
    const body = decodeBody(mail!.raw);
    // The customer's text as it came: no placeholder or format directive in it is read.
    expect(body).toContain(text);
    expect(body).toContain(`From:     ${customer}`);
    expect(body).toContain(`To:       ${setup.recipient}`);
    expect(body).toContain(`Answer in the agent desk: ${server.url}/desk?conversation=${conversationId}`);
    expect(await findMediaEvent(server.admin, smsId)).toBeUndefined();

    // The provider retries the same message: it is one SMS, so one mail.
    const repeat = await deliverRaw(server.url, {
      receiver: setup.recipient,
      sender: customer,
      message: text,
      messageId: `held-${customer}`,
    });
    expect(repeat.body.id).toBe(smsId);
    const second = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'And now?' });
    await waitFor('the second mail sent', async () => mailsTo(agent.email).length === 2);
    expect(decodeBody(mailsTo(agent.email)[1]!.raw)).toContain('And now?');
    // The outbox records a mail as sent once the SMTP server has taken it: a moment after.
    const rows = await waitFor('both mails recorded as sent', async () => {
      const found = await sql<{ message_id: string; sent_at: Date | null }>`
        select message_id, sent_at from email_outbox where message_id = any(${[
          `<sms.${smsId}@switchboard.invalid>`,
          `<sms.${second}@switchboard.invalid>`,
        ]}::text[])`.execute(db());
      return found.rows.every((row) => row.sent_at !== null) ? found.rows : undefined;
    });
    expect(rows).toHaveLength(2);
  });

  it('writes in the agent’s language', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const customer = uniqueSender();
    const conversationId = await heldByEmailAgent(setup, agent, customer);
    await sql`update app_user set language = 'de' where id = ${agent.id}`.execute(db());
    await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Wo bleibt mein Paket?' });
    const [mail] = await waitFor('the mail sent', async () => {
      const mails = mailsTo(agent.email);
      return mails.length > 0 ? mails : undefined;
    });
    expect(mail!.subject).toBe(`Neue SMS von ${customer} in Ihrer Konversation`);
    const body = decodeBody(mail!.raw);
    expect(body).toContain('Wo bleibt mein Paket?');
    expect(body).toContain(`Am Agenten-Arbeitsplatz antworten: ${server.url}/desk?conversation=${conversationId}`);
    expect(body).toMatch(/Empfangen: \d\d\.\d\d\.\d{4}, \d\d:\d\d UTC/);
  });

  it('mails nobody whose SMS go to the web desk', async () => {
    const setup = await createAcdSetup(server.admin, { agents: [{}] });
    const [agent] = setup.agents as [UserHandle];
    const customer = uniqueSender();
    await setStatus(agent, 'available');
    const first = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Hello?' });
    const { mediaEventId } = await offeredTo([agent], first);
    expectStatus(await agent.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    const next = await deliver(server.url, { receiver: setup.recipient, sender: customer, message: 'Still there?' });
    expect((await smsById(server.admin, next)).conversationId).toBe(
      (await smsById(server.admin, first)).conversationId,
    );
    const outbox = await sql<{ n: number }>`
      select count(*)::int as n from email_outbox where message_id = ${`<sms.${next}@switchboard.invalid>`}`.execute(
      db(),
    );
    expect(outbox.rows[0]!.n).toBe(0);
    expect(mailsTo(agent.email)).toHaveLength(0);
  });
});
