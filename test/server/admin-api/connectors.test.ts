import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createClient,
  createTenant,
  deliver,
  deliverRaw,
  expectStatus,
  mediaEventOf,
  SecretLedger,
  uniqueName,
  uniqueNumber,
} from '../../support/fixtures';

const server = useTestServer();
let clientId: string;
let groupId: string;
let secondGroupId: string;
let foreignGroupId: string;
let applicationId: string;
let foreignApplicationId: string;
const secrets = new SecretLedger(ADMIN_PASSWORD);

beforeAll(async () => {
  const tenant = await createTenant(server.admin, { reseller: 'Connector reseller', client: 'Connector client' });
  clientId = tenant.clientId;
  const otherClientId = (await createClient(server.admin, tenant.resellerId, { name: 'Other client' })).id;
  groupId = (await createAcdGroup(server.admin, { name: 'First line', clientId })).id;
  secondGroupId = (await createAcdGroup(server.admin, { name: 'Second line', clientId })).id;
  foreignGroupId = (await createAcdGroup(server.admin, { name: 'Foreign', clientId: otherClientId })).id;
  applicationId = await createApplication('Triage', clientId);
  foreignApplicationId = await createApplication('Foreign', otherClientId);
});

async function createConnector(body: Record<string, unknown> = {}) {
  const response = await server.admin.post('/api/connectors', {
    name: uniqueName('Connector'),
    recipient: uniqueNumber(),
    routingType: 'direct_acd_group',
    acdGroupId: groupId,
    subject: 'Customer SMS',
    clientId,
    ...body,
  });
  if (response.status === 201) secrets.add(response.body.token);
  return response;
}

async function createApplication(name: string, client: string): Promise<string> {
  const response = await server.admin.post<{ id: string }>('/api/routing-applications', { name, clientId: client });
  return expectStatus(response, 201, `creating routing application ${name}`).id;
}

