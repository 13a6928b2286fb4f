import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import { createAcdGroup, createDirectConnector, createTenant, deliver, SecretLedger } from '../../support/fixtures';

const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);

let clientId: string;
let supportGroupId: string;
let salesGroupId: string;
let supportConnector: { id: string; recipient: string; token: string };
let salesConnector: { id: string; recipient: string; token: string };
/** SMS ids in delivery order, with the time just before and just after the whole support batch. */
const supportSmsIds: string[] = [];
let salesSmsId: string;
let betweenFirstAndRest: string;

async function createConnector(name: string, acdGroupId: string, subject: string) {
  const connector = await createDirectConnector(server.admin, { name, acdGroupId, subject, clientId });
  return { id: connector.id, recipient: connector.recipient, token: secrets.add(connector.token) };
}

beforeAll(async () => {
  ({ clientId } = await createTenant(server.admin, { reseller: 'Traffic reseller', client: 'Traffic client' }));
  supportGroupId = (await createAcdGroup(server.admin, { name: 'Support', clientId })).id;
  salesGroupId = (await createAcdGroup(server.admin, { name: 'Sales', clientId })).id;
  supportConnector = await createConnector('Support line', supportGroupId, 'Support SMS');
  salesConnector = await createConnector('Sales line', salesGroupId, 'Sales SMS');

  for (const [index, message] of ['First', 'Second', 'Third'].entries()) {
    const smsId = await deliver(server.url, {
      receiver: supportConnector.recipient,
      token: supportConnector.token,
      // A customer each: one customer's SMS would join one conversation with one media event.
      sender: `+491510000000${index + 1}`,
      message,
    });
    supportSmsIds.push(smsId);
    await sleep(20);
    if (index === 0) {
      betweenFirstAndRest = new Date().toISOString();
      await sleep(20);
    }
  }
  salesSmsId = await deliver(server.url, {
    receiver: `00${salesConnector.recipient.slice(1)}`,
    token: salesConnector.token,
    sender: 'DHL',
    message: 'Parcel',
  });
});

async function smsIds(query: string): Promise<string[]> {
  const response = await server.admin.get(`/api/sms?${query}`);
  expect(response.status, query).toBe(200);
  return response.body.items.map((s: { id: string }) => s.id);
}

