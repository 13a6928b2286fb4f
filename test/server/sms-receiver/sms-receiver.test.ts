import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcdSetup, createConnector, type AcdSetup } from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';

const server = useTestServer({ env: { SWITCHBOARD_SMS_MAX_BYTES: '4096', SWITCHBOARD_SMS_MAX_CHARS: '1600' } });
let connector: AcdSetup;
let open: AcdSetup;
const RECEIVER = '+4930111222';
const OPEN_RECEIVER = '+4930111333';

beforeAll(async () => {
  connector = await createAcdSetup(server.admin, { recipient: RECEIVER, requireToken: true, subject: 'Customer SMS' });
  open = await createAcdSetup(server.admin, { recipient: OPEN_RECEIVER });
});

const db = () => server.switchboard.database.db;

async function deliver(query: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/SMSReceiver${query ? `?${query}` : ''}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function storedSms(id: string) {
  return db().selectFrom('inbound_sms').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const tokenParam = () => `token=${encodeURIComponent(connector.token)}`;

describe('GET /SMSReceiver', () => {
  it('answers 200 with the id of the stored SMS and creates a queued media event with the connector subject', async () => {
    const { status, body } = await deliver(`receiver=4930111222&sender=491701111&message=Hello&${tokenParam()}`);
    expect(status).toBe(200);
    expect(body).toEqual({ id: expect.any(String), status: 'accepted' });
    const sms = await storedSms(body.id!);
    expect(sms).toMatchObject({
      connector_id: connector.connectorId,
      client_id: connector.clientId,
      receiver: '4930111222',
      receiver_normalized: RECEIVER,
      sender: '491701111',
      sender_normalized: '+491701111',
      message: 'Hello',
      status: 'routed',
    });
    const event = await db()
      .selectFrom('media_event')
      .selectAll()
      .where('sms_id', '=', body.id!)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      acd_group_id: connector.groupId,
      subject: 'Customer SMS',
      state: 'queued',
      client_id: connector.clientId,
    });
  });

  it.each([
    ['receiver', 'sender', 'message'],
    ['ziel', 'absender', 'data'],
    ['system', 'sender', 'smstext'],
  ])('accepts the field names %s, %s and %s', async (receiverName, senderName, messageName) => {
    const { status, body } = await deliver(
      `${receiverName}=${RECEIVER.slice(1)}&${senderName}=4917022&${messageName}=alias+${messageName}&${tokenParam()}`,
    );
    expect(status).toBe(200);
    expect((await storedSms(body.id!)).message).toBe(`alias ${messageName}`);
  });

  it.each(['messageId', 'id', 'msgid', 'MessageSid'])('takes the provider message id from %s', async (name) => {
    const messageId = `mid-${name}-${Date.now()}`;
    const first = await deliver(
      `receiver=${RECEIVER.slice(1)}&sender=1&message=m&${name}=${messageId}&${tokenParam()}`,
    );
    const retry = await deliver(
      `receiver=${RECEIVER.slice(1)}&sender=1&message=m&${name}=${messageId}&${tokenParam()}`,
    );
    expect(first.status).toBe(200);
    expect(retry).toEqual({ status: 200, body: { id: first.body.id, status: 'accepted' } });
    expect((await storedSms(first.body.id!)).message_id).toBe(messageId);
  });

  it('reads %2B, a literal + (a space in a query) and 00 as the same receiver number', async () => {
    for (const receiver of ['%2B4930111222', '+4930111222', '004930111222', '4930111222']) {
      const { status } = await deliver(`receiver=${receiver}&sender=1&message=x&${tokenParam()}`);
      expect(status, receiver).toBe(200);
    }
  });

  it('reads + in the text as a space and %2B as a plus sign', async () => {
    const { body } = await deliver(`receiver=${RECEIVER.slice(1)}&sender=%2B4917033&message=1+%2B+1&${tokenParam()}`);
    const sms = await storedSms(body.id!);
    expect(sms.message).toBe('1 + 1');
    expect(sms.sender).toBe('+4917033');
  });

  it('keeps non-ASCII text intact, in UTF-8 and in Latin-1 percent-encoding', async () => {
    const utf8 = await deliver(
      `receiver=${RECEIVER.slice(1)}&sender=1&message=${encodeURIComponent('Grüße 👋 Привет')}&${tokenParam()}`,
    );
    expect((await storedSms(utf8.body.id!)).message).toBe('Grüße 👋 Привет');
    const latin1 = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=Gr%FC%DFe&${tokenParam()}`);
    expect((await storedSms(latin1.body.id!)).message).toBe('Grüße');
  });

  it('keeps an alphanumeric sender id as sent', async () => {
    const { body } = await deliver(`receiver=${RECEIVER.slice(1)}&sender=DHL&message=parcel&${tokenParam()}`);
    const sms = await storedSms(body.id!);
    expect(sms.sender).toBe('DHL');
    expect(sms.sender_normalized).toBe('DHL');
  });

  it('accepts an empty message as a valid empty SMS', async () => {
    const { status, body } = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=&${tokenParam()}`);
    expect(status).toBe(200);
    expect((await storedSms(body.id!)).message).toBe('');
  });

  it('stores the keyword and the request fields, but never the token', async () => {
    const { body } = await deliver(
      `receiver=${RECEIVER.slice(1)}&sender=1&message=x&keyword=INFO&extra=1&${tokenParam()}`,
    );
    const sms = await storedSms(body.id!);
    expect(sms.keyword).toBe('INFO');
    expect(sms.raw).toMatchObject({ receiver: RECEIVER.slice(1), keyword: 'INFO', extra: '1' });
    expect(JSON.stringify(sms.raw)).not.toContain(connector.token);
  });
});

