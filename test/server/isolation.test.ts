import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { enqueueSms } from '../../server/sms-sender/enqueue-sms';
import type { ApiClient } from '../support/api-client';
import { aGraph } from '../workflows/fixtures';
import { useTestServer } from '../support/test-server';
import {
  createAcdGroup,
  createClient,
  createDirectConnector,
  createTenantWithUsers,
  createUser,
  deliver,
  deliverRaw,
  mediaEventOf,
  createRoutingApplication,
  createSendConnector,
  publishGraph,
  smsById,
  waitFor,
  type Tenant,
  type UserHandle,
} from '../support/fixtures';

/**
 * Tenant isolation for every route the app has. The routes come from the router itself, and every
 * path parameter is filled from a map keyed by `segment/:param` (e.g. `acd-groups/:id`), so a route
 * added without a decision here — or with a parameter nobody mapped — fails this suite.
 *
 * The rule, per route and per role:
 * - First the owning tenant's user of that role calls the route on a *control* set of A's objects.
 *   In the first sweep (all three roles), at least one role of A must reach the object (an answer other than 403 and 404), which proves
 *   the parameters name real objects (a route whose parameter is mapped wrong would answer 404 to
 *   everyone and prove nothing).
 * - Where A's user of that role is not refused (anything but 403), the object-scoped route must
 *   answer exactly **404** to the outsider of the same role on A's *watched* objects: a foreign
 *   tenant's object is simply not found.
 * - Where A's own user of that role is refused (403), the role may not use the route whatever the
 *   object (an agent on an admin route): the outsider must get exactly the answer it gets for an id
 *   that does not exist, so the answer says nothing about A's object.
 * Outsiders are tenant B (another reseller: its reseller admin, client admin and agent) and the
 * sibling client under A's own reseller (its client admin and agent). After both sweeps, A's
 * watched objects read exactly as before and A's connector token still delivers.
 */
const server = useTestServer();
let a: Tenant;
let b: Tenant;
let sibling: { clientId: string; clientAdmin: UserHandle; agent: UserHandle };
/** A's objects that outsiders attack; compared before and after. */
let watched: Record<string, string>;
/** A's objects that A's own users exercise each route on (they may change or delete them). */
let control: Record<string, string>;
/** Ids of nothing: what an outsider answers for these is what "not found" looks like. */
const nothing: Record<string, string> = {};
let watchedConnector: { recipient: string; token: string };

const GRAPH = aGraph(
  [
    ['start', 'start'],
    ['drop', 'drop', { reason: 'test' }],
  ],
  [['start', 'next', 'drop']],
);

