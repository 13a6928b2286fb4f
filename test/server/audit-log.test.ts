import { describe, expect, it } from 'vitest';
import type { AuditAction, AuditEntityType } from '../../contract/audit-actions';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { useSmtpSink } from '../support/smtp-sink';
import { aGraph } from '../workflows/fixtures';
import { useTestServer } from '../support/test-server';
import {
  createAcdGroup,
  createAcdSetup,
  createConnector,
  createReseller,
  createRoutingApplication,
  createSendConnector,
  createTenant,
  createUser,
  deliver,
  mediaEventOf,
  uniqueName,
  uniqueNumber,
  type UserFields,
} from '../support/fixtures';

const smtp = useSmtpSink();
const server = useTestServer(() => ({ env: { SMTP_URL: smtp.url } }));

describe('audit log', () => {
  it('records who changed a connector, when, and the fields before and after, never the token', async () => {
    const { connectorId, clientId, token } = await createAcdSetup(server.admin, {
      recipient: '+4970100001',
      requireToken: true,
      subject: 'SMS from a customer',
    });
    await server.admin.patch(`/api/connectors/${connectorId}`, { name: 'Renamed hotline', subject: 'New subject' });
    const regenerated = await server.admin.post(`/api/connectors/${connectorId}/token`);

    const log = await server.admin.get(`/api/audit-log?entityId=${connectorId}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'connector.token.regenerate',
      'connector.update',
      'connector.create',
    ]);
    const update = log.body.items[1];
    expect(update).toMatchObject({
      clientId,
      actor: { email: 'admin@switchboard.test' },
      before: { name: `Connector +4970100001`, subject: 'SMS from a customer' },
      after: { name: 'Renamed hotline', subject: 'New subject' },
      at: expect.any(String),
    });
    expect(log.body.items[0]).toMatchObject({
      before: { tokenHint: token.slice(-4) },
      after: { tokenHint: regenerated.body.token.slice(-4) },
    });
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(token);
    expect(text).not.toContain(regenerated.body.token);
  });

  it('records publishing and pointer changes of routing applications, and user changes without passwords', async () => {
    const { clientId } = await createTenant(server.admin, { reseller: 'Audit reseller', client: 'Audit client' });
    const user = await server.admin.post('/api/users', {
      email: 'audit-agent@example.test',
      password: 'agent password 1',
      role: 'agent',
      clientId,
      displayName: 'Agent',
    });
    await server.admin.patch(`/api/users/${user.body.id}`, { password: 'agent password 2' });
    const entries = await server.admin.get(`/api/audit-log?entityType=user&entityId=${user.body.id}`);
    expect(entries.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.update.password',
      'user.create',
    ]);
    expect(JSON.stringify(entries.body)).not.toContain('agent password');
  });

  it('shows each client its own entries only, and refuses agents', async () => {
    const a = await createAcdSetup(server.admin, { recipient: '+4970100002', requireToken: true });
    const b = await createAcdSetup(server.admin, { recipient: '+4970100003', requireToken: true });
    await server.admin.post('/api/users', {
      email: 'audit-admin-a@example.test',
      password: 'admin a password',
      role: 'client_admin',
      clientId: a.clientId,
      displayName: 'A',
    });
    await server.admin.post('/api/users', {
      email: 'audit-agent-a@example.test',
      password: 'agent a password',
      role: 'agent',
      clientId: a.clientId,
      displayName: 'Agent A',
    });
    const adminA = new ApiClient(server.url);
    await adminA.login('audit-admin-a@example.test', 'admin a password');
    const seen = await adminA.get('/api/audit-log?limit=200');
    expect(seen.status).toBe(200);
    const entityIds = seen.body.items.map((e: { entityId: string }) => e.entityId);
    expect(entityIds).toContain(a.connectorId);
    expect(entityIds).not.toContain(b.connectorId);
    expect(seen.body.items.every((e: { clientId: string }) => e.clientId === a.clientId)).toBe(true);
    const foreign = await adminA.get(`/api/audit-log?clientId=${b.clientId}`);
    expect(foreign).toMatchObject({ status: 404, body: { field: 'clientId' } });

    const agent = new ApiClient(server.url);
    await agent.login('audit-agent-a@example.test', 'agent a password');
    expect((await agent.get('/api/audit-log')).status).toBe(403);
  });

  it("records a client admin's API keys and own password change for their client, never the secrets", async () => {
    const { clientId } = await createAcdSetup(server.admin, { recipient: '+4970100005', requireToken: true });
    await server.admin.post('/api/users', {
      email: 'audit-keys@example.test',
      password: 'keys admin password',
      role: 'client_admin',
      clientId,
      displayName: 'Keys',
    });
    const admin = new ApiClient(server.url);
    const me = await admin.login('audit-keys@example.test', 'keys admin password');
    const key = await admin.post('/api/api-keys', { name: 'CI' });
    await admin.delete(`/api/api-keys/${key.body.id}`);
    await admin.post('/api/auth/password', {
      currentPassword: 'keys admin password',
      newPassword: 'keys admin password 2',
    });

    const keyLog = await admin.get(`/api/audit-log?entityType=api_key&entityId=${key.body.id}`);
    expect(keyLog.body.items.map((e: { action: string }) => e.action)).toEqual(['api_key.revoke', 'api_key.create']);
    expect(keyLog.body.items[1]).toMatchObject({ clientId, after: { name: 'CI', keyHint: key.body.keyHint } });
    const own = await admin.get(`/api/audit-log?entityId=${me.body.id}&action=user.update.own_password`);
    expect(own.body.items).toHaveLength(1);
    const text = JSON.stringify([keyLog.body, own.body]);
    expect(text).not.toContain(key.body.key);
    expect(text).not.toContain('keys admin password');
  });

  it('names the ids in the fields: the agents of a group, a connector’s target, a deleted agent as gone', async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Ada Named' }, { displayName: 'Bo Deleted' }],
    });
    const [ada, bo] = setup.agents;
    expect((await server.admin.delete(`/api/users/${bo!.id}`)).status).toBe(204);

    const group = await server.admin.get(`/api/audit-log?entityId=${setup.groupId}`);
    expect(group.body.items[0].after.members.map((m: { agentId: string }) => m.agentId)).toEqual([ada!.id, bo!.id]);
    expect(group.body.names).toMatchObject({
      [ada!.id]: { kind: 'agent', name: 'Ada Named' },
      [bo!.id]: { kind: 'agent', name: null },
      [setup.clientId]: { kind: 'client', name: expect.stringContaining('ACD client') },
    });
    const connector = await server.admin.get(`/api/audit-log?entityId=${setup.connectorId}`);
    const groupName = (await server.admin.get(`/api/acd-groups/${setup.groupId}`)).body.name;
    expect(connector.body.names[setup.groupId]).toEqual({ kind: 'acd_group', name: groupName });
  });

  it('never names an object of another tenant, though an entry points at it', async () => {
    const a = await createAcdSetup(server.admin);
    const b = await createAcdSetup(server.admin);
    await createUser(server.admin, {
      role: 'client_admin',
      clientId: a.clientId,
      email: 'audit-names-a@example.test',
      password: 'names admin password',
    });
    const adminA = new ApiClient(server.url);
    await adminA.login('audit-names-a@example.test', 'names admin password');
    // An entry of client A whose fields point at client B's group (no route writes one; the log must hold anyway).
    const entryId = '01900000-0000-7000-8000-00000000a0d1';
    await server.switchboard.database.db
      .insertInto('audit_log')
      .values({
        id: entryId,
        client_id: a.clientId,
        reseller_id: null,
        actor_user_id: null,
        actor_email: 'someone@example.test',
        action: 'connector.update',
        entity_type: 'connector',
        entity_id: a.connectorId,
        before: JSON.stringify({ acdGroupId: a.groupId }),
        after: JSON.stringify({ acdGroupId: b.groupId }),
      })
      .execute();

    const seen = await adminA.get(`/api/audit-log?entityId=${a.connectorId}`);
    expect(seen.body.items.map((e: { id: string }) => e.id)).toContain(entryId);
    expect(seen.body.names[a.groupId]).toMatchObject({ kind: 'acd_group', name: expect.any(String) });
    expect(seen.body.names).not.toHaveProperty(b.groupId);
    // Their client's own reseller they know by name, as their account shows it.
    const client = await adminA.get(`/api/audit-log?entityId=${a.clientId}`);
    expect(client.body.names[a.resellerId]).toMatchObject({
      kind: 'reseller',
      name: expect.stringContaining('ACD reseller'),
    });
    const bySystemAdmin = await server.admin.get(`/api/audit-log?entityId=${a.connectorId}`);
    expect(bySystemAdmin.body.names[b.groupId]).toMatchObject({ kind: 'acd_group', name: expect.any(String) });
  });

  it('records nothing when a change is refused', async () => {
    const { connectorId } = await createAcdSetup(server.admin, { recipient: '+4970100004', requireToken: true });
    const refused = await server.admin.patch(`/api/connectors/${connectorId}`, { recipient: 'not a number' });
    expect(refused.status).toBe(400);
    const log = await server.admin.get(`/api/audit-log?entityId=${connectorId}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['connector.create']);
  });
});