describe('POST /SMSReceiver', () => {
  it('accepts a form-encoded body, with the token in a query parameter', async () => {
    const { status, body } = await deliver(tokenParam(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `ziel=%2B4930111222&absender=%2B4917044&smstext=${encodeURIComponent('Form ä')}`,
    });
    expect(status).toBe(200);
    expect(await storedSms(body.id!)).toMatchObject({ message: 'Form ä', sender: '+4917044' });
  });

  it('decodes a form body in the declared charset', async () => {
    const { body } = await deliver('', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=ISO-8859-1',
        'x-switchboard-token': connector.token,
      },
      body: 'receiver=4930111222&sender=1&message=%E4%F6%FC',
    });
    expect((await storedSms(body.id!)).message).toBe('äöü');
  });

  it('accepts multipart/form-data', async () => {
    const form = new FormData();
    form.set('receiver', RECEIVER);
    form.set('sender', '4917055');
    form.set('message', 'Multipart ß');
    form.set('token', connector.token);
    const { status, body } = await deliver('', { method: 'POST', body: form });
    expect(status).toBe(200);
    expect((await storedSms(body.id!)).message).toBe('Multipart ß');
  });

  it('accepts JSON, with numbers as numbers and the token as a Bearer header', async () => {
    const { status, body } = await deliver('', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${connector.token}` },
      body: JSON.stringify({ receiver: 4930111222, sender: '+4917066', message: 'JSON 🚀', MessageSid: 'SM123-json' }),
    });
    expect(status).toBe(200);
    expect(await storedSms(body.id!)).toMatchObject({ message: 'JSON 🚀', message_id: 'SM123-json' });
  });

  it('counts query parameters on a POST, the body winning where both name a field', async () => {
    const { body } = await deliver(`receiver=${RECEIVER.slice(1)}&message=from+query&${tokenParam()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sender=4917077&message=from+body',
    });
    expect(await storedSms(body.id!)).toMatchObject({ message: 'from body', sender: '4917077' });
  });

  it('answers 400 naming the field when the JSON is broken', async () => {
    const result = await deliver('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"receiver":',
    });
    expect(result.status).toBe(400);
    expect(result.body.error).toMatch(/JSON/);
  });
});