/** One set of A's objects: a group with `agent` in it, a connector to it, a published application, an SMS and its media event, API keys. */
async function objectsOfA(label: string, agent: UserHandle, clientId: string) {
  const admin = server.admin;
  const group = await createAcdGroup(admin, {
    name: `A group ${label}`,
    clientId: a.clientId,
    members: [{ agentId: agent.id, priority: 1 }],
  });
  const connector = await createDirectConnector(admin, {
    name: `A connector ${label}`,
    acdGroupId: group.id,
    subject: '',
    clientId: a.clientId,
  });
  const recipient = connector.recipient;
  const sendConnector = await createSendConnector(admin, { name: `A send connector ${label}`, clientId: a.clientId });
  // An outbound SMS of A's, held back in the outbox so that the sweep reads it unchanged.
  const outboundSms = await server.switchboard.database.db.transaction().execute(async (trx) => {
    const row = await enqueueSms(trx, {
      clientId: a.clientId,
      sendConnectorId: sendConnector.id,
      to: '+491701112222',
      from: '+4930999000',
      text: `A reply ${label}`,
      origin: 'agent',
    });
    await sql`update outbound_sms set next_attempt_at = now() + interval '1 day' where id = ${row.id}`.execute(trx);
    return row;
  });
  const application = (await createRoutingApplication(admin, { name: `A app ${label}`, clientId: a.clientId })).id;
  await publishGraph(admin, application, GRAPH, '');
  const smsId = await deliver(server.url, { receiver: recipient, token: connector.token });
  const mediaEvent = await mediaEventOf(admin, smsId);
  const ownKey = await a.clientAdmin.api.post('/api/api-keys', { name: `A key ${label}` });
  const agentKey = await agent.api.post('/api/api-keys', { name: `A agent key ${label}` });
  expect([ownKey.status, agentKey.status]).toEqual([201, 201]);
  // Canned responses and wrap-up codes (issue 14).
  const canned = await admin.post('/api/canned-responses', {
    clientId: a.clientId,
    shortcut: `hours-${label}`,
    title: `A hours ${label}`,
    text: 'Hello {{customer.number}}, this is {{agent.name}}.',
  });
  const wrapUp = await admin.post('/api/wrap-up-codes', { clientId: a.clientId, code: `A-${label}`, label: 'A code' });
  expect([canned.status, wrapUp.status]).toEqual([201, 201]);
  // Conversations (issue 14): one A's agent holds, so its desk reaches it (the media event above stays queued).
  const conversationId = await conversationHeldByAgentOfA(label);
  // A test case saved with A's application (issue 16).
  const testCase = await admin.post(`/api/routing-applications/${application}/test-cases`, {
    name: `A case ${label}`,
    sender: '+491701234567',
    message: 'hello',
  });
  expect(testCase.status).toBe(201);
  // Pause reasons (issue 16).
  const pauseReason = await admin.post('/api/pause-reasons', { clientId: a.clientId, name: `A reason ${label}` });
  expect(pauseReason.status).toBe(201);
  // A number on A's opt-out list (issue 15).
  const optOut = await admin.post('/api/opt-outs', {
    clientId,
    number: `+4917${Math.floor(1e7 + Math.random() * 9e7)}`,
  });
  expect(optOut.status).toBe(201);
  return {
    params: {
      'resellers/:id': a.resellerId,
      'clients/:id': clientId,
      'users/:id': agent.id,
      'agents/:id': agent.id,
      'acd-groups/:id': group.id,
      'connectors/:id': connector.id,
      'send-connectors/:id': sendConnector.id,
      'outbound-sms/:id': outboundSms.id,
      'routing-applications/:id': application,
      'versions/:number': '1',
      'sms/:id': smsId,
      'media-events/:id': mediaEvent.id,
      // `/api/api-keys/:id` is the caller's own key: A's client admin owns this one.
      'api-keys/:id': ownKey.body.id as string,
      // `/api/users/:id/api-keys/:keyId`: a key of the user in `users/:id`.
      'api-keys/:keyId': agentKey.body.id as string,
      // Canned responses and wrap-up codes (issue 14).
      'canned-responses/:id': canned.body.id as string,
      'wrap-up-codes/:id': wrapUp.body.id as string,
      // Conversations (issue 14): `/api/conversations/:id` and `/api/desk/conversations/:id`.
      'conversations/:id': conversationId,
      // `/api/routing-applications/:id/test-cases/:testCaseId`: a case of the application above.
      'test-cases/:testCaseId': testCase.body.id as string,
      // Pause reasons (issue 16).
      'pause-reasons/:id': pauseReason.body.id as string,
      // Opt-out (issue 15): a number of the list, and the client's keyword settings.
      'opt-outs/:id': optOut.body.id as string,
      'settings/:clientId': clientId,
    },
    connector: { recipient, token: connector.token },
  };
}

/** A conversation of A's client that A's agent accepted (and so holds), in a group of its own. */
async function conversationHeldByAgentOfA(label: string): Promise<string> {
  const group = await createAcdGroup(server.admin, {
    name: `A held group ${label}`,
    clientId: a.clientId,
    members: [{ agentId: a.agent.id, priority: 1 }],
  });
  const connector = await createDirectConnector(server.admin, {
    name: `A held connector ${label}`,
    acdGroupId: group.id,
    subject: '',
    clientId: a.clientId,
  });
  expect((await a.agent.api.put('/api/desk/status', { status: 'available' })).status).toBe(200);
  const smsId = await deliver(server.url, { receiver: connector.recipient, token: connector.token });
  const offered = await waitFor('the offer to A’s agent', async () => {
    const event = await mediaEventOf(server.admin, smsId);
    return event.state === 'offered' && event;
  });
  expect((await a.agent.api.post(`/api/desk/media-events/${offered.id}/accept`)).status).toBe(200);
  // Busy: nothing else of A's is offered to it.
  expect((await a.agent.api.put('/api/desk/status', { status: 'busy' })).status).toBe(200);
  return (await smsById(server.admin, smsId)).conversationId!;
}