/** An action as the audit log names it: `object type.action`, one of those declared in audit-actions.ts. */
type DeclaredAction = { [E in AuditEntityType]: `${E}.${AuditAction<E>}` }[AuditEntityType];

/** One write through its route, answering the response and the id of the object it changed. */
type Write = () => Promise<{ response: ApiResponse; entityId: string }>;

/**
 * Writes under /api that change no configuration, so they write no audit entry, each with why.
 * The /api/auth routes (sign-in, sessions, one's own password) are outside the sweep as a whole.
 */
const NOT_AUDITED: Record<string, string> = {
  'PUT /api/routing-applications/:id/draft': 'a draft is work in progress; publishing it is the audited change',
  'POST /api/routing-applications/:id/simulate': 'runs a draft against a sample SMS and stores nothing',
  'PUT /api/agents/:id/status': "an agent's ACD status is operations, kept in the agent's status history",
  'PUT /api/desk/status': "the agent's own ACD status, kept in the status history",
  'POST /api/desk/media-events/:id/accept': "desk work on a media event, kept in the event and the agent's desk log",
  'POST /api/desk/media-events/:id/complete': "desk work on a media event, kept in the event and the agent's desk log",
  'POST /api/desk/media-events/:id/decline': "desk work on a media event, kept in the event and the agent's desk log",
  'POST /api/desk/media-events/:id/transfer':
    "desk work on a media event: the transferred event keeps who handed it on and the note, and the agent's desk log the change",
  'POST /api/desk/conversations/:id/messages': "an agent's reply, kept in the outbox with its conversation",
  'POST /api/desk/conversations/:id/close':
    'desk work on a conversation held by e-mail: the conversation keeps when it closed, its last agent and the wrap-up code, as a complete does',
  'POST /api/routing-applications/:id/test-cases':
    'a sample SMS saved to simulate the application with; it routes nothing',
  'DELETE /api/routing-applications/:id/test-cases/:testCaseId': 'a saved sample SMS; it routes nothing',
};