describe('error answers', () => {
  it.each([
    ['receiver', `sender=1&message=x`],
    ['sender', `receiver=${RECEIVER.slice(1)}&message=x`],
    ['message', `receiver=${RECEIVER.slice(1)}&sender=1`],
  ])('answers 400 naming %s when it is missing', async (field, query) => {
    const result = await deliver(`${query}&${tokenParam()}`);
    expect(result).toEqual({ status: 400, body: { error: `${field} is missing`, field } });
  });

  it('answers 400 when the receiver is not a phone number', async () => {
    const result = await deliver(`receiver=ACME&sender=1&message=x`);
    expect(result).toEqual({ status: 400, body: { error: 'receiver is not a phone number', field: 'receiver' } });
  });

  it('answers 404 when no connector has the receiver number', async () => {
    const result = await deliver(`receiver=4999999999&sender=1&message=x`);
    expect(result.status).toBe(404);
    expect(result.body.field).toBe('receiver');
  });

  it('answers 401 when the token is missing or wrong, and stores nothing', async () => {
    const before = await countSms(connector.connectorId);
    expect((await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=x`)).status).toBe(401);
    const wrong = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=x&token=${connector.token}x`);
    expect(wrong).toEqual({ status: 401, body: { error: 'The token is missing or wrong', field: 'token' } });
    const wrongHeader = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=x`, {
      headers: { 'x-switchboard-token': 'nope' },
    });
    expect(wrongHeader.status).toBe(401);
    expect(await countSms(connector.connectorId)).toBe(before);
  });

  it('needs no token when the connector does not require one', async () => {
    expect((await deliver(`receiver=${OPEN_RECEIVER.slice(1)}&sender=1&message=x`)).status).toBe(200);
  });

  it('answers 413 when the declared body is larger than the limit', async () => {
    const result = await deliver(tokenParam(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `receiver=${RECEIVER.slice(1)}&sender=1&message=${'a'.repeat(5000)}`,
    });
    expect(result.status).toBe(413);
  });

  it('answers 413 when a streamed body without a length grows past the limit', async () => {
    const chunks = [`receiver=${RECEIVER.slice(1)}&sender=1&message=`, 'b'.repeat(3000), 'b'.repeat(3000)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const result = await deliver(tokenParam(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(result.status).toBe(413);
  });

  it('answers 413 naming message when the text is longer than 1,600 characters', async () => {
    const ok = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=${'ü'.repeat(1600)}&${tokenParam()}`);
    expect(ok.status).toBe(200);
    const result = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=${'x'.repeat(1601)}&${tokenParam()}`);
    expect(result).toEqual({
      status: 413,
      body: { error: 'message is longer than 1600 characters', field: 'message' },
    });
  });

  it('answers 502 when the connector has no target, and stores nothing', async () => {
    const created = await createConnector(server.admin, {
      name: 'No target yet',
      recipient: '+4930111444',
      requireToken: false,
      routingType: 'direct_acd_group',
      clientId: connector.clientId,
    });
    const result = await deliver('receiver=4930111444&sender=1&message=x');
    expect(result.status).toBe(502);
    expect(result.body.error).toMatch(/no ACD group or routing application/);
    expect(await countSms(created.id)).toBe(0);
  });

  it('answers 502 once the target ACD group was taken off the connector', async () => {
    const other = await createAcdSetup(server.admin, { recipient: '+4930111555' });
    expect((await deliver('receiver=4930111555&sender=1&message=x')).status).toBe(200);
    // The group itself cannot be deleted while the connector routes to it (409).
    expect((await server.admin.delete(`/api/acd-groups/${other.groupId}`)).status).toBe(409);
    expect((await server.admin.patch(`/api/connectors/${other.connectorId}`, { acdGroupId: null })).status).toBe(200);
    expect((await deliver('receiver=4930111555&sender=1&message=x')).status).toBe(502);
  });

  it('answers 500 when storing fails, and only the failing SMS is refused', async () => {
    await sql`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.message = 'POISON' then raise exception 'poisoned'; end if; return new; end $$`.execute(db());
    await sql`create trigger refuse_poison before insert on inbound_sms for each row execute function refuse_poison()`.execute(
      db(),
    );
    try {
      const results = await Promise.all(
        ['ok-1', 'POISON', 'ok-2', 'ok-3'].map((message) =>
          deliver(`receiver=${OPEN_RECEIVER.slice(1)}&sender=1&message=${message}`),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 500, 200, 200]);
      expect(results[1]!.body.error).toMatch(/retry/);
      for (const ok of [results[0]!, results[2]!, results[3]!])
        expect((await storedSms(ok.body.id!)).message).toMatch(/^ok-/);
    } finally {
      await sql`drop trigger refuse_poison on inbound_sms`.execute(db());
      await sql`drop function refuse_poison()`.execute(db());
    }
  });
});

describe('HEAD /SMSReceiver', () => {
  it('answers 405 with Allow: GET, POST and stores nothing', async () => {
    const before = await countSms(connector.connectorId);
    const query = `receiver=${RECEIVER.slice(1)}&sender=1&message=head+request&${tokenParam()}`;
    const head = await fetch(`${server.url}/SMSReceiver?${query}`, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET, POST');
    // The same request as a GET is stored: the witness that the HEAD was a real delivery attempt.
    const get = await deliver(query);
    expect(get.status).toBe(200);
    expect(await countSms(connector.connectorId)).toBe(before + 1);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow: GET, POST', async (method) => {
    const response = await fetch(`${server.url}/SMSReceiver?receiver=${OPEN_RECEIVER.slice(1)}&sender=1&message=x`, {
      method,
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(((await response.json()) as { error: string }).error).toMatch(/GET or POST/);
  });
});

describe('characters that cannot be stored', () => {
  const fieldsWith = (field: string, bad: string, text: string) => ({
    receiver: OPEN_RECEIVER.slice(1),
    sender: '4917012345',
    message: text,
    keyword: 'INFO',
    messageId: `mid-${Math.random().toString(36).slice(2)}`,
    [field]: field === 'message' ? `${text}${bad}` : `${field === 'receiver' ? OPEN_RECEIVER.slice(1) : 'x'}${bad}`,
  });
  const privateText = () => `Private-words-${Math.random().toString(36).slice(2)}`;
  const FIELDS = ['message', 'sender', 'receiver', 'keyword', 'messageId'] as const;

  const expectRefused = async (
    field: string,
    text: string,
    send: () => Promise<{ status: number; body: Record<string, string> }>,
  ) => {
    const before = await countSms(open.connectorId);
    const result = await send();
    expect(result.status, field).toBe(400);
    expect(result.body.field).toBe(field);
    expect(result.body.error).toMatch(new RegExp(`^${field} contains (a NUL character|an unpaired surrogate)`));
    expect(await countSms(open.connectorId)).toBe(before);
    // Every line the server wrote so far: the SMS text is in none of them.
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.logLines().filter((line) => line.includes(text))).toEqual([]);
  };

  it.each(FIELDS)('answers 400 naming %s for a NUL in a GET query', async (field) => {
    const text = privateText();
    await expectRefused(field, text, () => deliver(new URLSearchParams(fieldsWith(field, '\0', text)).toString()));
  });

  it.each(FIELDS)('answers 400 naming %s for a NUL in a form POST', async (field) => {
    const text = privateText();
    await expectRefused(field, text, () =>
      deliver('', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fieldsWith(field, '\0', text)).toString(),
      }),
    );
  });

  // A NUL, and half of a surrogate pair, are valid JSON escapes that no text column can store.
  const UNSTORABLE = [
    ['a \\u0000', '\0', '\\u0000'],
    ['a lone surrogate \\ud800', '\ud800', '\\ud800'],
  ] as const;
  describe.each(UNSTORABLE)('with %s in JSON', (_name, character, escape) => {
    it.each(FIELDS)('answers 400 naming %s', async (field) => {
      const text = privateText();
      const body = JSON.stringify(fieldsWith(field, character, text));
      expect(body).toContain(escape);
      await expectRefused(field, text, () =>
        deliver('', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      );
    });
  });

  it('answers 400 naming a field outside the contract, which is stored with the SMS too', async () => {
    const text = privateText();
    await expectRefused('extra', text, () =>
      deliver('', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...fieldsWith('keyword', '', text), extra: 'a\u0000b' }),
      }),
    );
  });

  it('still stores a well-formed emoji (a surrogate pair) and other control characters', async () => {
    const result = await deliver('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiver: OPEN_RECEIVER.slice(1), sender: '1', message: 'ok 😀 \u0001\t\u007f' }),
    });
    expect(result.status).toBe(200);
    expect((await storedSms(result.body.id!)).message).toBe('ok 😀 \u0001\t\u007f');
  });
});

describe('idempotency', () => {
  it('stores one SMS and one media event for 50 concurrent deliveries with the same message id', async () => {
    const messageId = `burst-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        deliver(`receiver=${RECEIVER.slice(1)}&sender=4917099&message=burst&messageId=${messageId}&${tokenParam()}`),
      ),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([200]));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const rows = await db().selectFrom('inbound_sms').select('id').where('message_id', '=', messageId).execute();
    expect(rows).toHaveLength(1);
    const events = await db().selectFrom('media_event').select('id').where('sms_id', '=', rows[0]!.id).execute();
    expect(events).toHaveLength(1);
  });

  it('treats the same message id on two connectors as two SMS', async () => {
    const messageId = `shared-${Date.now()}`;
    const a = await deliver(`receiver=${RECEIVER.slice(1)}&sender=1&message=a&messageId=${messageId}&${tokenParam()}`);
    const b = await deliver(`receiver=${OPEN_RECEIVER.slice(1)}&sender=1&message=b&messageId=${messageId}`);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('logging', () => {
  it('logs one line per request with a request id, and never the token', async () => {
    const response = await fetch(
      `${server.url}/SMSReceiver?receiver=${RECEIVER.slice(1)}&sender=1&message=log&${tokenParam()}`,
    );
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    const lines = server.logLines().filter((line) => line.includes(`"reqId":"${requestId}"`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('token=[redacted]');
    expect(server.logLines().join('\n')).not.toContain(connector.token);
  });

  const logLineOf = async (response: Response) => {
    const requestId = response.headers.get('x-request-id');
    await expect
      .poll(() => server.logLines().filter((line) => line.includes(`"reqId":"${requestId}"`)))
      .toHaveLength(1);
    return server.logLines().find((line) => line.includes(`"reqId":"${requestId}"`))!;
  };

  it.each(['tok%65n', '%74%6F%6B%65%6E', 'Token', 'TOKEN', 'to%4Ben'])(
    'accepts a token sent as %s and keeps its value out of the log',
    async (name) => {
      const response = await fetch(
        `${server.url}/SMSReceiver?receiver=${RECEIVER.slice(1)}&sender=1&message=x&${name}=${encodeURIComponent(connector.token)}`,
      );
      expect(response.status).toBe(200);
      const line = await logLineOf(response);
      expect(line).toContain(`${name}=[redacted]`);
      expect(line).not.toContain(connector.token);
      expect(line).not.toContain(encodeURIComponent(connector.token));
    },
  );

  it('redacts secrets under encoded names on any path, not only the SMS receiver', async () => {
    const secret = `not-a-real-secret-${Date.now()}`;
    const response = await fetch(
      `${server.url}/api/node-types?tok%65n=${secret}&PASSWORD=${secret}&k%65y=${secret}&limit=5`,
    );
    const line = await logLineOf(response);
    expect(line).not.toContain(secret);
    expect(line).toContain('limit=5');
  });

  it('logs which number and provider id a delivery was for, never its text or sender', async () => {
    const text = `Private-text-${Math.random().toString(36).slice(2)}`;
    const messageId = `provider-${Date.now()}`;
    const response = await fetch(
      `${server.url}/SMSReceiver?receiver=${OPEN_RECEIVER.slice(1)}&absender=4917099887766&smstext=${text}&msgid=${messageId}&${text}-as-a-name=1&bare-${text}`,
    );
    expect(response.status).toBe(200);
    const line = await logLineOf(response);
    expect(line).toContain(`receiver=${OPEN_RECEIVER.slice(1)}`);
    expect(line).toContain(`msgid=${messageId}`);
    expect(line).toContain('absender=[redacted]');
    expect(line).not.toContain(text);
    expect(line).not.toContain('4917099887766');
  });

  it('logs a failed store with the SMS ids and the error code, never what the SMS said', async () => {
    // A database error that quotes the row in every field it has: message, detail, hint.
    await sql`create function quote_and_refuse() returns trigger language plpgsql as $$
      begin
        if new.message like 'QUOTE-ME%' then
          raise exception 'refused: %', new.message using detail = 'row: ' || new.raw::text, hint = new.sender;
        end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger quote_and_refuse before insert on inbound_sms for each row execute function quote_and_refuse()`.execute(
      db(),
    );
    const text = `QUOTE-ME-${Math.random().toString(36).slice(2)}`;
    const sender = `49170${Date.now() % 100000000}`;
    try {
      const result = await deliver(`receiver=${OPEN_RECEIVER.slice(1)}&sender=${sender}&message=${text}`);
      expect(result.status).toBe(500);
    } finally {
      await sql`drop trigger quote_and_refuse on inbound_sms`.execute(db());
      await sql`drop function quote_and_refuse()`.execute(db());
    }
    const failure = server.logLines().find((line) => line.includes('storing SMS: write failed'));
    expect(failure).toBeDefined();
    expect(JSON.parse(failure!).err).toMatchObject({ code: 'P0001', smsIds: [expect.any(String)] });
    expect(server.logLines().filter((line) => line.includes(text) || line.includes(sender))).toEqual([]);
  });
});

async function countSms(connectorId: string): Promise<number> {
  const row = await db()
    .selectFrom('inbound_sms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('connector_id', '=', connectorId)
    .executeTakeFirstOrThrow();
  return row.n;
}