beforeAll(async () => {
  a = await createTenantWithUsers(server.admin, 'A');
  b = await createTenantWithUsers(server.admin, 'B');
  // A's agent holds a conversation of each set at once.
  expect((await server.admin.patch(`/api/users/${a.agent.id}`, { capacity: 5 })).status).toBe(200);
  const siblingClient = await createClient(server.admin, a.resellerId, { name: "A's sibling" });
  sibling = {
    clientId: siblingClient.id,
    clientAdmin: await createUser(server.admin, { role: 'client_admin', clientId: siblingClient.id }),
    agent: await createUser(server.admin, { role: 'agent', clientId: siblingClient.id }),
  };
  // The control client is a spare one of A's reseller: A's reseller admin may delete it.
  const spareClient = await createClient(server.admin, a.resellerId, { name: 'A spare' });
  const controlAgent = await createUser(server.admin, { role: 'agent', clientId: a.clientId });
  const watchedSet = await objectsOfA('watched', a.agent, a.clientId);
  const controlSet = await objectsOfA('control', controlAgent, spareClient.id);
  // A's agent acts at its desk as a control; its ACD state row (made on first use) exists before.
  expect((await a.agent.api.put('/api/desk/status', { status: 'logged_off' })).status).toBe(200);
  watched = watchedSet.params;
  control = controlSet.params;
  watchedConnector = watchedSet.connector;
  for (const key of Object.keys(watched)) nothing[key] = key.endsWith(':number') ? '999' : randomUUID();
});

/** Routes that carry no tenant data, or only the caller's own (documented exemptions). */
const UNSCOPED = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/logout-everywhere', // the caller's own sessions
  'POST /api/auth/password', // the caller's own password
  'POST /api/auth/password-link/check', // public: the one-time token is the credential
  'POST /api/auth/password-link/use',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/node-types',
  'GET /api/api-keys', // the caller's own keys
  'POST /api/api-keys', // creates a key for the caller
  'PUT /api/desk/status', // the calling agent's own status
  'GET /api/desk/stream', // the calling agent's own desk log (a stream that stays open)
]);

/** Lists that take a `clientId` filter: naming a client the caller may not see answers 404, as a body does. */
const LISTS_FILTERED_BY_CLIENT = new Set([
  '/api/users',
  '/api/acd-groups',
  '/api/agents',
  '/api/connectors',
  '/api/send-connectors',
  '/api/outbound-sms',
  '/api/routing-applications',
  '/api/sms',
  '/api/media-events',
  '/api/audit-log',
  // Canned responses and wrap-up codes (issue 14).
  '/api/canned-responses',
  '/api/wrap-up-codes',
  // Conversations (issue 14).
  '/api/conversations',
  // Pause reasons (issue 16).
  '/api/pause-reasons',
  // Opt-out (issue 15).
  '/api/opt-outs',
  '/api/opt-outs/export',
]);
/** Lists above or beside clients, which ignore a `clientId` in the query (the unmatched deliveries: system admins only). */
const LISTS_WITHOUT_CLIENT_FILTER = new Set([
  '/api/resellers',
  '/api/clients',
  '/api/desk',
  '/api/delivery-log/unmatched',
  // The calling agent's own client's (issue 14).
  '/api/desk/canned-responses',
  '/api/desk/transfer-targets',
  // The calling agent's own client's pause reasons (issue 16).
  '/api/desk/pause-reasons',
]);

/** Routes for the system admin alone: every role of A is refused, so none of them can be the control. */
const SYSTEM_ADMIN_ONLY = new Set(['PATCH /api/resellers/:id', 'DELETE /api/resellers/:id']);

function apiRoutes() {
  return server.switchboard.routes.filter(
    (r) =>
      r.path.startsWith('/api/') &&
      r.method !== 'ALL' &&
      !r.path.endsWith('*') &&
      !UNSCOPED.has(`${r.method} ${r.path}`),
  );
}

/** Routes with path parameters; deletes last, and a child's delete before its parent's. */
function objectRoutes() {
  const routes = apiRoutes().filter((r) => r.path.includes(':'));
  const rank = (r: { method: string; path: string }) => (r.method === 'DELETE' ? 1000 - r.path.length : 0);
  return [...routes].sort((x, y) => rank(x) - rank(y));
}

/** `path` with each parameter taken from `params` by `segment/:param`; throws for one nobody mapped. */
function fill(path: string, params: Record<string, string>): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      if (!segment.startsWith(':')) return segment;
      const key = `${segments[i - 1]}/${segment}`;
      const value = params[key];
      if (value === undefined)
        throw new Error(`No tenant fixture for ${key} in ${path}: add it to isolation.test.ts and scope the route`);
      return value;
    })
    .join('/');
}

async function call(api: ApiClient, method: string, path: string) {
  return api.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
}