describe('GET /api/sms', () => {
  it('lists the SMS newest first', async () => {
    const ids = await smsIds('limit=200');
    expect(ids).toEqual([salesSmsId, ...[...supportSmsIds].reverse()]);
  });

  it('answers each SMS with its queued media event in the connector ACD group and subject', async () => {
    const list = await server.admin.get('/api/sms?limit=200');
    const third = list.body.items.find((s: { id: string }) => s.id === supportSmsIds[2]);
    expect(third).toMatchObject({
      id: supportSmsIds[2],
      clientId,
      connectorId: supportConnector.id,
      sender: '+4915100000003',
      receiver: supportConnector.recipient,
      message: 'Third',
      status: expect.any(String),
      receivedAt: expect.any(String),
      mediaEvent: {
        id: expect.any(String),
        clientId,
        smsId: supportSmsIds[2],
        acdGroupId: supportGroupId,
        subject: 'Support SMS',
        state: 'queued',
      },
    });
    expect(third).toHaveProperty('keyword');
    expect(third).toHaveProperty('messageId');
    expect(third).toHaveProperty('execution');
  });

  it('shows sender and receiver as they arrived', async () => {
    const sms = await server.admin.get(`/api/sms/${salesSmsId}`);
    expect(sms.body.sender).toBe('DHL');
    expect(sms.body.receiver).toBe(`00${salesConnector.recipient.slice(1)}`);
    expect(sms.body.mediaEvent).toMatchObject({ acdGroupId: salesGroupId, subject: 'Sales SMS', state: 'queued' });
  });

  it('filters by connectorId', async () => {
    expect(await smsIds(`connectorId=${supportConnector.id}`)).toEqual([...supportSmsIds].reverse());
    expect(await smsIds(`connectorId=${salesConnector.id}`)).toEqual([salesSmsId]);
  });

  it('filters by status', async () => {
    const status = (await server.admin.get(`/api/sms/${supportSmsIds[0]}`)).body.status as string;
    expect(await smsIds(`status=${status}`)).toContain(supportSmsIds[0]);
    const other = status === 'dropped' ? 'failed' : 'dropped';
    expect(await smsIds(`status=${other}`)).not.toContain(supportSmsIds[0]);
  });

  it('filters by received time with from (inclusive) and to (exclusive)', async () => {
    const later = await smsIds(`connectorId=${supportConnector.id}&from=${encodeURIComponent(betweenFirstAndRest)}`);
    expect(later).toEqual([supportSmsIds[2], supportSmsIds[1]]);
    const earlier = await smsIds(`connectorId=${supportConnector.id}&to=${encodeURIComponent(betweenFirstAndRest)}`);
    expect(earlier).toEqual([supportSmsIds[0]]);
  });

  it('pages newest first with limit and cursor', async () => {
    const first = await server.admin.get('/api/sms?limit=2');
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([salesSmsId, supportSmsIds[2]]);
    const second = await server.admin.get(`/api/sms?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([supportSmsIds[1], supportSmsIds[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['status', 'status=lost'],
    ['from', 'from=yesterday'],
    ['connectorId', 'connectorId=support'],
    ['limit', 'limit=201'],
  ])('answers 400 naming %s for a bad filter', async (field, query) => {
    const response = await server.admin.get(`/api/sms?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

describe('GET /api/sms/:id', () => {
  it('answers one SMS with its media event', async () => {
    const response = await server.admin.get(`/api/sms/${supportSmsIds[1]}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: supportSmsIds[1],
      connectorId: supportConnector.id,
      message: 'Second',
      mediaEvent: { smsId: supportSmsIds[1], acdGroupId: supportGroupId, state: 'queued', subject: 'Support SMS' },
    });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await server.admin.get('/api/sms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await server.admin.get('/api/sms/latest')).status).toBe(404);
  });

  it('never keeps the token in what it answers', async () => {
    const response = await server.admin.get(`/api/sms/${supportSmsIds[0]}`);
    expect(JSON.stringify(response.body)).not.toContain(supportConnector.token);
  });
});

describe('GET /api/media-events', () => {
  it('finds the media event of one SMS with smsId', async () => {
    const response = await server.admin.get(`/api/media-events?smsId=${supportSmsIds[0]}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0]).toEqual({
      id: expect.any(String),
      clientId,
      smsId: supportSmsIds[0],
      acdGroupId: supportGroupId,
      subject: 'Support SMS',
      priority: expect.any(Number),
      state: 'queued',
      agentId: null,
      createdAt: expect.any(String),
    });
    expect(response.body.nextCursor).toBeNull();
  });

  it('filters by acdGroupId', async () => {
    const support = await server.admin.get(`/api/media-events?acdGroupId=${supportGroupId}`);
    expect(support.body.items.map((e: { smsId: string }) => e.smsId)).toEqual([...supportSmsIds].reverse());
    const sales = await server.admin.get(`/api/media-events?acdGroupId=${salesGroupId}`);
    expect(sales.body.items.map((e: { smsId: string }) => e.smsId)).toEqual([salesSmsId]);
  });

  it('filters by state', async () => {
    const queued = await server.admin.get('/api/media-events?state=queued&limit=200');
    expect(queued.body.items).toHaveLength(4);
    for (const event of queued.body.items) expect(event.state).toBe('queued');
    const completed = await server.admin.get('/api/media-events?state=completed');
    expect(completed.body.items).toEqual([]);
  });

  it('lists newest first and pages with limit and cursor', async () => {
    const first = await server.admin.get('/api/media-events?limit=3');
    expect(first.body.items.map((e: { smsId: string }) => e.smsId)).toEqual([
      salesSmsId,
      supportSmsIds[2],
      supportSmsIds[1],
    ]);
    const second = await server.admin.get(`/api/media-events?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { smsId: string }) => e.smsId)).toEqual([supportSmsIds[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['state', 'state=lost'],
    ['smsId', 'smsId=first'],
    ['acdGroupId', 'acdGroupId=support'],
  ])('answers 400 naming %s for a bad filter', async (field, query) => {
    const response = await server.admin.get(`/api/media-events?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });
});

describe('secrets', () => {
  it('never writes a connector token or password to the log, not even from the query string', () => {
    expect(server.logLines().some((line) => line.includes('/SMSReceiver'))).toBe(true);
    secrets.expectAbsentFrom(server.logLines());
  });
});