describe('POST /api/connectors', () => {
  it('answers the connector with its token in full, once', async () => {
    const recipient = uniqueNumber();
    const response = await createConnector({ name: 'Hotline', recipient });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      clientId,
      name: 'Hotline',
      recipient,
      requireToken: true,
      routingType: 'direct_acd_group',
      acdGroupId: groupId,
      subject: 'Customer SMS',
      token: expect.any(String),
    });
  });

  it('generates tokens of at least 128 bits from a URL-safe alphabet', async () => {
    const tokens = [(await createConnector()).body.token, (await createConnector()).body.token] as string[];
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      // base64url carries 6 bits a character: 128 bits need 22 random characters, after any prefix.
      const random = token.replace(/^[a-z]+_/, '');
      expect(random.length).toBeGreaterThanOrEqual(22);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('never answers the token again, only tokenHint with its last 4 characters', async () => {
    const created = await createConnector();
    const token = created.body.token as string;
    const one = await server.admin.get(`/api/connectors/${created.body.id}`);
    expect(one.body).not.toHaveProperty('token');
    expect(one.body.tokenHint).toBe(token.slice(-4));
    expect(JSON.stringify(one.body)).not.toContain(token);
    const list = await server.admin.get(`/api/connectors?clientId=${clientId}&limit=200`);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const listed = list.body.items.find((c: { id: string }) => c.id === created.body.id);
    expect(listed.tokenHint).toBe(token.slice(-4));
    expect(listed).not.toHaveProperty('token');
  });

  it.each([
    ['0049 170 555', '+49170555'],
    ['+49 (170) 555-01', '+4917055501'],
    ['49.170.555.02', '+4917055502'],
  ])('normalises the recipient %s to E.164 %s', async (given, e164) => {
    const response = await createConnector({ recipient: given });
    expect(response.status).toBe(201);
    expect(response.body.recipient).toBe(e164);
    expect((await server.admin.get(`/api/connectors/${response.body.id}`)).body.recipient).toBe(e164);
  });

  it('answers 409 naming recipient when the recipient normalises to an existing one', async () => {
    const recipient = uniqueNumber();
    expect((await createConnector({ recipient })).status).toBe(201);
    const again = await createConnector({ recipient: `00${recipient.slice(1)}` });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: expect.any(String), field: 'recipient' });
  });

  it('answers 409 for a recipient another client has already', async () => {
    const recipient = uniqueNumber();
    expect((await createConnector({ recipient })).status).toBe(201);
    const elsewhere = await createTenant(server.admin, { reseller: uniqueName('R'), client: 'Elsewhere' });
    const again = await createConnector({ recipient, clientId: elsewhere.clientId, acdGroupId: undefined });
    expect(again.status).toBe(409);
    expect(again.body.field).toBe('recipient');
  });

  it.each(['DHL', 'call me maybe', '', '+49', '0123'])('answers 400 naming recipient for %j', async (recipient) => {
    const response = await createConnector({ recipient });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('recipient');
  });

  it("answers 400 naming acdGroupId for another client's ACD group", async () => {
    const response = await createConnector({ acdGroupId: foreignGroupId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('acdGroupId');
  });

  it('points a routing application connector at a routing application of its client', async () => {
    const response = await createConnector({
      routingType: 'routing_application',
      acdGroupId: undefined,
      routingApplicationId: applicationId,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      routingType: 'routing_application',
      routingApplicationId: applicationId,
      acdGroupId: null,
    });
  });

  it("answers 400 naming routingApplicationId for another client's routing application", async () => {
    const response = await createConnector({
      routingType: 'routing_application',
      acdGroupId: undefined,
      routingApplicationId: foreignApplicationId,
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('routingApplicationId');
  });

  it('answers 400 naming routingApplicationId when it is given for a Direct ACD Group connector', async () => {
    const response = await createConnector({ routingApplicationId: applicationId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('routingApplicationId');
  });

  it('answers 400 naming acdGroupId when it is given for a routing application connector', async () => {
    const response = await createConnector({ routingType: 'routing_application', acdGroupId: groupId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('acdGroupId');
  });

  it.each([
    ['routingType', { routingType: 'email' }],
    ['requireToken', { requireToken: 'yes' }],
    ['name', { name: '' }],
    ['acdGroupId', { acdGroupId: 'first-line' }],
    ['token', { token: 'my-own-token-please' }],
  ])('answers 400 naming %s', async (field, body) => {
    const response = await createConnector(body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('saves a connector without target, which then answers 502 to providers', async () => {
    const recipient = uniqueNumber();
    const response = await createConnector({ recipient, acdGroupId: undefined });
    expect(response.status).toBe(201);
    expect(response.body.acdGroupId).toBeNull();
    const delivered = await deliverRaw(server.url, { receiver: recipient, token: response.body.token });
    expect(delivered.status).toBe(502);
    expect(delivered.body.error).toEqual(expect.any(String));
  });

  it('accepts deliveries without token when the connector does not require one', async () => {
    const recipient = uniqueNumber();
    const response = await createConnector({ recipient, requireToken: false });
    expect(response.body.requireToken).toBe(false);
    expect((await deliverRaw(server.url, { receiver: recipient })).status).toBe(200);
  });

  it('refuses deliveries without or with a wrong token when it requires one', async () => {
    const recipient = uniqueNumber();
    const response = await createConnector({ recipient });
    expect((await deliverRaw(server.url, { receiver: recipient })).status).toBe(401);
    expect((await deliverRaw(server.url, { receiver: recipient, token: 'sbt_wrong' })).status).toBe(401);
    expect((await deliverRaw(server.url, { receiver: recipient, token: response.body.token })).status).toBe(200);
  });
});

describe('POST /api/connectors/:id/token', () => {
  it('answers a new token; the old one gets 401 at once and the new one 200', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient });
    const oldToken = created.body.token as string;
    expect((await deliverRaw(server.url, { receiver: recipient, token: oldToken })).status).toBe(200);

    const rotated = await server.admin.post(`/api/connectors/${created.body.id}/token`);
    expect(rotated.status).toBe(200);
    const newToken = secrets.add(rotated.body.token);
    expect(newToken).not.toBe(oldToken);
    expect(rotated.body.tokenHint).toBe(newToken.slice(-4));

    const withOld = await deliverRaw(server.url, { receiver: recipient, token: oldToken });
    expect(withOld.status).toBe(401);
    expect(withOld.body.field).toBe('token');
    expect((await deliverRaw(server.url, { receiver: recipient, token: newToken })).status).toBe(200);
  });

  it('shows the new hint afterwards and never the new token', async () => {
    const created = await createConnector();
    const rotated = await server.admin.post(`/api/connectors/${created.body.id}/token`);
    const newToken = secrets.add(rotated.body.token);
    const one = await server.admin.get(`/api/connectors/${created.body.id}`);
    expect(one.body.tokenHint).toBe(newToken.slice(-4));
    expect(JSON.stringify(one.body)).not.toContain(newToken);
  });

  it('answers 404 for an unknown connector', async () => {
    const response = await server.admin.post('/api/connectors/00000000-0000-4000-8000-000000000000/token');
    expect(response.status).toBe(404);
  });
});

describe('PATCH /api/connectors/:id', () => {
  it('changes the ACD group and subject new SMS are routed with', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient, subject: 'Before' });
    const token = created.body.token as string;
    const first = await deliver(server.url, { receiver: recipient, token });
    expect(await mediaEventOf(server.admin, first)).toMatchObject({ acdGroupId: groupId, subject: 'Before' });

    const patched = await server.admin.patch(`/api/connectors/${created.body.id}`, {
      acdGroupId: secondGroupId,
      subject: 'After',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ acdGroupId: secondGroupId, subject: 'After' });
    expect(patched.body).not.toHaveProperty('token');

    const second = await deliver(server.url, { receiver: recipient, token });
    expect(await mediaEventOf(server.admin, second)).toMatchObject({ acdGroupId: secondGroupId, subject: 'After' });
  });

  it('gives a connector without target one, after which it accepts SMS', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient, acdGroupId: undefined });
    const token = created.body.token as string;
    expect((await deliverRaw(server.url, { receiver: recipient, token })).status).toBe(502);
    expect((await server.admin.patch(`/api/connectors/${created.body.id}`, { acdGroupId: groupId })).status).toBe(200);
    expect((await deliverRaw(server.url, { receiver: recipient, token })).status).toBe(200);
  });

  it('takes the target away with acdGroupId null: 502 afterwards', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient });
    const token = created.body.token as string;
    expect((await server.admin.patch(`/api/connectors/${created.body.id}`, { acdGroupId: null })).status).toBe(200);
    expect((await deliverRaw(server.url, { receiver: recipient, token })).status).toBe(502);
  });

  it('switches the routing type, dropping the target of the other type', async () => {
    const created = await createConnector();
    const patched = await server.admin.patch(`/api/connectors/${created.body.id}`, {
      routingType: 'routing_application',
      routingApplicationId: applicationId,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      routingType: 'routing_application',
      routingApplicationId: applicationId,
      acdGroupId: null,
    });
  });

  it("answers 400 naming routingApplicationId when pointing at another client's routing application", async () => {
    const created = await createConnector();
    const response = await server.admin.patch(`/api/connectors/${created.body.id}`, {
      routingType: 'routing_application',
      routingApplicationId: foreignApplicationId,
    });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('routingApplicationId');
    expect((await server.admin.get(`/api/connectors/${created.body.id}`)).body.routingType).toBe('direct_acd_group');
  });

  it('moves the connector to a new recipient number', async () => {
    const oldNumber = uniqueNumber();
    const newNumber = uniqueNumber();
    const created = await createConnector({ recipient: oldNumber });
    const token = created.body.token as string;
    const patched = await server.admin.patch(`/api/connectors/${created.body.id}`, {
      recipient: `00${newNumber.slice(1)}`,
    });
    expect(patched.body.recipient).toBe(newNumber);
    expect((await deliverRaw(server.url, { receiver: newNumber, token })).status).toBe(200);
    expect((await deliverRaw(server.url, { receiver: oldNumber, token })).status).toBe(404);
  });

  it('answers 409 naming recipient when changing to a number another connector has', async () => {
    const taken = uniqueNumber();
    await createConnector({ recipient: taken });
    const created = await createConnector();
    const response = await server.admin.patch(`/api/connectors/${created.body.id}`, { recipient: taken });
    expect(response.status).toBe(409);
    expect(response.body.field).toBe('recipient');
  });

  it("answers 400 naming acdGroupId for another client's ACD group", async () => {
    const created = await createConnector();
    const response = await server.admin.patch(`/api/connectors/${created.body.id}`, { acdGroupId: foreignGroupId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('acdGroupId');
    expect((await server.admin.get(`/api/connectors/${created.body.id}`)).body.acdGroupId).toBe(groupId);
  });

  it('answers 400 naming clientId: a connector never moves between clients', async () => {
    const created = await createConnector();
    const response = await server.admin.patch(`/api/connectors/${created.body.id}`, { clientId });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('clientId');
  });
});