/** Each outsider role with A's user of the same role. */
function pairs(outsider: 'B' | 'sibling'): Array<[role: string, outsider: ApiClient, insider: ApiClient]> {
  return outsider === 'B'
    ? [
        ['reseller admin', b.resellerAdmin.api, a.resellerAdmin.api],
        ['client admin', b.clientAdmin.api, a.clientAdmin.api],
        ['agent', b.agent.api, a.agent.api],
      ]
    : [
        ['client admin', sibling.clientAdmin.api, a.clientAdmin.api],
        ['agent', sibling.agent.api, a.agent.api],
      ];
}

/** What A's objects read like, through every parameterised GET route of the router, as the system admin. */
async function readWatched(): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const route of objectRoutes().filter((r) => r.method === 'GET')) {
    const path = fill(route.path, watched);
    const response = await server.admin.get(path);
    seen[route.path] = { status: response.status, body: response.body };
  }
  const ownKeys = (await a.clientAdmin.api.get('/api/api-keys')).body.items as Array<{ id: string }>;
  seen["A's watched own API key"] = ownKeys.find((key) => key.id === watched['api-keys/:id']);
  seen['desk of A'] = (await a.agent.api.get('/api/desk')).body;
  return seen;
}

async function sweep(outsider: 'B' | 'sibling'): Promise<string[]> {
  const failures: string[] = [];
  for (const route of objectRoutes()) {
    const reached: number[] = [];
    for (const [role, stranger, own] of pairs(outsider)) {
      const onA = await call(stranger, route.method, fill(route.path, watched));
      const onNothing = await call(stranger, route.method, fill(route.path, nothing));
      const mine = await call(own, route.method, fill(route.path, control));
      reached.push(mine.status);
      const what = `${outsider} ${role} ${route.method} ${route.path}`;
      if (mine.status !== 403 && onA.status !== 404)
        failures.push(`${what} → ${onA.status} (A's ${role} gets ${mine.status}; a foreign object must be 404)`);
      if (mine.status === 403 && onA.status !== onNothing.status)
        failures.push(`${what} → ${onA.status}, but ${onNothing.status} for an object that does not exist`);
    }
    const systemOnly = SYSTEM_ADMIN_ONLY.has(`${route.method} ${route.path}`);
    if (systemOnly && reached.some((status) => status !== 403))
      failures.push(
        `${route.method} ${route.path} is declared for the system admin alone, A answers ${reached.join(', ')}`,
      );
    if (outsider === 'B' && !systemOnly && reached.every((status) => status === 403 || status === 404))
      failures.push(`no role of A reaches ${route.method} ${route.path} (${reached.join(', ')}): check its parameters`);
  }
  return failures;
}

