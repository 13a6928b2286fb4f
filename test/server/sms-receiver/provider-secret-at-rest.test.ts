import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProviderSecret, sealStoredProviderSecrets } from '../../../server/connectors/provider-secret';
import { parseSecretKey } from '../../../server/sms-sender/credential-cipher';
import { ConnectorCache } from '../../../server/sms-receiver/connector-cache';
import { fakeTwilio } from '../../support/fake-providers';
import { createAcdGroup, createTenant, uniqueNumber, type Connector } from '../../support/fixtures';
import { rawRequest } from '../../support/raw-request';
import { useTestServer } from '../../support/test-server';

// A receive connector's provider secret (Twilio's auth token here) is kept encrypted under
// SWITCHBOARD_SECRET_KEY, and still checks the provider's signatures.

const keyText = randomBytes(32).toString('base64');
const key = parseSecretKey(keyText);
const server = useTestServer({ env: { SWITCHBOARD_SECRET_KEY: keyText } });
const twilio = fakeTwilio();
let clientId: string;
let groupId: string;

beforeAll(async () => {
  clientId = (await createTenant(server.admin)).clientId;
  groupId = (await createAcdGroup(server.admin, { name: 'Secrets', clientId })).id;
});

async function twilioConnector(): Promise<Connector> {
  const created = await server.admin.post<Connector>('/api/connectors', {
    name: `Twilio ${uniqueNumber()}`,
    recipient: uniqueNumber(),
    requireToken: false,
    routingType: 'direct_acd_group',
    acdGroupId: groupId,
    subject: 'SMS',
    clientId,
    provider: 'twilio',
    providerSecret: twilio.secret,
  });
  expect(created.status).toBe(201);
  return created.body;
}

const storedSecret = async (id: string) =>
  (
    await sql<{ provider_secret: string }>`select provider_secret from sms_connector where id = ${id}`.execute(
      server.switchboard.database.db,
    )
  ).rows[0]!.provider_secret;

const deliver = (connector: Connector) =>
  rawRequest(
    server.url,
    twilio.deliver({ from: '+4915112345678', to: connector.recipient, text: 'Hallo' }, { origin: server.url }),
  );

/** A change through the API, so that every instance's connector cache reloads. */
const touch = (connector: Connector) =>
  server.admin.patch(`/api/connectors/${connector.id}`, { name: `Twilio ${uniqueNumber()}` });

describe('a provider secret at rest', () => {
  it('is stored encrypted, and a signed delivery is still accepted', async () => {
    const connector = await twilioConnector();
    const stored = await storedSecret(connector.id);
    expect(stored.startsWith('v1:')).toBe(true);
    expect(stored).not.toContain(twilio.secret);
    expect(openProviderSecret(key, stored)).toEqual({ secret: twilio.secret });
    expect((await deliver(connector)).status).toBe(200);
  });

  it('keeps the check as it is when the same secret is entered again', async () => {
    const connector = await twilioConnector();
    await server.admin.patch(`/api/connectors/${connector.id}`, { signatureCheck: 'log' });
    const again = await server.admin.patch<Connector>(`/api/connectors/${connector.id}`, {
      providerSecret: twilio.secret,
    });
    expect(again.body.signatureCheck).toBe('log');
  });

  it('as entered before a key was set, is encrypted at start and still checks signatures', async () => {
    const connector = await twilioConnector();
    const db = server.switchboard.database.db;
    await sql`update sms_connector set provider_secret = ${twilio.secret} where id = ${connector.id}`.execute(db);
    await touch(connector);
    expect((await deliver(connector)).status).toBe(200);

    expect(await sealStoredProviderSecrets(db, key)).toBeGreaterThanOrEqual(1);
    expect(await sealStoredProviderSecrets(db, key)).toBe(0);
    expect((await storedSecret(connector.id)).startsWith('v1:')).toBe(true);
    await touch(connector);
    expect((await deliver(connector)).status).toBe(200);
  });

  it('is unreadable to a process without the key, which says so instead of checking with nothing', async () => {
    const connector = await twilioConnector();
    const keyless = new ConnectorCache(server.switchboard.database.db);
    await keyless.reload();
    expect(keyless.get(connector.recipient)).toMatchObject({ providerSecret: null, providerSecretUnreadable: true });
    const otherKey = parseSecretKey(randomBytes(32).toString('base64'));
    expect(openProviderSecret(otherKey, await storedSecret(connector.id))).toHaveProperty('problem');
  });
});
