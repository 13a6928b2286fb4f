import { connect } from 'node:net';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcdSetup } from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';

/**
 * The SMS store's batching, end to end. Deliveries that arrive on separate connections reach the
 * server on separate turns of its event loop, so whether they share a batch is luck. Pipelined on
 * one connection, in one write, they are read in one turn and always form one batch: that is what
 * makes these tests certain to test a batch.
 */
const server = useTestServer();
const RECEIVER = '4930222333';

beforeAll(async () => {
  await createAcdSetup(server.admin, { recipient: `+${RECEIVER}` });
});

const db = () => server.switchboard.database.db;

interface PipelinedResponse {
  status: number;
  body: Record<string, string>;
}

/** Sends the GET requests back to back in one write on one connection (HTTP/1.1 pipelining). */
function pipelinedGets(paths: string[]): Promise<PipelinedResponse[]> {
  const { hostname, port } = new URL(server.url);
  const requests = paths.map(
    (path, index) =>
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${index === paths.length - 1 ? 'Connection: close\r\n' : ''}\r\n`,
  );
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(requests.join('')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(parseResponses(Buffer.concat(chunks), paths.length));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseResponses(data: Buffer, count: number): PipelinedResponse[] {
  const responses: PipelinedResponse[] = [];
  let offset = 0;
  while (responses.length < count) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) throw new Error(`only ${responses.length} of ${count} responses arrived`);
    const [statusLine, ...headerLines] = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const headers = new Map(
      headerLines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length)) throw new Error(`a response without Content-Length: ${statusLine}`);
    const bodyStart = headEnd + 4;
    responses.push({
      status: Number(statusLine!.split(' ')[1]),
      body: JSON.parse(data.subarray(bodyStart, bodyStart + length).toString('utf8')),
    });
    offset = bodyStart + length;
  }
  return responses;
}

// Each from a customer of its own: SMS of one sender to one number would join one conversation.
let senderSequence = 491700;
const deliveryPath = (message: string) =>
  `/SMSReceiver?receiver=${RECEIVER}&sender=${++senderSequence}&message=${message}`;

describe('SMS store batches', () => {
  it('commits deliveries that arrive together in one transaction', async () => {
    const messages = ['together-1', 'together-2', 'together-3', 'together-4'];
    const responses = await pipelinedGets(messages.map(deliveryPath));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // xmin is the id of the transaction that wrote the row: one for all four, and their events.
    const rows = await sql<{ message: string; sms_tx: string; event_tx: string }>`
      select s.message, s.xmin::text as sms_tx, e.xmin::text as event_tx
      from inbound_sms s join media_event e on e.sms_id = s.id
      where s.id = any(${responses.map((r) => r.body.id!)}::uuid[])`.execute(db());
    expect(rows.rows.map((row) => row.message).sort()).toEqual(messages);
    expect(new Set(rows.rows.flatMap((row) => [row.sms_tx, row.event_tx])).size).toBe(1);
  });

  it('refuses only the bad row of a failing batch: its neighbours are stored and answered 200', async () => {
    await sql`create function refuse_poisoned_sms() returns trigger language plpgsql as $$
      begin if new.message = 'POISON' then raise exception 'poisoned'; end if; return new; end $$`.execute(db());
    await sql`create trigger refuse_poisoned_sms before insert on inbound_sms
      for each row execute function refuse_poisoned_sms()`.execute(db());
    try {
      const messages = ['ok-1', 'POISON', 'ok-2', 'ok-3'];
      const responses = await pipelinedGets(messages.map(deliveryPath));

      // The four formed one batch, which failed and was written again one by one.
      const fallbacks = server
        .logLines()
        .map((line) => JSON.parse(line) as { msg?: string; size?: number })
        .filter((entry) => entry.msg === 'storing SMS: batch failed, writing one by one');
      expect(fallbacks.map((entry) => entry.size)).toEqual([4]);

      expect(responses.map((r) => r.status)).toEqual([200, 500, 200, 200]);
      expect(responses[1]!.body).toEqual({ error: 'Storing the SMS failed; please retry' });
      const stored = await db()
        .selectFrom('inbound_sms')
        .select(['id', 'message'])
        .where('message', 'in', messages)
        .execute();
      expect(stored.map((row) => row.message).sort()).toEqual(['ok-1', 'ok-2', 'ok-3']);
      expect(new Set(stored.map((row) => row.id))).toEqual(
        new Set([responses[0], responses[2], responses[3]].map((r) => r!.body.id)),
      );
      const events = await db()
        .selectFrom('media_event')
        .select('sms_id')
        .where(
          'sms_id',
          'in',
          stored.map((row) => row.id),
        )
        .execute();
      expect(events).toHaveLength(3);
    } finally {
      await sql`drop trigger refuse_poisoned_sms on inbound_sms`.execute(db());
      await sql`drop function refuse_poisoned_sms()`.execute(db());
    }
  });
});
