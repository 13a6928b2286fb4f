import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../server/auth/secrets';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import { createUser, SecretLedger } from '../../support/fixtures';
import { rawLogin } from '../../support/raw-request';

/** The session cookie: how long it lasts, and that other sites cannot write with it. */
const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);

const db = () => server.switchboard.database.db;

async function loginCookie(email: string, password: string): Promise<{ cookie: string; token: string }> {
  const response = await rawLogin(server.url, { email, password });
  expect(response.status).toBe(200);
  const header = String(response.headers['set-cookie']);
  const cookie = header.split(';')[0]!;
  const token = secrets.add(cookie.slice(cookie.indexOf('=') + 1));
  return { cookie, token };
}

const me = (cookie: string) => fetch(`${server.url}/api/auth/me`, { headers: { cookie } });

describe('session expiry', () => {
  it('lasts 12 hours, in the database and in the cookie', async () => {
    const response = await rawLogin(server.url, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/;\s*Max-Age=43200(;|$)/i);
    const token = secrets.add(header.split(';')[0]!.split('=')[1]);
    const session = await db()
      .selectFrom('session')
      .select(['created_at', 'expires_at'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirstOrThrow();
    const lifetime = session.expires_at.getTime() - session.created_at.getTime();
    // Both are taken at login, a moment apart.
    expect(Math.abs(lifetime - 12 * 60 * 60 * 1000)).toBeLessThan(5000);
  });

  it('answers 401 once the session has expired, and keeps other sessions of the user working', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const expiring = await loginCookie(user.email, user.password);
    const other = await loginCookie(user.email, user.password);
    expect((await me(expiring.cookie)).status).toBe(200);

    await sql`update session set expires_at = now() - interval '1 second'
      where token_hash = ${hashSecret(expiring.token)}`.execute(db());

    const expired = await me(expiring.cookie);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ error: 'Log in first, or send a valid API key' });
    const write = await fetch(`${server.url}/api/resellers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: expiring.cookie },
      body: JSON.stringify({ name: 'Written with an expired session' }),
    });
    expect(write.status).toBe(401);
    expect((await me(other.cookie)).status).toBe(200);
  });

  it('still answers until the last moment of the session', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const session = await loginCookie(user.email, user.password);
    await sql`update session set expires_at = now() + interval '1 minute'
      where token_hash = ${hashSecret(session.token)}`.execute(db());
    expect((await me(session.cookie)).status).toBe(200);
  });
});

describe('cross-site writes by Sec-Fetch-Site', () => {
  let cookie: string;
  beforeAll(async () => {
    ({ cookie } = await loginCookie(ADMIN_EMAIL, ADMIN_PASSWORD));
  });

  const createReseller = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/resellers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name: `Fetch metadata ${Math.random()}` }),
    });

  // Browsers that send Sec-Fetch-Site may leave out Origin, so the header alone has to decide.
  it.each(['cross-site', 'same-site'])('refuses a cookie write marked %s, without an Origin', async (site) => {
    const response = await createReseller({ cookie, 'sec-fetch-site': site });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Cross-site request refused' });
  });

  it('refuses a cookie write marked cross-site even when its Origin is ours', async () => {
    const response = await createReseller({ cookie, 'sec-fetch-site': 'cross-site', origin: server.url });
    expect(response.status).toBe(403);
  });

  it.each(['same-origin', 'none'])('accepts a cookie write marked %s', async (site) => {
    expect((await createReseller({ cookie, 'sec-fetch-site': site, origin: server.url })).status).toBe(201);
    expect((await createReseller({ cookie, 'sec-fetch-site': site })).status).toBe(201);
  });

  it('lets cross-site reads through', async () => {
    const response = await fetch(`${server.url}/api/resellers`, {
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(200);
  });

  it('does not apply to API keys, which no other site can send', async () => {
    const created = await server.admin.post('/api/api-keys', { name: 'Fetch metadata key' });
    expect(created.status).toBe(201);
    const key = secrets.add(created.body.key);
    const response = await createReseller({ authorization: `Bearer ${key}`, 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(201);
  });
});

describe('secrets', () => {
  it('never writes a password or session token to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