describe('tenant isolation, derived from the router', () => {
  it('has routes to check', () => {
    expect(apiRoutes().length).toBeGreaterThan(20);
  });

  it("answers 404 to another reseller's users and to a sibling client's users on every route of A's objects, and changes nothing of A's", async () => {
    const before = await readWatched();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const failures = [...(await sweep('B')), ...(await sweep('sibling'))];
    expect(failures).toEqual([]);
    expect(await readWatched()).toEqual(before);
    const delivered = await deliverRaw(server.url, { ...watchedConnector, receiver: watchedConnector.recipient });
    expect(delivered.status).toBe(200);
  });

  it("never lists another tenant's objects; a clientId filter naming A's client is not found", async () => {
    // A's reseller is the sibling's too: its id in the sibling's own objects is no leak.
    const leakable = (outsider: 'B' | 'sibling') =>
      Object.entries(watched).filter(
        ([key]) => key !== 'versions/:number' && !(outsider === 'sibling' && key === 'resellers/:id'),
      );
    const outsiders = (['B', 'sibling'] as const).flatMap((outsider) =>
      pairs(outsider).map(([role, api]) => ({ who: `${outsider} ${role}`, api, ids: leakable(outsider) })),
    );
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'GET' && !r.path.includes(':'))) {
      const takesFilter = LISTS_FILTERED_BY_CLIENT.has(route.path);
      if (!takesFilter && !LISTS_WITHOUT_CLIENT_FILTER.has(route.path)) {
        failures.push(`GET ${route.path}: say in isolation.test.ts whether it takes a clientId filter`);
        continue;
      }
      for (const { who, api, ids } of outsiders) {
        const plain = await api.get(route.path);
        const foreign = await api.get(`${route.path}?clientId=${a.clientId}`);
        const none = await api.get(`${route.path}?clientId=${randomUUID()}`);
        const text = JSON.stringify([plain.body, foreign.body]);
        const leaked = ids.filter(([, id]) => text.includes(id)).map(([key]) => key);
        if (leaked.length > 0) failures.push(`${who} GET ${route.path} leaks A's ${leaked.join(', ')}`);
        if (plain.status !== 200 && plain.status !== 403) failures.push(`${who} GET ${route.path} → ${plain.status}`);
        if (foreign.status !== none.status)
          failures.push(`${who} GET ${route.path}?clientId=A → ${foreign.status}, ${none.status} for no client`);
        if (takesFilter && plain.status === 200 && foreign.status !== 404)
          failures.push(`${who} GET ${route.path}?clientId=A → ${foreign.status}, not 404`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses to create objects in another tenant's client (mass assignment)", async () => {
    const bodies: Record<string, () => object> = {
      '/api/resellers': () => ({ name: 'Sneaky reseller' }),
      '/api/clients': () => ({ name: 'Sneaky client', resellerId: a.resellerId }),
      '/api/users': () => ({
        email: `sneaky${Math.random()}@example.test`,
        password: 'sneaky password',
        role: 'agent',
        clientId: a.clientId,
        displayName: 'Sneaky',
      }),
      '/api/acd-groups': () => ({ name: `Sneaky ${Math.random()}`, clientId: a.clientId }),
      '/api/connectors': () => ({
        name: 'Sneaky',
        recipient: `+4980${Math.floor(Math.random() * 1e7)}`,
        routingType: 'direct_acd_group',
        clientId: a.clientId,
      }),
      '/api/routing-applications': () => ({ name: 'Sneaky', clientId: a.clientId }),
      // Canned responses and wrap-up codes (issue 14).
      '/api/canned-responses': () => ({
        shortcut: `sneaky-${Math.floor(Math.random() * 1e9)}`,
        title: 'Sneaky',
        text: 'Sneaky',
        clientId: a.clientId,
      }),
      '/api/wrap-up-codes': () => ({
        code: `SNEAKY${Math.floor(Math.random() * 1e9)}`,
        label: 'Sneaky',
        clientId: a.clientId,
      }),
      '/api/send-connectors': () => ({ name: `Sneaky ${Math.random()}`, driver: 'vonage', clientId: a.clientId }),
      // Pause reasons (issue 16).
      '/api/pause-reasons': () => ({ name: `Sneaky ${Math.random()}`, clientId: a.clientId }),
      // Opt-out (issue 15).
      '/api/opt-outs': () => ({ number: `+4917${Math.floor(1e7 + Math.random() * 9e7)}`, clientId: a.clientId }),
    };
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.method === 'POST' && !r.path.includes(':'))) {
      const body = bodies[route.path];
      if (!body) {
        failures.push(`no mass-assignment case for POST ${route.path}: add one to isolation.test.ts`);
        continue;
      }
      for (const [role, api] of [...pairs('B'), ...pairs('sibling')]) {
        const response = await api.post(route.path, body());
        if (response.status !== 404 && response.status !== 403)
          failures.push(`${role} POST ${route.path} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never moves an object to another client through PATCH', async () => {
    const response = await a.clientAdmin.api.patch(`/api/acd-groups/${watched['acd-groups/:id']}`, {
      clientId: b.clientId,
    });
    expect(response).toMatchObject({ status: 400, body: { field: 'clientId' } });
    expect((await a.clientAdmin.api.get(`/api/acd-groups/${watched['acd-groups/:id']}`)).body.clientId).toBe(
      a.clientId,
    );
  });

  it("refuses a pause with a reason of another tenant's client, naming the field, and never says its name", async () => {
    const reasonOfA = watched['pause-reasons/:id']!;
    const { name } = (await server.admin.get(`/api/pause-reasons/${reasonOfA}`)).body as { name: string };
    for (const agent of [b.agent, sibling.agent]) {
      const refused = await agent.api.put('/api/desk/status', { status: 'pause', pauseReasonId: reasonOfA });
      expect(refused).toMatchObject({ status: 400, body: { field: 'pauseReasonId' } });
      expect(JSON.stringify(refused.body)).not.toContain(name);
      expect((await agent.api.get('/api/desk')).body.pauseReason).toBeNull();
      const offered = await agent.api.get('/api/desk/pause-reasons');
      expect(JSON.stringify(offered.body)).not.toContain(reasonOfA);
    }
  });
});
