import { beforeAll, describe, expect, it } from 'vitest';
import { createAcdSetup, type AcdSetup } from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';

/** The corners of /SMSReceiver's contract (shared/design/sms-receiver-api.md), over HTTP. */
const server = useTestServer();
let withToken: AcdSetup;
const RECEIVER = '4930444555';
const TOKEN_RECEIVER = '4930444666';
const UNKNOWN = '4930444999';

beforeAll(async () => {
  await createAcdSetup(server.admin, { recipient: `+${RECEIVER}` });
  withToken = await createAcdSetup(server.admin, { recipient: `+${TOKEN_RECEIVER}`, requireToken: true });
});

async function receive(query: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/SMSReceiver${query ? `?${query}` : ''}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const postJson = (body: string) =>
  receive('', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function stored(id: string) {
  return server.switchboard.database.db
    .selectFrom('inbound_sms')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function countByMessage(message: string): Promise<number> {
  const rows = await server.switchboard.database.db
    .selectFrom('inbound_sms')
    .select('id')
    .where('message', '=', message)
    .execute();
  return rows.length;
}

describe('field names', () => {
  it('matches them in any letter case', async () => {
    const { status, body } = await receive(
      `RECEIVER=${RECEIVER}&Absender=4917011&SMSTEXT=upper+case&MESSAGEID=mid-upper`,
    );
    expect(status).toBe(200);
    expect(await stored(body.id!)).toMatchObject({ message: 'upper case', sender: '4917011', message_id: 'mid-upper' });
    const retry = await receive(`Ziel=${RECEIVER}&SENDER=4917011&Data=upper+case&messagesid=mid-upper`);
    expect(retry).toEqual({ status: 200, body: { id: body.id, status: 'accepted' } });
  });

  it('takes receiver before ziel before system, in whatever order they came', async () => {
    // The connector is found under the winning name only.
    expect((await receive(`ziel=${UNKNOWN}&receiver=${RECEIVER}&sender=1&message=a`)).status).toBe(200);
    expect((await receive(`receiver=${UNKNOWN}&ziel=${RECEIVER}&sender=1&message=a`)).status).toBe(404);
    expect((await receive(`system=${UNKNOWN}&ziel=${RECEIVER}&sender=1&message=a`)).status).toBe(200);
    const { body } = await receive(`receiver=${RECEIVER}&sender=1&smstext=third&data=second&message=first`);
    expect((await stored(body.id!)).message).toBe('first');
  });

  it('takes a field from the body before the query, even under a lower-ranked name', async () => {
    const result = await receive(`receiver=${UNKNOWN}&message=from+query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `ziel=${RECEIVER}&absender=1&smstext=from+body`,
    });
    expect(result.status).toBe(200);
    expect(await stored(result.body.id!)).toMatchObject({ receiver: RECEIVER, message: 'from body' });
  });
});

describe('whitespace-only values', () => {
  it('answers 400 for a receiver of spaces', async () => {
    expect(await receive(`receiver=+++&sender=1&message=x`)).toEqual({
      status: 400,
      body: { error: 'receiver is not a phone number', field: 'receiver' },
    });
  });

  it('answers 400 for a sender of spaces', async () => {
    expect(await receive(`receiver=${RECEIVER}&sender=%20%09&message=x`)).toEqual({
      status: 400,
      body: { error: 'sender is empty', field: 'sender' },
    });
  });

  it('keeps a text of spaces as it came', async () => {
    const { status, body } = await receive(`receiver=${RECEIVER}&sender=1&message=+++`);
    expect(status).toBe(200);
    expect((await stored(body.id!)).message).toBe('   ');
  });

  it('reads a message id of spaces as none: each delivery is a new SMS', async () => {
    const first = await receive(`receiver=${RECEIVER}&sender=1&message=blank-id&messageId=++`);
    const second = await receive(`receiver=${RECEIVER}&sender=1&message=blank-id&messageId=++`);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.id).not.toBe(second.body.id);
    expect((await stored(first.body.id!)).message_id).toBeNull();
  });

  it('answers 401 for a token of spaces', async () => {
    const result = await receive(`receiver=${TOKEN_RECEIVER}&sender=1&message=x&token=+++`);
    expect(result).toEqual({ status: 401, body: { error: 'The token is missing or wrong', field: 'token' } });
  });
});

describe('over-long values', () => {
  it.each([
    ['sender', 'sender is too long', (long: string) => `sender=${long}&message=x`],
    ['keyword', 'keyword is too long', (long: string) => `sender=1&message=x&keyword=${long}`],
    ['messageId', 'messageId is too long', (long: string) => `sender=1&message=x&msgid=${long}`],
  ])('answers 400 for a %s of more than 256 characters, and takes 256', async (field, error, query) => {
    const ok = await receive(`receiver=${RECEIVER}&${query('a'.repeat(256))}`);
    expect(ok.status).toBe(200);
    expect(await receive(`receiver=${RECEIVER}&${query('a'.repeat(257))}`)).toEqual({
      status: 400,
      body: { error, field },
    });
  });

  it('answers 400 for a receiver of more than 15 digits', async () => {
    expect(await receive(`receiver=${'4'.repeat(16)}&sender=1&message=x`)).toEqual({
      status: 400,
      body: { error: 'receiver is not a phone number', field: 'receiver' },
    });
  });

  it('answers 401 for a token far longer than any real one', async () => {
    const result = await receive(`receiver=${TOKEN_RECEIVER}&sender=1&message=x&token=${withToken.token.repeat(20)}`);
    expect(result.status).toBe(401);
  });
});

describe('unusable bodies', () => {
  it('answers 400 for a JSON array, and stores nothing', async () => {
    const result = await postJson(JSON.stringify([{ receiver: RECEIVER, sender: '1', message: 'in an array' }]));
    expect(result).toEqual({ status: 400, body: { error: 'The JSON body must be an object of fields' } });
    expect(await countByMessage('in an array')).toBe(0);
  });

  it.each([
    ['an array', ['a', 'b']],
    ['an object', { text: 'nested' }],
  ])('answers 400 naming the field when its value is %s', async (_what, value) => {
    const result = await postJson(JSON.stringify({ receiver: RECEIVER, sender: '1', message: value }));
    expect(result).toEqual({ status: 400, body: { error: 'message must be a string', field: 'message' } });
  });

  it('reads a JSON null as a missing field', async () => {
    const result = await postJson(JSON.stringify({ receiver: RECEIVER, sender: null, message: 'x' }));
    expect(result).toEqual({ status: 400, body: { error: 'sender is missing', field: 'sender' } });
  });

  it.each([
    ['a body that does not follow its boundary', 'multipart/form-data; boundary=xyz', 'receiver=1&message=broken'],
    [
      'a part that never ends',
      'multipart/form-data; boundary=xyz',
      `--xyz\r\nContent-Disposition: form-data; name="receiver"\r\n\r\n${RECEIVER}\r\n--xyz\r\nContent-Disposition: form-data; name="message"\r\n\r\nbroken multipart`,
    ],
    ['no boundary at all', 'multipart/form-data', `--xyz\r\n\r\nbroken multipart\r\n--xyz--\r\n`],
  ])('answers 400 for a multipart body with %s, and stores nothing', async (_what, contentType, body) => {
    const result = await receive('sender=1', { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(result).toEqual({ status: 400, body: { error: 'The multipart body could not be read' } });
    expect(await countByMessage('broken multipart')).toBe(0);
  });
});

describe('text in Windows-1252', () => {
  it('keeps the euro sign, quotes and dashes, undeclared in a query or declared in a form body', async () => {
    const text = '€ „Hallo“ – ‘ok’';
    const query = await receive(`receiver=${RECEIVER}&sender=1&message=%80+%84Hallo%93+%96+%91ok%92`);
    expect((await stored(query.body.id!)).message).toBe(text);
    const form = await receive('', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=windows-1252' },
      body: `receiver=${RECEIVER}&sender=1&message=%80+%84Hallo%93+%96+%91ok%92`,
    });
    expect((await stored(form.body.id!)).message).toBe(text);
  });
});