describe('DELETE /api/connectors/:id', () => {
  it('deletes the connector: 404 afterwards, also at /SMSReceiver', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient });
    expect((await server.admin.delete(`/api/connectors/${created.body.id}`)).status).toBe(204);
    expect((await server.admin.get(`/api/connectors/${created.body.id}`)).status).toBe(404);
    expect((await server.admin.delete(`/api/connectors/${created.body.id}`)).status).toBe(404);
    expect((await deliverRaw(server.url, { receiver: recipient, token: created.body.token })).status).toBe(404);
  });

  it('keeps the SMS it received readable in /api/sms', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient });
    const delivered = await deliverRaw(server.url, {
      receiver: recipient,
      token: created.body.token,
      message: 'Keep me',
    });
    expect(delivered.status).toBe(200);

    await server.admin.delete(`/api/connectors/${created.body.id}`);

    const sms = await server.admin.get(`/api/sms/${delivered.body.id}`);
    expect(sms.status).toBe(200);
    expect(sms.body).toMatchObject({ id: delivered.body.id, clientId, message: 'Keep me' });
    const list = await server.admin.get(`/api/sms?clientId=${clientId}&limit=200`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(delivered.body.id);
  });

  it('frees the recipient number for a new connector', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ recipient });
    await server.admin.delete(`/api/connectors/${created.body.id}`);
    const again = await createConnector({ recipient });
    expect(again.status).toBe(201);
    expect((await deliverRaw(server.url, { receiver: recipient, token: again.body.token })).status).toBe(200);
  });
});

describe('GET /api/connectors', () => {
  it('pages with limit and cursor', async () => {
    for (let i = 0; i < 3; i++) await createConnector();
    const first = await server.admin.get(`/api/connectors?clientId=${clientId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await server.admin.get(
      `/api/connectors?clientId=${clientId}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.status).toBe(200);
    const firstIds = first.body.items.map((c: { id: string }) => c.id);
    for (const item of second.body.items) expect(firstIds).not.toContain(item.id);
  });

  it('answers 400 naming limit for a limit over 200', async () => {
    const response = await server.admin.get('/api/connectors?limit=201');
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('limit');
  });
});

describe('secrets', () => {
  it('never writes a connector token or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
