import { beforeAll, describe, expect, it } from 'vitest';
import type { SignatureCheck } from '../../../contract/domain';
import { fakeProviders, fakeVonage, type FakeProvider, type ProviderSms } from '../../support/fake-providers';
import {
  createAcdGroup,
  createTenant,
  uniqueNumber,
  waitFor,
  type Connector,
  type MediaEvent,
  type Sms,
} from '../../support/fixtures';
import { rawRequest } from '../../support/raw-request';
import { useTestServer } from '../../support/test-server';

// Each provider's own webhook end to end, over HTTP: a delivery in its documented format, signed
// by a fake provider as its documentation says, is stored and routed; a wrong or missing
// signature is refused (or, in `log` mode, recorded and accepted); a replay is stored once.

/** Behind a proxy: the URL providers call and sign is the public one, not the socket's. */
const PUBLIC_URL = 'https://sms.example.test/switchboard';
const server = useTestServer({ env: { SWITCHBOARD_PUBLIC_URL: PUBLIC_URL } });
let clientId: string;
let groupId: string;

beforeAll(async () => {
  clientId = (await createTenant(server.admin)).clientId;
  groupId = (await createAcdGroup(server.admin, { name: 'Webhook line', clientId })).id;
});

async function connectorFor(fake: FakeProvider, signatureCheck?: SignatureCheck) {
  const response = await server.admin.post<Connector>('/api/connectors', {
    name: `${fake.provider} ${uniqueNumber()}`,
    recipient: uniqueNumber(),
    requireToken: false,
    routingType: 'direct_acd_group',
    acdGroupId: groupId,
    subject: `SMS via ${fake.provider}`,
    clientId,
    provider: fake.provider,
    ...(fake.signs ? { providerSecret: fake.secret } : {}),
    ...(signatureCheck ? { signatureCheck } : {}),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

function send(
  fake: FakeProvider,
  sms: ProviderSms,
  options: Parameters<FakeProvider['deliver']>[1] = { origin: PUBLIC_URL },
) {
  const delivery = fake.deliver(sms, options);
  return rawRequest(server.url, { ...delivery });
}

async function smsOf(connector: Connector): Promise<Sms[]> {
  const page = await server.admin.get<{ items: Sms[] }>(`/api/sms?connectorId=${connector.id}`);
  return page.body.items;
}

const sender = '+4915112345678';

interface LoggedAttempt {
  status: number;
  outcome: string;
  reason: string;
  smsId: string | null;
  request: { path: string; query: Record<string, string>; headers: Record<string, string>; body: string };
}

/** The connector's delivery log once it holds `count` lines (it is written in batches). */
function deliveryLogOf(connector: Connector, count: number, query = ''): Promise<LoggedAttempt[]> {
  return waitFor(`${count} lines in the delivery log of ${connector.name}`, async () => {
    const page = await server.admin.get<{ items: LoggedAttempt[] }>(
      `/api/connectors/${connector.id}/deliveries${query}`,
    );
    return page.body.items.length >= count ? page.body.items : undefined;
  });
}
const refusedStatus = (status: number) => status >= 400;

describe.each(fakeProviders().map((fake) => [fake.provider, fake] as const))('%s', (_name, fake) => {
  it('stores a delivery in its documented format and routes it to the connector’s group', async () => {
    const connector = await connectorFor(fake);
    const answer = await send(fake, { from: sender, to: connector.recipient, text: 'Hallo, wo bleibt mein Paket? 📦' });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    const [sms] = await smsOf(connector);
    expect(sms).toMatchObject({
      senderNormalized: sender,
      receiverNormalized: connector.recipient,
      message: 'Hallo, wo bleibt mein Paket? 📦',
    });
    const events = await waitFor('its media event', async () => {
      const page = await server.admin.get<{ items: MediaEvent[] }>(`/api/media-events?smsId=${sms!.id}`);
      return page.body.items.length > 0 ? page.body.items : undefined;
    });
    expect(events[0]).toMatchObject({ acdGroupId: groupId, subject: `SMS via ${fake.provider}` });
    // Written by the statement that stored the SMS, naming it; its content is the SMS itself.
    const [line] = await deliveryLogOf(connector, 1);
    expect(line).toMatchObject({ outcome: 'accepted', reason: 'Stored', smsId: sms!.id, status: answer.status });
    expect(line!.request).toMatchObject({
      method: expect.stringMatching(/^(GET|POST)$/),
      path: `/SMSReceiver/${fake.provider}`,
      body: '',
    });
  });

  it('stores a replayed message id once', async () => {
    const connector = await connectorFor(fake);
    const sms = { from: sender, to: connector.recipient, text: 'Twice', id: `replay-${connector.id}` };
    const first = await send(fake, sms);
    const second = await send(fake, sms);
    expect(first.status).toBeLessThan(300);
    expect(second.status).toBe(first.status);
    expect(await smsOf(connector)).toHaveLength(1);
  });

  it('refuses a text it cannot store (a NUL), says why in the log, and stores nothing', async () => {
    const connector = await connectorFor(fake);
    const answer = await send(fake, { from: sender, to: connector.recipient, text: 'before\u0000after' });
    const [line] = await deliveryLogOf(connector, 1);
    expect(line).toMatchObject({ outcome: 'refused', status: answer.status });
    expect(line!.reason).toContain('text');
    expect(await smsOf(connector)).toHaveLength(0);
  });

  it('is not found at another provider’s path, nor at /SMSReceiver', async () => {
    const connector = await connectorFor(fake);
    const other = fakeProviders().find((p) => p.provider !== fake.provider && p.signs)!;
    const elsewhere = await send(other, { from: sender, to: connector.recipient, text: 'Wrong door' });
    const generic = await rawRequest(server.url, {
      method: 'GET',
      path: `/SMSReceiver?receiver=${encodeURIComponent(connector.recipient)}&sender=${encodeURIComponent(sender)}&message=x`,
    });
    expect(generic.status).toBe(404);
    expect(elsewhere.status === 404 || (other.provider === 'cm' && elsewhere.status === 200)).toBe(true);
    expect(await smsOf(connector)).toHaveLength(0);
  });

  if (!fake.signs) return;

  it('refuses a wrong or missing signature when it enforces, and stores nothing', async () => {
    const connector = await connectorFor(fake, 'enforce');
    const wrong = await send(
      fake,
      { from: sender, to: connector.recipient, text: 'Forged' },
      { origin: PUBLIC_URL, wrongSecret: true },
    );
    const missing = await send(
      fake,
      { from: sender, to: connector.recipient, text: 'Unsigned' },
      { origin: PUBLIC_URL, unsigned: true },
    );
    expect([wrong.status, missing.status].every(refusedStatus)).toBe(true);
    const logged = await deliveryLogOf(connector, 2, '?status=4xx');
    expect(logged.map((line) => line.outcome)).toEqual(['refused', 'refused']);
    expect(logged.map((line) => line.reason).join(' ')).toMatch(/signature/i);
    expect(JSON.stringify(logged)).not.toContain(fake.secret);
    if (fake.signsUrl) {
      // Signed over the socket's URL, not the public one the provider calls: not what a provider signs.
      const local = await send(fake, { from: sender, to: connector.recipient, text: 'Host' }, { origin: server.url });
      expect(local.status).toBeGreaterThanOrEqual(400);
    }
    expect(await smsOf(connector)).toHaveLength(0);
  });

  if (fake.signsTime)
    it('refuses a request signed ten minutes ago when it enforces', async () => {
      const connector = await connectorFor(fake, 'enforce');
      const stale = await send(
        fake,
        { from: sender, to: connector.recipient, text: 'Replayed later' },
        { origin: PUBLIC_URL, now: new Date(Date.now() - 10 * 60_000) },
      );
      expect(stale.status).toBeGreaterThanOrEqual(400);
      expect(await smsOf(connector)).toHaveLength(0);
    });

  it('accepts a wrong signature in log mode, and with the check off', async () => {
    const logging = await connectorFor(fake, 'log');
    const off = await connectorFor(fake, 'off');
    for (const connector of [logging, off]) {
      const answer = await send(
        fake,
        { from: sender, to: connector.recipient, text: 'Forged but let in' },
        { origin: PUBLIC_URL, wrongSecret: true },
      );
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      expect(await smsOf(connector)).toHaveLength(1);
    }
    const [accepted] = await deliveryLogOf(logging, 1);
    expect(accepted).toMatchObject({ outcome: 'accepted' });
    expect(accepted!.status).toBeLessThan(300);
    expect(accepted!.reason).toMatch(/^Signature check failed, accepted anyway/);
    const [plain] = await deliveryLogOf(off, 1);
    expect(plain).toMatchObject({ outcome: 'accepted', reason: 'Stored' });
  });
});

describe('a payload field that cannot be stored', () => {
  it('is refused as invalid, naming the fields, before anything is written', async () => {
    const fake = fakeProviders().find((p) => p.provider === 'twilio')!;
    const connector = await connectorFor(fake);
    // JSON carries a NUL as an escape that jsonb refuses: the check must look at the values.
    const answer = await send(fake, {
      from: sender,
      to: connector.recipient,
      text: 'Hi',
      extra: { FromCity: 'a\u0000b' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ field: 'fields' });
    expect(await smsOf(connector)).toHaveLength(0);
  });
});

describe('the delivery log of the receiver endpoints', () => {
  it('records a refused generic delivery with its token redacted, in the reader’s language', async () => {
    const created = await server.admin.post<Connector & { token: string }>('/api/connectors', {
      name: `generic ${uniqueNumber()}`,
      recipient: uniqueNumber(),
      routingType: 'direct_acd_group',
      acdGroupId: groupId,
      clientId,
    });
    const connector = created.body;
    const wrongToken = 'sbt_not-the-token-but-a-secret-all-the-same';
    const refused = await rawRequest(server.url, {
      method: 'GET',
      path: `/SMSReceiver?receiver=${encodeURIComponent(connector.recipient)}&sender=${encodeURIComponent(sender)}&message=hi&token=${wrongToken}`,
    });
    expect(refused.status).toBe(401);
    const [line] = await deliveryLogOf(connector, 1);
    expect(line).toMatchObject({ status: 401, outcome: 'refused', reason: 'The token is missing or wrong' });
    expect(line!.request.query).toMatchObject({ token: '[redacted]', message: 'hi' });
    expect(JSON.stringify(line)).not.toContain(wrongToken);
    expect(JSON.stringify(line)).not.toContain(created.body.token);

    const german = await fetch(`${server.url}/api/connectors/${connector.id}/deliveries`, {
      headers: { ...server.admin.authHeaders(), 'accept-language': 'de' },
    });
    const inGerman = (await german.json()) as { items: LoggedAttempt[] };
    expect(inGerman.items[0]!.reason).toBe('Das Token fehlt oder ist falsch');
  });

  it('shows system admins the deliveries to numbers no connector has', async () => {
    const nobody = uniqueNumber();
    const fake = fakeProviders()[0]!;
    const answer = await send(fake, { from: sender, to: nobody, text: 'Anyone there?' });
    expect(answer.status).toBe(404);
    const unmatched = await waitFor('the unmatched delivery', async () => {
      const page = await server.admin.get<{ items: LoggedAttempt[] }>('/api/delivery-log/unmatched');
      return page.body.items.find((line) => line.reason.includes(nobody));
    });
    expect(unmatched).toMatchObject({ status: 404, outcome: 'refused' });
  });
});

describe('a multipart SMS from Vonage, part by part', () => {
  const vonage = fakeVonage();
  const parts = ['Guten Tag, ich warte seit drei Wochen ', 'auf meine Bestellung 4711 und ', 'bitte um Rückruf.'];
  const sendPart = (connector: Connector, ref: string, index: number) =>
    rawRequest(server.url, {
      ...vonage.deliverPart(
        { from: sender, to: connector.recipient, text: parts[index - 1]!, id: `${ref}-${index}` },
        { ref, total: 3, index },
        { origin: PUBLIC_URL },
      ),
    });

  it('is stored part by part and joined in part order once all are there, a repeated part ignored', async () => {
    const connector = await connectorFor(vonage);
    for (const index of [2, 3, 2, 1]) expect((await sendPart(connector, 'A1', index)).status).toBe(204);
    const [sms] = await waitFor('the joined SMS', async () => {
      const found = await smsOf(connector);
      return found.length > 0 ? found : undefined;
    });
    expect(sms).toMatchObject({ message: parts.join(''), parts: { total: 3, received: 3 } });
    expect((await sendPart(connector, 'A1', 3)).status).toBe(204);
    expect(await smsOf(connector)).toHaveLength(1);
    const logged = await deliveryLogOf(connector, 5);
    expect(logged.map((line) => line.outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'part_stored',
      'part_stored',
      'part_stored',
    ]);
  });

  it('is joined from what arrived once the window is over, marked incomplete, and routed', async () => {
    const connector = await connectorFor(vonage);
    for (const index of [1, 3]) expect((await sendPart(connector, 'B2', index)).status).toBe(204);
    expect(await smsOf(connector)).toHaveLength(0);
    await server.switchboard.partStore.sweep(new Date(Date.now() + (connector.multipartWindowSeconds + 1) * 1000));
    const [sms] = await smsOf(connector);
    expect(sms).toMatchObject({ message: parts[0]! + parts[2]!, parts: { total: 3, received: 2 } });
    const events = await server.admin.get<{ items: MediaEvent[] }>(`/api/media-events?smsId=${sms!.id}`);
    expect(events.body.items).toHaveLength(1);
  });
});
