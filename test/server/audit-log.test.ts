import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createDirectConnector } from '../support/api-client';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('audit log', () => {
  it('records who changed a connector, when, and the fields before and after, never the token', async () => {
    const { connectorId, clientId, token } = await createDirectConnector(server.admin, '+4970100001');
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
    const reseller = await server.admin.post('/api/resellers', { name: 'Audit reseller' });
    const client = await server.admin.post('/api/clients', { name: 'Audit client', resellerId: reseller.body.id });
    const user = await server.admin.post('/api/users', {
      email: 'audit-agent@example.test',
      password: 'agent password 1',
      role: 'agent',
      clientId: client.body.id,
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
    const a = await createDirectConnector(server.admin, '+4970100002');
    const b = await createDirectConnector(server.admin, '+4970100003');
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
    expect((await adminA.get(`/api/audit-log?clientId=${b.clientId}`)).body.items).toEqual([]);

    const agent = new ApiClient(server.url);
    await agent.login('audit-agent-a@example.test', 'agent a password');
    expect((await agent.get('/api/audit-log')).status).toBe(403);
  });

  it("records a client admin's API keys and own password change for their client, never the secrets", async () => {
    const { clientId } = await createDirectConnector(server.admin, '+4970100005');
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

  it('records nothing when a change is refused', async () => {
    const { connectorId } = await createDirectConnector(server.admin, '+4970100004');
    const refused = await server.admin.patch(`/api/connectors/${connectorId}`, { recipient: 'not a number' });
    expect(refused.status).toBe(400);
    const log = await server.admin.get(`/api/audit-log?entityId=${connectorId}`);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['connector.create']);
  });
});
