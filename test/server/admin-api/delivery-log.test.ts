import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryAttempt, deliverySummary } from '../../../contract/delivery-log';
import { page } from '../../../contract/common';
import { sentence } from '../../../i18n/sentence';
import { DeliveryLogWriter } from '../../../server/delivery-log/delivery-log-writer';
import { deliveryRecord, refusal } from '../../delivery-log/records';
import {
  createAcdGroup,
  createDirectConnector,
  createTenantWithUsers,
  deliver,
  uniqueName,
  type Tenant,
} from '../../support/fixtures';
import { useTestServer } from '../../support/test-server';

const server = useTestServer();
let tenant: Tenant;
let foreign: Tenant;
let connectorId: string;
let quietConnectorId: string;
const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
/** A marker only this file's unmatched rows carry. */
const unmatchedAddress = `192.0.2.${Math.floor(Math.random() * 250)}`;

/** Rows go in as the receiver writes them: through a writer on the server's database. */
async function recordAll(entries: Parameters<DeliveryLogWriter['record']>[0][]) {
  const writer = new DeliveryLogWriter(server.switchboard.database.db);
  for (const entry of entries) writer.record(entry);
  await writer.drain(Number.POSITIVE_INFINITY);
}

beforeAll(async () => {
  tenant = await createTenantWithUsers(server.admin, uniqueName('Log'));
  foreign = await createTenantWithUsers(server.admin, uniqueName('Foreign log'));
  const connector = async (clientId: string) => {
    const group = await createAcdGroup(server.admin, { name: uniqueName('Group'), clientId });
    return (await createDirectConnector(server.admin, { clientId, acdGroupId: group.id })).id;
  };
  connectorId = await connector(tenant.clientId);
  quietConnectorId = await connector(tenant.clientId);
  const of = { connectorId, clientId: tenant.clientId };
  const at = (minutes: number) => new Date(hourAgo.getTime() + minutes * 60_000);
  await recordAll([
    deliveryRecord({ ...of, receivedAt: twoDaysAgo }),
    deliveryRecord({ ...of, receivedAt: at(1) }),
    deliveryRecord({
      ...of,
      receivedAt: at(2),
      outcome: 'part_stored',
      status: 200,
      reason: sentence('delivery.partStored', { index: 1, total: 2 }),
    }),
    deliveryRecord({
      ...of,
      receivedAt: at(3),
      outcome: 'duplicate',
      status: 200,
      reason: sentence('delivery.duplicate', { messageId: 'm1' }),
    }),
    refusal({ ...of, receivedAt: at(4) }),
    refusal({ ...of, receivedAt: at(5) }),
    refusal({
      ...of,
      receivedAt: at(6),
      status: 404,
      reason: sentence('delivery.unknownNumber', { provider: 'Twilio', receiver: '+49301' }),
    }),
    refusal({ ...of, receivedAt: at(7), status: 413, reason: sentence('delivery.body.tooLarge', { limit: 65536 }) }),
    refusal({ ...of, receivedAt: at(8), status: 502, reason: sentence('delivery.storeFailed') }),
    refusal({ ...of, receivedAt: at(9), status: 401, reason: sentence('delivery.summarised', { count: 37 }) }),
    refusal({
      connectorId: null,
      clientId: null,
      clientAddress: unmatchedAddress,
      status: 404,
      provider: 'twilio',
      reason: sentence('delivery.unknownNumber', { provider: 'Twilio', receiver: '+49309' }),
    }),
  ]);
});

const deliveries = (query = '') => `/api/connectors/${connectorId}/deliveries${query}`;
const statuses = (body: { items: { status: number }[] }) => body.items.map((item) => item.status);

