import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createDirectConnector,
  createSendConnector,
  createTenantWithUsers,
  SecretLedger,
  uniqueName,
  type SendConnector,
  type Tenant,
} from '../../support/fixtures';

// SMS send connectors through the admin API over real HTTP: managed like receive connectors,
// credentials encrypted with SWITCHBOARD_SECRET_KEY and never answered, templates checked at save.

const secretKey = randomBytes(32).toString('base64');
const server = useTestServer({ env: { SWITCHBOARD_SECRET_KEY: secretKey } });
const secrets = new SecretLedger(ADMIN_PASSWORD, secretKey);
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenantWithUsers(server.admin, 'Send A', secrets);
  b = await createTenantWithUsers(server.admin, 'Send B', secrets);
});

const twilioSid = `AC${randomBytes(16).toString('hex')}`;

function create(body: Record<string, unknown>, as = server.admin) {
  return as.post<SendConnector & { error?: string; field?: string }>('/api/send-connectors', {
    name: uniqueName('Sender'),
    clientId: a.clientId,
    ...body,
  });
}

const storedRow = (id: string) =>
  server.switchboard.database.db
    .selectFrom('sms_send_connector')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('send connectors', () => {
  it('are created, listed, read, changed and deleted', async () => {
    const created = await create({
      driver: 'twilio',
      settings: { accountSid: twilioSid },
      credentials: { authToken: secrets.add(`tw-${randomBytes(12).toString('hex')}`) },
      defaultSender: '+49 30 1234567',
      ratePerSecond: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      clientId: a.clientId,
      driver: 'twilio',
      settings: { accountSid: twilioSid },
      hasCredentials: true,
      defaultSender: '+49301234567',
      ratePerSecond: 5,
    });
    const id = created.body.id;
    expect((await server.admin.get(`/api/send-connectors/${id}`)).body).toEqual(created.body);
    const list = await a.clientAdmin.api.get<{ items: SendConnector[] }>(`/api/send-connectors?clientId=${a.clientId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.id)).toContain(id);

    const changed = await a.resellerAdmin.api.patch<SendConnector>(`/api/send-connectors/${id}`, {
      name: 'Twilio renamed',
      defaultSender: 'Acme',
      ratePerSecond: 1000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Twilio renamed',
      defaultSender: 'Acme',
      ratePerSecond: 1000,
      hasCredentials: true,
    });

    const deleted = await a.resellerAdmin.api.delete(`/api/send-connectors/${id}`);
    expect(deleted.status).toBe(204);
    expect((await server.admin.get(`/api/send-connectors/${id}`)).status).toBe(404);
  });

  it('keeps credentials write-only and stores them encrypted, not as given', async () => {
    const token = secrets.add(`plivo-token-${randomBytes(12).toString('hex')}`);
    const created = await create({
      driver: 'plivo',
      settings: { authId: 'MAXXXXXXXXXXXXXXXXXX' },
      credentials: { authToken: token },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const row = await storedRow(id);
    expect(row.credentials_encrypted).toMatch(/^v1:/);
    expect(row.credentials_encrypted).not.toContain(token);
    expect(row.credentials_encrypted).not.toContain(Buffer.from(token).toString('base64'));
    // The same credentials again are encrypted under a new IV.
    await server.admin.patch(`/api/send-connectors/${id}`, { credentials: { authToken: token } });
    expect((await storedRow(id)).credentials_encrypted).not.toBe(row.credentials_encrypted);

    const answers = [
      created.body,
      (await server.admin.get(`/api/send-connectors/${id}`)).body,
      (await server.admin.get(`/api/send-connectors?clientId=${a.clientId}`)).body,
      (await server.admin.get(`/api/audit-log?entityId=${id}`)).body,
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(token);
    expect(JSON.stringify(answers[3])).toContain('hasCredentials');

    const removed = await server.admin.patch<SendConnector>(`/api/send-connectors/${id}`, { credentials: null });
    expect(removed.body.hasCredentials).toBe(false);
    expect((await storedRow(id)).credentials_encrypted).toBeNull();
  });

  it('refuses incomplete credentials and settings, naming the field', async () => {
    const noSecret = await create({ driver: 'vonage', credentials: { apiKey: 'key' } });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.field).toBe('credentials.apiSecret');
    const badSid = await create({ driver: 'twilio', settings: { accountSid: 'nope' } });
    expect(badSid.status).toBe(400);
    expect(badSid.body.field).toBe('settings.accountSid');
    expect(badSid.body.error).toContain('AC and 32 hex digits');
    const badRate = await create({ driver: 'vonage', ratePerSecond: 0 });
    expect([badRate.status, badRate.body.field]).toEqual([400, 'ratePerSecond']);
    const badSender = await create({ driver: 'vonage', defaultSender: 'far too long a name' });
    expect([badSender.status, badSender.body.field]).toEqual([400, 'defaultSender']);
  });

  it('checks the generic HTTP driver’s templates when saved', async () => {
    const http = (settings: Record<string, unknown>) => create({ driver: 'http', settings });
    const unknown = await http({ url: 'https://sms.example.com/send?to={{to}}&x={{secret}}' });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'settings.url']);
    expect(unknown.body.error).toContain('{{secret}}');
    const inHost = await http({ url: 'https://{{to}}.example.com/send' });
    expect([inHost.status, inHost.body.field]).toEqual([400, 'settings.url']);
    expect(inHost.body.error).toContain('host');
    const inScheme = await http({ url: '{{text}}://example.com/' });
    expect([inScheme.status, inScheme.body.field]).toEqual([400, 'settings.url']);
    const inHeader = await http({ url: 'https://sms.example.com/', headers: { 'X-Text': '{{txt}}' } });
    expect([inHeader.status, inHeader.body.field]).toEqual([400, 'settings.headers.X-Text']);
    const inBody = await http({ url: 'https://sms.example.com/', body: '{"text":"{{body}}"}' });
    expect([inBody.status, inBody.body.field]).toEqual([400, 'settings.body']);
    const notJson = await http({ url: 'https://sms.example.com/', body: '{"text":{{text}}}' });
    expect([notJson.status, notJson.body.field]).toEqual([400, 'settings.body']);
    const badPath = await http({ url: 'https://sms.example.com/', messageIdPath: 'a..b' });
    expect([badPath.status, badPath.body.field]).toEqual([400, 'settings.messageIdPath']);

    const good = await http({
      method: 'POST',
      url: 'https://sms.example.com/send/{{reference}}?to={{to}}',
      headers: { 'X-From': '{{from}}' },
      body: 'to={{to}}&text={{text}}',
      bodyType: 'form',
      messageIdPath: 'messages.0.id',
    });
    expect(good.status).toBe(201);
    expect(good.body.settings).toEqual({
      method: 'POST',
      url: 'https://sms.example.com/send/{{reference}}?to={{to}}',
      headers: { 'X-From': '{{from}}' },
      body: 'to={{to}}&text={{text}}',
      bodyType: 'form',
      messageIdPath: 'messages.0.id',
    });
  });

  it('are for system and reseller admins to change; client admins read them', async () => {
    const own = await createSendConnector(server.admin, { clientId: a.clientId });
    expect((await a.clientAdmin.api.get(`/api/send-connectors/${own.id}`)).status).toBe(200);
    expect((await create({ driver: 'vonage' }, a.clientAdmin.api)).status).toBe(403);
    expect((await a.clientAdmin.api.patch(`/api/send-connectors/${own.id}`, { name: 'x' })).status).toBe(403);
    expect((await a.agent.api.get(`/api/send-connectors/${own.id}`)).status).toBe(403);
  });

  it('are not seen or touched by another reseller or client', async () => {
    const own = await createSendConnector(server.admin, { clientId: a.clientId });
    // A client admin may not write at all (403 whatever the object); a reseller admin finds nothing.
    for (const [stranger, writes] of [
      [b.resellerAdmin.api, 404],
      [b.clientAdmin.api, 403],
    ] as const) {
      expect((await stranger.get(`/api/send-connectors/${own.id}`)).status).toBe(404);
      expect((await stranger.patch(`/api/send-connectors/${own.id}`, { name: 'taken over' })).status).toBe(writes);
      expect((await stranger.delete(`/api/send-connectors/${own.id}`)).status).toBe(writes);
      const list = await stranger.get<{ items: SendConnector[] }>('/api/send-connectors');
      expect(list.body.items.map((item) => item.id)).not.toContain(own.id);
      expect((await stranger.get(`/api/send-connectors?clientId=${a.clientId}`)).status).toBe(404);
    }
    const intoA = await create({ driver: 'vonage', clientId: a.clientId }, b.resellerAdmin.api);
    expect(intoA.status).toBe(404);
    expect((await server.admin.get(`/api/send-connectors/${own.id}`)).body).toEqual(own);
  });

  it('changes driver only with the new driver’s settings, dropping the old credentials', async () => {
    const created = await create({
      driver: 'vonage',
      credentials: { apiKey: 'key', apiSecret: secrets.add(`vonage-${randomBytes(8).toString('hex')}`) },
    });
    const id = created.body.id;
    const missing = await server.admin.patch<{ field: string }>(`/api/send-connectors/${id}`, { driver: 'twilio' });
    expect([missing.status, missing.body.field]).toEqual([400, 'settings.accountSid']);
    const changed = await server.admin.patch<SendConnector>(`/api/send-connectors/${id}`, {
      driver: 'twilio',
      settings: { accountSid: twilioSid },
    });
    expect(changed.body).toMatchObject({
      driver: 'twilio',
      settings: { accountSid: twilioSid },
      hasCredentials: false,
    });
    const unknown = await server.admin.patch<{ field: string }>(`/api/send-connectors/${id}`, {
      settings: { accountSid: twilioSid, extra: 1 },
    });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'settings.extra']);
  });

  it('refuses a second connector of the same name in a client', async () => {
    const name = uniqueName('Twice');
    expect((await create({ name, driver: 'vonage' })).status).toBe(201);
    const again = await create({ name, driver: 'vonage' });
    expect([again.status, again.body.field]).toEqual([409, 'name']);
    expect((await create({ name, driver: 'vonage', clientId: b.clientId })).status).toBe(201);
  });
});

describe('a receive connector’s send connector', () => {
  it('is one of its own client, and one in use is not deleted', async () => {
    const group = await createAcdGroup(server.admin, { name: uniqueName('Replies'), clientId: a.clientId });
    const sender = await createSendConnector(server.admin, { clientId: a.clientId, name: uniqueName('Replies via') });
    const foreign = await createSendConnector(server.admin, { clientId: b.clientId });
    const receiver = await createDirectConnector(server.admin, { clientId: a.clientId, acdGroupId: group.id });
    expect(receiver.sendConnectorId).toBeNull();

    const wrong = await server.admin.patch<{ field: string; error: string }>(`/api/connectors/${receiver.id}`, {
      sendConnectorId: foreign.id,
    });
    expect([wrong.status, wrong.body.field]).toEqual([400, 'sendConnectorId']);
    expect(wrong.body.error).toContain('not a send connector of this client');

    const linked = await server.admin.patch<{ sendConnectorId: string }>(`/api/connectors/${receiver.id}`, {
      sendConnectorId: sender.id,
    });
    expect([linked.status, linked.body.sendConnectorId]).toEqual([200, sender.id]);

    const refused = await server.admin.delete<{ error: string; usedBy: unknown[] }>(
      `/api/send-connectors/${sender.id}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain(receiver.name);
    expect(refused.body.usedBy).toEqual([
      { kind: 'connector', id: receiver.id, name: receiver.name, usage: 'send_connector' },
    ]);

    await server.admin.patch(`/api/connectors/${receiver.id}`, { sendConnectorId: null });
    expect((await server.admin.delete(`/api/send-connectors/${sender.id}`)).status).toBe(204);
  });

  it('never puts a credential into the server’s log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});

describe('without SWITCHBOARD_SECRET_KEY', () => {
  const keyless = useTestServer();
  let clientId: string;
  beforeAll(async () => {
    clientId = (await createTenantWithUsers(keyless.admin, 'Keyless')).clientId;
  });

  it('refuses to store credentials, saying why, and stores a connector without them', async () => {
    const refused = await keyless.admin.post<{ error: string; field: string }>('/api/send-connectors', {
      name: 'With token',
      clientId,
      driver: 'twilio',
      settings: { accountSid: twilioSid },
      credentials: { authToken: 'secret-token' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.field).toBe('credentials');
    expect(refused.body.error).toContain('SWITCHBOARD_SECRET_KEY is not set');
    const stored = await keyless.admin.post<SendConnector>('/api/send-connectors', {
      name: 'Without token',
      clientId,
      driver: 'twilio',
      settings: { accountSid: twilioSid },
    });
    expect(stored.status).toBe(201);
    expect(stored.body.hasCredentials).toBe(false);
    const patched = await keyless.admin.patch(`/api/send-connectors/${stored.body.id}`, {
      credentials: { authToken: 'secret-token' },
    });
    expect(patched.status).toBe(422);
  });
});
