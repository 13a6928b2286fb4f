import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '../../../server/sms-sender/credential-cipher';
import { loadSendDriver } from '../../../server/sms-sender/load-send-driver';
import { gatewayTransport, startFakeSmsGateway, type FakeSmsGateway } from '../../support/fake-sms-gateway';
import { createSendConnector, createTenant, expectStatus } from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';

// From the admin API to the provider: a Twilio send connector stored over HTTP (its token
// encrypted), read back from the database and sent through to the fake gateway, which the
// client's allowed hosts let the SSRF guard reach.

const key = randomBytes(32).toString('base64');
const server = useTestServer({ env: { SWITCHBOARD_SECRET_KEY: key } });
let gateway: FakeSmsGateway;
let clientId: string;

beforeAll(async () => {
  gateway = await startFakeSmsGateway();
  clientId = (await createTenant(server.admin, { client: 'Outbound client' })).clientId;
});
afterAll(() => gateway.close());

describe('a stored send connector’s driver', () => {
  it('sends through the fake gateway once the client allows its host', async () => {
    const { baseUrl, transport } = gatewayTransport(gateway);
    const stored = await createSendConnector(server.admin, {
      clientId,
      driver: 'twilio',
      settings: { accountSid: gateway.twilio.accountSid, baseUrl },
      credentials: { authToken: gateway.twilio.authToken },
      defaultSender: '+4930999000',
      ratePerSecond: 3,
    });
    const options = { secretKey: parseSecretKey(key), network: transport.network };
    const sms = { to: '+491701112222', from: '+4930999000', text: 'Reply from the desk', reference: 'out-42' };

    const before = await loadSendDriver(server.switchboard.database.db, stored.id, options);
    expect(before).toMatchObject({ clientId, defaultSender: '+4930999000', ratePerSecond: 3 });
    // The client has not allowed the gateway's (private) host yet.
    expect(await before!.driver.send(sms)).toMatchObject({
      kind: 'failed',
      retryable: false,
      error: expect.stringContaining('allowed hosts'),
    });

    expectStatus(
      await server.admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: ['gateway.test'] }),
      200,
      'allowing the gateway',
    );
    const after = await loadSendDriver(server.switchboard.database.db, stored.id, options);
    const result = await after!.driver.send(sms);
    expect(result).toMatchObject({ kind: 'sent', providerMessageId: expect.stringMatching(/^SM/) });
    expect(gateway.received.at(-1)!.fields).toMatchObject({ To: sms.to, Body: sms.text });
  });

  it('is undefined for a connector that does not exist', async () => {
    const options = { secretKey: parseSecretKey(key) };
    expect(await loadSendDriver(server.switchboard.database.db, '0190c8e2-0000-7000-8000-000000000000', options)).toBe(
      undefined,
    );
  });
});
