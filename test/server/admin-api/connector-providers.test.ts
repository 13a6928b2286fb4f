import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createTenant,
  deliverRaw,
  SecretLedger,
  uniqueName,
  uniqueNumber,
  type Connector,
} from '../../support/fixtures';

// A connector's provider settings through the admin API: the secret is write-only, the signature
// check follows it, and a check that cannot work is refused naming the field.

const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);
let clientId: string;
let groupId: string;

beforeAll(async () => {
  clientId = (await createTenant(server.admin, { reseller: 'Provider reseller', client: 'Provider client' })).clientId;
  groupId = (await createAcdGroup(server.admin, { name: 'Provider line', clientId })).id;
});

function createConnector(body: Record<string, unknown>) {
  return server.admin.post<Connector & { token: string }>('/api/connectors', {
    name: uniqueName('Provider connector'),
    recipient: uniqueNumber(),
    routingType: 'direct_acd_group',
    acdGroupId: groupId,
    clientId,
    ...body,
  });
}

const patch = (id: string, body: Record<string, unknown>) =>
  server.admin.patch<Connector>(`/api/connectors/${id}`, body);

describe('a connector’s provider', () => {
  it('is generic by default, answering at /SMSReceiver with no signature check', async () => {
    const created = await createConnector({});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      provider: 'generic',
      hasProviderSecret: false,
      signatureCheck: 'off',
      multipartWindowSeconds: 300,
      webhookPath: '/SMSReceiver',
    });
  });

  it('keeps its secret write-only and enforces signatures once one is set', async () => {
    const secret = secrets.add(`twilio-auth-${uniqueName('token')}`);
    const created = await createConnector({ provider: 'twilio', providerSecret: secret });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      provider: 'twilio',
      hasProviderSecret: true,
      signatureCheck: 'enforce',
      webhookPath: '/SMSReceiver/twilio',
    });
    const id = created.body.id;
    const answers = [
      created.body,
      (await server.admin.get(`/api/connectors/${id}`)).body,
      (await server.admin.get(`/api/connectors?clientId=${clientId}`)).body,
      (await server.admin.get(`/api/audit-log?entityId=${id}`)).body,
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(secret);
    expect(JSON.stringify(answers[3])).toContain('hasProviderSecret');
  });

  it('names the number in Bird’s webhook URL, whose payload does not carry it', async () => {
    const created = await createConnector({ provider: 'bird' });
    expect(created.status).toBe(201);
    expect(created.body.webhookPath).toBe(`/SMSReceiver/bird?receiver=${encodeURIComponent(created.body.recipient)}`);
  });

  it('has no check without a secret, and turns the check off when the secret is removed', async () => {
    const created = await createConnector({ provider: 'vonage' });
    expect(created.body).toMatchObject({ provider: 'vonage', hasProviderSecret: false, signatureCheck: 'off' });
    const withSecret = await patch(created.body.id, { providerSecret: secrets.add('vonage-signature-secret-1') });
    expect(withSecret.body).toMatchObject({ hasProviderSecret: true, signatureCheck: 'enforce' });
    const logging = await patch(created.body.id, { signatureCheck: 'log' });
    expect(logging.body).toMatchObject({ hasProviderSecret: true, signatureCheck: 'log' });
    const renamed = await patch(created.body.id, { name: uniqueName('Renamed') });
    expect(renamed.body).toMatchObject({ hasProviderSecret: true, signatureCheck: 'log' });
    const removed = await patch(created.body.id, { providerSecret: null });
    expect(removed.body).toMatchObject({ hasProviderSecret: false, signatureCheck: 'off' });
  });

  it.each([
    ['a check without a secret', { provider: 'telnyx', signatureCheck: 'enforce' }, 'providerSecret'],
    ['a logging check without a secret', { provider: 'sinch', signatureCheck: 'log' }, 'providerSecret'],
    ['a secret on the generic path', { providerSecret: 'secret-for-nothing' }, 'providerSecret'],
    ['a check on the generic path', { signatureCheck: 'log' }, 'signatureCheck'],
    ['an unknown provider', { provider: 'carrier-pigeon' }, 'provider'],
    ['a multipart window under 10 s', { provider: 'vonage', multipartWindowSeconds: 5 }, 'multipartWindowSeconds'],
  ])('refuses %s naming the field', async (_what, body, field) => {
    const refused = await createConnector(body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field });
  });

  it('refuses to remove the secret of a connector that enforces signatures only together with the check', async () => {
    const created = await createConnector({ provider: 'plivo', providerSecret: secrets.add('plivo-auth-token-2') });
    const refused = await patch(created.body.id, { providerSecret: null, signatureCheck: 'enforce' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'providerSecret' });
    expect((await server.admin.get<Connector>(`/api/connectors/${created.body.id}`)).body.hasProviderSecret).toBe(true);
  });

  it('is not found at /SMSReceiver once its provider is a native one', async () => {
    const recipient = uniqueNumber();
    const created = await createConnector({ provider: 'twilio', recipient, requireToken: false });
    expect(created.status).toBe(201);
    const answer = await deliverRaw(server.url, { receiver: recipient, sender: '+4915112345678', message: 'Hi' });
    expect(answer.status).toBe(404);
  });

  it('never writes a secret to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});

describe('a client’s default country', () => {
  it('reads a national receiver and sender number in that country', async () => {
    const { clientId: germanClient } = await createTenant(server.admin, {
      reseller: uniqueName('German reseller'),
      client: uniqueName('German client'),
    });
    const set = await server.admin.patch(`/api/clients/${germanClient}`, { defaultCountry: 'de' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ defaultCountry: 'DE' });
    const group = (await createAcdGroup(server.admin, { name: 'German line', clientId: germanClient })).id;
    const connector = await server.admin.post<Connector>('/api/connectors', {
      name: uniqueName('German number'),
      recipient: '+4930987650001',
      requireToken: false,
      routingType: 'direct_acd_group',
      acdGroupId: group,
      clientId: germanClient,
    });
    expect(connector.status).toBe(201);

    const answer = await deliverRaw(server.url, {
      receiver: '030 98765 0001',
      sender: '0170 1234567',
      message: 'Hallo',
    });
    expect(answer.status).toBe(200);
    const sms = await server.admin.get(`/api/sms/${answer.body.id}`);
    expect(sms.status).toBe(200);
    expect(sms.body).toMatchObject({
      sender: '0170 1234567',
      senderNormalized: '+491701234567',
      receiver: '030 98765 0001',
      receiverNormalized: '+4930987650001',
    });
  });

  it('refuses a country that is none', async () => {
    const { clientId: someClient } = await createTenant(server.admin, {
      reseller: uniqueName('Reseller'),
      client: uniqueName('Client'),
    });
    const refused = await server.admin.patch(`/api/clients/${someClient}`, { defaultCountry: 'XX' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'defaultCountry' });
  });
});
