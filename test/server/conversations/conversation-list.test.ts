import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { uuid7 } from '../../../server/db/uuid7';
import { useTestServer } from '../../support/test-server';
import {
  createAcdSetup,
  createSendConnector,
  deliver,
  expectStatus,
  smsById,
  uniqueSender,
} from '../../support/fixtures';

const server = useTestServer();

interface ListItem {
  id: string;
  customerNumber: string;
  lastMessage: { direction: string; text: string; at: string } | null;
}

describe('GET /api/conversations (Traffic’s list)', () => {
  it('answers each conversation with its newest message, inbound or a reply', async () => {
    const setup = await createAcdSetup(server.admin);
    const [talkative, answered] = [uniqueSender(), uniqueSender()];
    await deliver(server.url, { receiver: setup.recipient, sender: talkative, message: 'first' });
    await deliver(server.url, { receiver: setup.recipient, sender: talkative, message: 'second, newest' });
    const answeredSms = await deliver(server.url, { receiver: setup.recipient, sender: answered, message: 'help' });
    const conversationId = (await smsById(server.admin, answeredSms)).conversationId!;
    const sendConnector = await createSendConnector(server.admin, {
      clientId: setup.clientId,
      defaultSender: setup.recipient,
    });
    // A reply written after the SMS, as the outbox keeps one that failed for good (no worker takes it).
    await sql`insert into outbound_sms (id, client_id, send_connector_id, conversation_id, origin, "to", "from", text,
        segments, encoding, status, attempts, error, created_at)
      values (${uuid7()}, ${setup.clientId}, ${sendConnector.id}, ${conversationId}, 'agent', ${answered},
        ${setup.recipient}, 'We are on it', 1, 'GSM-7', 'failed', 1, 'unreachable', now() + interval '1 second')`.execute(
      server.switchboard.database.db,
    );
    const page = expectStatus(
      await server.admin.get<{ items: ListItem[] }>(`/api/conversations?clientId=${setup.clientId}`),
      200,
      'listing',
    );
    const byCustomer = new Map(page.items.map((item) => [item.customerNumber, item]));
    expect(byCustomer.get(talkative)?.lastMessage).toMatchObject({ direction: 'inbound', text: 'second, newest' });
    expect(byCustomer.get(answered)?.lastMessage).toMatchObject({ direction: 'outbound', text: 'We are on it' });
  });
});