describe('GET /api/connectors/:id/deliveries', () => {
  it('answers the connector’s log newest first, in the contract’s shape, paged', async () => {
    const response = await tenant.clientAdmin.api.get(deliveries());
    expect(response.status).toBe(200);
    const body = page(deliveryAttempt).parse(response.body);
    expect(statuses(body)).toEqual([401, 502, 413, 404, 401, 401, 200, 200, 200, 200]);
    expect(body.items[0]).toMatchObject({
      connectorId,
      clientId: tenant.clientId,
      outcome: 'refused',
      provider: 'generic',
    });
    expect(body.items[0]!.request).toMatchObject({ method: 'GET', path: '/SMSReceiver' });

    const first = (await tenant.clientAdmin.api.get(deliveries('?limit=4'))).body;
    const second = (await tenant.clientAdmin.api.get(deliveries(`?limit=4&cursor=${first.nextCursor}`))).body;
    expect([...statuses(first), ...statuses(second)]).toEqual(statuses(body).slice(0, 8));
  });

  it('filters by one status, a class of statuses, an outcome and a time range', async () => {
    const get = async (query: string) => statuses((await tenant.clientAdmin.api.get(deliveries(query))).body);
    expect(await get('?status=401')).toEqual([401, 401, 401]);
    expect(await get('?status=4xx')).toEqual([401, 413, 404, 401, 401]);
    expect(await get('?status=5xx')).toEqual([502]);
    expect(await get('?outcome=part_stored')).toHaveLength(1);
    const from = encodeURIComponent(new Date(hourAgo.getTime() + 4 * 60_000).toISOString());
    const to = encodeURIComponent(new Date(hourAgo.getTime() + 7 * 60_000).toISOString());
    expect(await get(`?from=${from}&to=${to}`)).toEqual([404, 401, 401]);
    expect((await tenant.clientAdmin.api.get(deliveries('?status=4x1'))).status).toBe(400);
  });

  it('answers the reasons in the caller’s language', async () => {
    const response = await fetch(server.url + deliveries('?status=413'), {
      headers: { ...tenant.clientAdmin.api.authHeaders(), 'accept-language': 'de' },
    });
    const body = (await response.json()) as { items: { reason: string }[] };
    expect(body.items.map((item) => item.reason)).toEqual(['Der Request-Body ist größer als 65536 Bytes']);
  });

  it('is 404 for the admins of another client and for an unknown connector, 403 below admins', async () => {
    expect((await foreign.clientAdmin.api.get(deliveries())).status).toBe(404);
    expect((await foreign.resellerAdmin.api.get(deliveries())).status).toBe(404);
    expect((await foreign.clientAdmin.api.get(`/api/connectors/${connectorId}/delivery-summary`)).status).toBe(404);
    expect((await tenant.clientAdmin.api.get(`/api/connectors/${randomUUID()}/deliveries`)).status).toBe(404);
    expect((await tenant.agent.api.get(deliveries())).status).toBe(403);
    expect((await tenant.resellerAdmin.api.get(deliveries())).status).toBe(200);
  });
});

describe('GET /api/connectors/:id/delivery-summary', () => {
  it('answers the last stored delivery and the last 24 hours’ requests per status, a summary row as its count', async () => {
    const response = await tenant.clientAdmin.api.get(`/api/connectors/${connectorId}/delivery-summary`);
    expect(response.status).toBe(200);
    const summary = deliverySummary.parse(response.body);
    expect(summary).toEqual({
      lastDeliveryAt: new Date(hourAgo.getTime() + 2 * 60_000).toISOString(),
      last24h: [
        { status: 200, count: 3 },
        { status: 401, count: 2 + 37 },
        { status: 404, count: 1 },
        { status: 413, count: 1 },
        { status: 502, count: 1 },
      ],
    });
  });

  it('answers no delivery and no counts for a connector that received nothing', async () => {
    const response = await tenant.clientAdmin.api.get(`/api/connectors/${quietConnectorId}/delivery-summary`);
    expect(response.body).toEqual({ lastDeliveryAt: null, last24h: [] });
  });
});

