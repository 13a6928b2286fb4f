import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { useTestServer } from '../../support/test-server';
import { createTenantWithUsers, type Tenant } from '../../support/fixtures';

const server = useTestServer();
let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenantWithUsers(server.admin, 'Language');
});

describe('the signed-in user’s language (PATCH /api/auth/me)', () => {
  it('is null until chosen, then answered by GET /api/auth/me and kept across sign-ins', async () => {
    const { api, email, password } = tenant.agent;
    expect((await api.get('/api/auth/me')).body.language).toBeNull();

    const chosen = await api.request('PATCH', '/api/auth/me', { language: 'de' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ email, language: 'de' });

    const again = new ApiClient(server.url);
    await again.login(email, password);
    expect((await again.get('/api/auth/me')).body.language).toBe('de');

    expect((await api.request('PATCH', '/api/auth/me', { language: null })).body.language).toBeNull();
  });

  it('refuses a language Switchboard does not speak, and anything else in the body', async () => {
    const { api } = tenant.clientAdmin;
    const french = await api.request('PATCH', '/api/auth/me', { language: 'fr' });
    expect(french.status).toBe(400);
    const more = await api.request('PATCH', '/api/auth/me', { language: 'de', role: 'system_admin' });
    expect(more.status).toBe(400);
    const me = await api.get('/api/auth/me');
    expect(me.body).toMatchObject({ language: null, role: 'client_admin' });
  });

  it('changes only the caller and is audited', async () => {
    const { api, id } = tenant.resellerAdmin;
    expect((await api.request('PATCH', '/api/auth/me', { language: 'de' })).status).toBe(200);
    expect((await tenant.clientAdmin.api.get('/api/auth/me')).body.language).toBeNull();
    const log = await server.admin.get(`/api/audit-log?entityId=${id}`);
    const entry = log.body.items.find((item: { action: string }) => item.action === 'user.update.own_language');
    expect(entry).toMatchObject({ entityType: 'user', entityId: id, after: { language: 'de' } });
  });

  it('needs a session', async () => {
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.request('PATCH', '/api/auth/me', { language: 'de' })).status).toBe(401);
  });
});