describe('every configuration change is audited, derived from the router', () => {
  const GRAPH = aGraph(
    [
      ['start', 'start'],
      ['drop', 'drop', { reason: 'test' }],
    ],
    [['start', 'next', 'drop']],
  );
  const admin = () => server.admin;
  const reseller = async () => (await createReseller(admin(), uniqueName('Audit sweep reseller'))).id;
  const client = async () =>
    (
      await createTenant(admin(), {
        reseller: uniqueName('Audit sweep reseller'),
        client: uniqueName('Audit sweep client'),
      })
    ).clientId;
  const group = async (clientId?: string) =>
    (await createAcdGroup(admin(), { name: uniqueName('Sweep group'), clientId: clientId ?? (await client()) })).id;
  /** A connector without target. */
  const connector = async () =>
    (
      await createConnector(admin(), {
        name: uniqueName('Sweep connector'),
        recipient: uniqueNumber(),
        requireToken: false,
        routingType: 'direct_acd_group',
        clientId: await client(),
      })
    ).id;
  const application = async () =>
    (await createRoutingApplication(admin(), { name: uniqueName('Sweep app'), clientId: await client() })).id;
  const user = async (role: UserFields['role'] = 'agent') => createUser(admin(), { role, clientId: await client() });
  const cannedResponse = async () =>
    (
      await admin().post('/api/canned-responses', {
        clientId: await client(),
        shortcut: 'sweep',
        title: 'Sweep',
        text: 'Sweep',
      })
    ).body.id as string;
  const wrapUpCode = async () =>
    (await admin().post('/api/wrap-up-codes', { clientId: await client(), code: 'SWEEP', label: 'Sweep' })).body
      .id as string;
  // Pause reasons (issue 16).
  const pauseReason = async () =>
    (await admin().post('/api/pause-reasons', { clientId: await client(), name: uniqueName('Sweep') })).body
      .id as string;
  const write = async (method: string, path: string, entityId: string, body?: object) => ({
    response: await admin().request(method, path, body ?? (method === 'DELETE' ? undefined : {})),
    entityId,
  });

  const AUDITED: Record<string, { action: DeclaredAction; write: Write }> = {
    'POST /api/resellers': {
      action: 'reseller.create',
      write: async () => {
        const response = await admin().post('/api/resellers', { name: uniqueName('Swept reseller') });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/resellers/:id': {
      action: 'reseller.update',
      write: async () => {
        const id = await reseller();
        return write('PATCH', `/api/resellers/${id}`, id, { name: uniqueName('Renamed reseller') });
      },
    },
    'DELETE /api/resellers/:id': {
      action: 'reseller.delete',
      write: async () => {
        const id = await reseller();
        return write('DELETE', `/api/resellers/${id}`, id);
      },
    },
    'POST /api/clients': {
      action: 'client.create',
      write: async () => {
        const response = await admin().post('/api/clients', {
          name: uniqueName('Swept'),
          resellerId: await reseller(),
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/clients/:id': {
      action: 'client.update',
      write: async () => {
        const id = await client();
        return write('PATCH', `/api/clients/${id}`, id, { name: uniqueName('Renamed client') });
      },
    },
    'DELETE /api/clients/:id': {
      action: 'client.delete',
      write: async () => {
        const id = await client();
        return write('DELETE', `/api/clients/${id}`, id);
      },
    },
    'POST /api/users': {
      action: 'user.create',
      write: async () => {
        const response = await admin().post('/api/users', {
          email: `${uniqueName('swept').replace(' ', '')}@example.test`,
          password: 'swept user password',
          role: 'agent',
          clientId: await client(),
          displayName: 'Swept',
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/users/:id': {
      action: 'user.update',
      write: async () => {
        const { id } = await user();
        return write('PATCH', `/api/users/${id}`, id, { displayName: 'Renamed user' });
      },
    },
    'DELETE /api/users/:id': {
      action: 'user.delete',
      write: async () => {
        const { id } = await user();
        return write('DELETE', `/api/users/${id}`, id);
      },
    },
    'POST /api/users/:id/password-link': {
      action: 'user.password_link.send',
      write: async () => {
        const { id } = await user();
        return write('POST', `/api/users/${id}/password-link`, id, {});
      },
    },
    'DELETE /api/users/:id/api-keys/:keyId': {
      action: 'api_key.revoke.by_admin',
      write: async () => {
        const owner = await user('client_admin');
        const key = await owner.api.post('/api/api-keys', { name: 'Swept key' });
        return write('DELETE', `/api/users/${owner.id}/api-keys/${key.body.id}`, key.body.id);
      },
    },
    'POST /api/api-keys': {
      action: 'api_key.create',
      write: async () => {
        const response = await (await user('client_admin')).api.post('/api/api-keys', { name: 'Swept key' });
        return { response, entityId: response.body.id };
      },
    },
    'DELETE /api/api-keys/:id': {
      action: 'api_key.revoke',
      write: async () => {
        const owner = await user('client_admin');
        const key = await owner.api.post('/api/api-keys', { name: 'Swept key' });
        return { response: await owner.api.delete(`/api/api-keys/${key.body.id}`), entityId: key.body.id };
      },
    },
    'PUT /api/agents/:id/groups': {
      action: 'user.update.acd_groups',
      write: async () => {
        const clientId = await client();
        const { id } = await createUser(admin(), { role: 'agent', clientId });
        return write('PUT', `/api/agents/${id}/groups`, id, {
          groups: [{ acdGroupId: await group(clientId), priority: 1 }],
        });
      },
    },
    'POST /api/acd-groups': {
      action: 'acd_group.create',
      write: async () => {
        const response = await admin().post('/api/acd-groups', { name: uniqueName('Swept'), clientId: await client() });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/acd-groups/:id': {
      action: 'acd_group.update',
      write: async () => {
        const id = await group();
        return write('PATCH', `/api/acd-groups/${id}`, id, { name: uniqueName('Renamed group') });
      },
    },
    'DELETE /api/acd-groups/:id': {
      action: 'acd_group.delete',
      write: async () => {
        const id = await group();
        return write('DELETE', `/api/acd-groups/${id}`, id);
      },
    },
    'POST /api/connectors': {
      action: 'connector.create',
      write: async () => {
        const response = await admin().post('/api/connectors', {
          name: 'Swept',
          recipient: uniqueNumber(),
          routingType: 'direct_acd_group',
          clientId: await client(),
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/connectors/:id': {
      action: 'connector.update',
      write: async () => {
        const id = await connector();
        return write('PATCH', `/api/connectors/${id}`, id, { name: uniqueName('Renamed connector') });
      },
    },
    'POST /api/connectors/:id/token': {
      action: 'connector.token.regenerate',
      write: async () => {
        const id = await connector();
        return write('POST', `/api/connectors/${id}/token`, id);
      },
    },
    'DELETE /api/connectors/:id': {
      action: 'connector.delete',
      write: async () => {
        const id = await connector();
        return write('DELETE', `/api/connectors/${id}`, id);
      },
    },
    'POST /api/send-connectors': {
      action: 'send_connector.create',
      write: async () => {
        const response = await admin().post('/api/send-connectors', {
          name: uniqueName('Swept'),
          driver: 'vonage',
          clientId: await client(),
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/send-connectors/:id': {
      action: 'send_connector.update',
      write: async () => {
        const { id } = await createSendConnector(admin(), { clientId: await client() });
        return write('PATCH', `/api/send-connectors/${id}`, id, { name: uniqueName('Renamed send connector') });
      },
    },
    'DELETE /api/send-connectors/:id': {
      action: 'send_connector.delete',
      write: async () => {
        const { id } = await createSendConnector(admin(), { clientId: await client() });
        return write('DELETE', `/api/send-connectors/${id}`, id);
      },
    },
    'POST /api/routing-applications': {
      action: 'routing_application.create',
      write: async () => {
        const response = await admin().post('/api/routing-applications', { name: 'Swept', clientId: await client() });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/routing-applications/:id': {
      action: 'routing_application.update',
      write: async () => {
        const id = await application();
        return write('PATCH', `/api/routing-applications/${id}`, id, { name: uniqueName('Renamed app') });
      },
    },
    'POST /api/routing-applications/:id/publish': {
      action: 'routing_application.publish',
      write: async () => {
        const id = await application();
        expect((await admin().put(`/api/routing-applications/${id}/draft`, { graph: GRAPH })).status).toBe(200);
        return write('POST', `/api/routing-applications/${id}/publish`, id, {});
      },
    },
    'DELETE /api/routing-applications/:id': {
      action: 'routing_application.delete',
      write: async () => {
        const id = await application();
        return write('DELETE', `/api/routing-applications/${id}`, id);
      },
    },
    'POST /api/media-events/:id/cancel': {
      action: 'media_event.cancel',
      write: async () => {
        const { recipient } = await createAcdSetup(admin());
        const { id } = await mediaEventOf(admin(), await deliver(server.url, { receiver: recipient }));
        return write('POST', `/api/media-events/${id}/cancel`, id, {});
      },
    },
    'POST /api/media-events/:id/reassign': {
      action: 'media_event.reassign',
      write: async () => {
        const { recipient, clientId } = await createAcdSetup(admin());
        const { id } = await mediaEventOf(admin(), await deliver(server.url, { receiver: recipient }));
        const overflow = await createAcdGroup(admin(), { name: uniqueName('Overflow'), clientId });
        return write('POST', `/api/media-events/${id}/reassign`, id, { acdGroupId: overflow.id });
      },
    },
    // Canned responses and wrap-up codes (issue 14).
    'POST /api/canned-responses': {
      action: 'canned_response.create',
      write: async () => {
        const response = await admin().post('/api/canned-responses', {
          clientId: await client(),
          shortcut: 'swept',
          title: 'Swept',
          text: 'Hi {{customer.number}}',
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/canned-responses/:id': {
      action: 'canned_response.update',
      write: async () => {
        const id = await cannedResponse();
        return write('PATCH', `/api/canned-responses/${id}`, id, { title: 'Renamed' });
      },
    },
    'DELETE /api/canned-responses/:id': {
      action: 'canned_response.delete',
      write: async () => {
        const id = await cannedResponse();
        return write('DELETE', `/api/canned-responses/${id}`, id);
      },
    },
    'POST /api/wrap-up-codes': {
      action: 'wrap_up_code.create',
      write: async () => {
        const response = await admin().post('/api/wrap-up-codes', {
          clientId: await client(),
          code: 'SWEPT',
          label: 'Swept',
        });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/wrap-up-codes/:id': {
      action: 'wrap_up_code.update',
      write: async () => {
        const id = await wrapUpCode();
        return write('PATCH', `/api/wrap-up-codes/${id}`, id, { active: false });
      },
    },
    'DELETE /api/wrap-up-codes/:id': {
      action: 'wrap_up_code.delete',
      write: async () => {
        const id = await wrapUpCode();
        return write('DELETE', `/api/wrap-up-codes/${id}`, id);
      },
    },
    // Pause reasons (issue 16).
    'POST /api/pause-reasons': {
      action: 'pause_reason.create',
      write: async () => {
        const response = await admin().post('/api/pause-reasons', { clientId: await client(), name: 'Swept' });
        return { response, entityId: response.body.id };
      },
    },
    'PATCH /api/pause-reasons/:id': {
      action: 'pause_reason.update',
      write: async () => {
        const id = await pauseReason();
        return write('PATCH', `/api/pause-reasons/${id}`, id, { position: 3 });
      },
    },
    'DELETE /api/pause-reasons/:id': {
      action: 'pause_reason.delete',
      write: async () => {
        const id = await pauseReason();
        return write('DELETE', `/api/pause-reasons/${id}`, id);
      },
    },
    // Opt-out (issue 15).
    'POST /api/opt-outs': {
      action: 'opt_out.create',
      write: async () => {
        const response = await admin().post('/api/opt-outs', { clientId: await client(), number: uniqueNumber() });
        return { response, entityId: response.body.id };
      },
    },
    'DELETE /api/opt-outs/:id': {
      action: 'opt_out.delete',
      write: async () => {
        const added = await admin().post('/api/opt-outs', { clientId: await client(), number: uniqueNumber() });
        return write('DELETE', `/api/opt-outs/${added.body.id}`, added.body.id as string);
      },
    },
    'PUT /api/opt-outs/settings/:clientId': {
      action: 'opt_out_settings.update',
      write: async () => {
        const id = await client();
        return write('PUT', `/api/opt-outs/settings/${id}`, id, {
          enabled: true,
          optOutKeywords: ['STOP'],
          optInKeywords: ['START'],
          optOutConfirmation: null,
          optInConfirmation: null,
        });
      },
    },
  };

  function writeRoutes(): string[] {
    return server.switchboard.routes
      .filter(
        (r) =>
          ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) &&
          r.path.startsWith('/api/') &&
          !r.path.startsWith('/api/auth/') &&
          !r.path.endsWith('*'),
      )
      .map((r) => `${r.method} ${r.path}`);
  }

  it('has a case or a documented exemption for every write route, and none for a route that is gone', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => !AUDITED[route] && !NOT_AUDITED[route])).toEqual([]);
    expect([...Object.keys(AUDITED), ...Object.keys(NOT_AUDITED)].filter((route) => !routes.includes(route))).toEqual(
      [],
    );
  });

  it('writes exactly one entry naming the object and its declared action for each audited write', async () => {
    const failures: string[] = [];
    for (const route of writeRoutes().filter((r) => AUDITED[r])) {
      const { action, write: run } = AUDITED[route]!;
      const { response, entityId } = await run();
      if (response.status < 200 || response.status > 299) {
        failures.push(`${route} → ${response.status} ${JSON.stringify(response.body)}`);
        continue;
      }
      const log = await admin().get(`/api/audit-log?entityId=${entityId}&action=${action}`);
      expect(log.status).toBe(200);
      if (log.body.items.length !== 1)
        failures.push(`${route}: ${log.body.items.length} ${action} entries for ${entityId}`);
    }
    expect(failures).toEqual([]);
  });
});