describe('the lines of the SMS a connector stored', () => {
  // Kept with each SMS (inbound_sms.delivery) rather than as rows of their own, and read with
  // the others: in one order, paged across both, counted, and within the same retention.
  it('are listed, paged, filtered and counted with the other lines, and only within the retention', async () => {
    const group = await createAcdGroup(server.admin, { name: uniqueName('Group'), clientId: tenant.clientId });
    const connector = await createDirectConnector(server.admin, {
      clientId: tenant.clientId,
      acdGroupId: group.id,
      requireToken: false,
    });
    const expired = await deliver(server.url, { receiver: connector.recipient, message: 'long ago' });
    const first = await deliver(server.url, { receiver: connector.recipient, message: 'first' });
    await recordAll([refusal({ connectorId: connector.id, clientId: tenant.clientId, receivedAt: new Date() })]);
    const second = await deliver(server.url, { receiver: connector.recipient, message: 'second' });
    await sql`update inbound_sms set received_at = now() - interval '8 days' where id = ${expired}`.execute(
      server.switchboard.database.db,
    );

    const get = async (query = '') =>
      page(deliveryAttempt).parse(
        (await tenant.clientAdmin.api.get(`/api/connectors/${connector.id}/deliveries${query}`)).body,
      );
    const all = await get();
    expect(all.items.map((line) => [line.outcome, line.smsId])).toEqual([
      ['accepted', second],
      ['refused', null],
      ['accepted', first],
    ]);
    expect(all.items[0]).toMatchObject({
      status: 200,
      provider: 'generic',
      reason: 'Stored',
      clientAddress: expect.any(String),
    });
    expect(all.items[0]!.request).toMatchObject({ method: 'GET', path: '/SMSReceiver', query: {}, body: '' });
    const firstPage = await get('?limit=1');
    const rest = await get(`?limit=2&cursor=${firstPage.nextCursor}`);
    expect([...firstPage.items, ...rest.items].map((line) => line.id)).toEqual(all.items.map((line) => line.id));
    expect((await get('?outcome=accepted')).items.map((line) => line.smsId)).toEqual([second, first]);
    expect((await get('?status=4xx')).items).toHaveLength(1);

    const summary = deliverySummary.parse(
      (await tenant.clientAdmin.api.get(`/api/connectors/${connector.id}/delivery-summary`)).body,
    );
    expect(summary.last24h).toEqual([
      { status: 200, count: 2 },
      { status: 401, count: 1 },
    ]);
    expect(summary.lastDeliveryAt).toBe(all.items[0]!.receivedAt);
    // The last delivery is the SMS's, also after the retention: the SMS are kept.
    await sql`update inbound_sms set received_at = now() - interval '9 days' where connector_id = ${connector.id} and id <> ${expired}`.execute(
      server.switchboard.database.db,
    );
    const quiet = (await tenant.clientAdmin.api.get(`/api/connectors/${connector.id}/delivery-summary`)).body;
    expect(new Date(quiet.lastDeliveryAt).getTime()).toBeLessThan(Date.now() - 7 * 24 * 60 * 60 * 1000);
    expect((await get()).items.map((line) => line.outcome)).toEqual(['refused']);
  });
});

describe('GET /api/delivery-log/unmatched', () => {
  it('answers the requests no connector took to system admins', async () => {
    const response = await server.admin.get('/api/delivery-log/unmatched?status=404&limit=200');
    expect(response.status).toBe(200);
    const body = page(deliveryAttempt).parse(response.body);
    const ours = body.items.filter((item) => item.clientAddress === unmatchedAddress);
    expect(ours).toEqual([
      expect.objectContaining({
        connectorId: null,
        provider: 'twilio',
        reason: 'No Twilio connector has the receiver number +49309',
      }),
    ]);
    expect(body.items.every((item) => item.connectorId === null)).toBe(true);
  });

  it('is 403 for everyone else', async () => {
    for (const user of [tenant.resellerAdmin, tenant.clientAdmin, tenant.agent])
      expect((await user.api.get('/api/delivery-log/unmatched')).status).toBe(403);
  });
});
