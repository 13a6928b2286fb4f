import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, useTestServer } from '../../support/test-server';
import { createTenant, createUser, SecretLedger, uniqueName } from '../../support/fixtures';
import { rawRequest } from '../../support/raw-request';

const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);

beforeAll(async () => {});

function login(email: string, password: string, localAddress?: string) {
  return rawRequest(server.url, {
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    ...(localAddress ? { localAddress } : {}),
  });
}

function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!header) throw new Error('no Set-Cookie header');
  return header.split(';')[0]!;
}

async function createClientAdmin() {
  const tenant = await createTenant(server.admin, {
    reseller: uniqueName('Auth reseller'),
    client: uniqueName('Auth client'),
  });
  const user = await createUser(server.admin, { role: 'client_admin', clientId: tenant.clientId }, secrets);
  return { user, ...tenant };
}

describe('POST /api/auth/login', () => {
  it('answers 200 with the user and sets an HttpOnly SameSite session cookie', async () => {
    const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email: ADMIN_EMAIL, role: 'system_admin', reseller: null, client: null });
    const setCookie = String(response.headers['set-cookie']);
    secrets.add(sessionCookieOf(response.headers['set-cookie']).split('=')[1]);
    expect(setCookie).toMatch(/^sb_session=[^;]+/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    // Served over plain HTTP with no https public URL: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/;\s*Secure/i);
  });

  it(
    'marks the cookie Secure when the public URL is https (TLS ended by a proxy in front)',
    { timeout: 60_000 },
    async () => {
      const behindProxy = await startTestServer({
        env: { SWITCHBOARD_PUBLIC_URL: 'https://switchboard.example.test' },
      });
      try {
        const response = await rawRequest(behindProxy.url, {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
        });
        expect(response.status).toBe(200);
        secrets.add(sessionCookieOf(response.headers['set-cookie']).split('=')[1]);
        expect(String(response.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      } finally {
        await behindProxy.close();
      }
    },
  );

  it('accepts the e-mail address in any letter case', async () => {
    const response = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(response.status).toBe(200);
  });

  it('answers 401 with an error and sets no cookie when the password is wrong', async () => {
    const wrong = secrets.add('not the right password at all');
    const response = await login(ADMIN_EMAIL, wrong);
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual(expect.any(String));
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('answers the same 401 for an unknown account as for a wrong password', async () => {
    const response = await login('nobody@example.test', secrets.add('whatever-password-1'));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('Wrong e-mail or password');
  });

  it('answers 400 naming the field when the password is missing', async () => {
    const response = await server.admin.request('POST', '/api/auth/login', { email: ADMIN_EMAIL });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('password');
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 with an error without a session cookie', async () => {
    const response = await new ApiClient(server.url).get('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual(expect.any(String));
  });

  it('answers 401 for a made-up session cookie', async () => {
    const response = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: 'sb_session=sbs_madeup' } });
    expect(response.status).toBe(401);
  });

  it('answers the logged-in user with role, reseller and client', async () => {
    const { user, resellerId, clientId } = await createClientAdmin();
    const response = await user.api.get('/api/auth/me');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: user.id,
      email: user.email,
      role: 'client_admin',
      reseller: { id: resellerId, name: expect.any(String) },
      client: { id: clientId, name: expect.any(String) },
    });
  });
});

describe('POST /api/auth/logout', () => {
  it('invalidates the session: the old cookie answers 401 afterwards', async () => {
    const { user } = await createClientAdmin();
    const loggedIn = await login(user.email, user.password);
    const cookie = sessionCookieOf(loggedIn.headers['set-cookie']);
    secrets.add(cookie.split('=')[1]);
    const before = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(before.status).toBe(200);

    const logout = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBeLessThan(300);

    const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('leaves other sessions of the same user working', async () => {
    const { user } = await createClientAdmin();
    const first = sessionCookieOf((await login(user.email, user.password)).headers['set-cookie']);
    const second = sessionCookieOf((await login(user.email, user.password)).headers['set-cookie']);
    secrets.add(first.split('=')[1]);
    secrets.add(second.split('=')[1]);
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: first } });
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: second } })).status).toBe(200);
  });
});

describe('failed-login rate limiting', () => {
  // Each scenario comes from its own loopback address so the per-address count of one does not
  // bleed into another.
  it('answers 429 with Retry-After after 10 failed logins for an account', async () => {
    const { user } = await createClientAdmin();
    const wrong = secrets.add('wrong-password-for-limit');
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await login(user.email, wrong, '127.0.0.2');
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const limited = await login(user.email, wrong, '127.0.0.2');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual(expect.any(String));
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
  });

  it('limits the attacked account from any address, even with its correct password', async () => {
    const { user } = await createClientAdmin();
    const wrong = secrets.add('wrong-password-for-account');
    for (let attempt = 1; attempt <= 10; attempt++) await login(user.email, wrong, '127.0.0.3');
    const fromElsewhere = await login(user.email, user.password, '127.0.0.4');
    expect(fromElsewhere.status).toBe(429);
    expect(fromElsewhere.headers['retry-after']).toBeDefined();
  });

  it('still lets another account log in with its correct password from the same address', async () => {
    const { user: attacked } = await createClientAdmin();
    const { user: other } = await createClientAdmin();
    const wrong = secrets.add('wrong-password-for-neighbour');
    for (let attempt = 1; attempt <= 10; attempt++) await login(attacked.email, wrong, '127.0.0.5');
    expect((await login(attacked.email, wrong, '127.0.0.5')).status).toBe(429);

    const response = await login(other.email, other.password, '127.0.0.5');
    expect(response.status).toBe(200);
    expect(response.body.email).toBe(other.email);
  });

  it('eventually limits one address that tries many different accounts', async () => {
    const wrong = secrets.add('wrong-password-for-spray');
    let limitedAt = 0;
    for (let attempt = 1; attempt <= 100 && limitedAt === 0; attempt++) {
      const response = await login(`spray${attempt}@example.test`, wrong, '127.0.0.6');
      if (response.status === 429) limitedAt = attempt;
      else expect(response.status).toBe(401);
    }
    expect(limitedAt).toBeGreaterThan(0);
  });

  it('forgets failures that left the window, whichever account they were for', async () => {
    const db = server.switchboard.database.db;
    const stale = await sql<{ n: number }>`
      insert into login_failure (key_hash, failed_at)
      select 'stale-' || i, now() - interval '16 minutes' from generate_series(1, 50) i
      returning 1 as n`.execute(db);
    expect(stale.rows).toHaveLength(50);
    expect((await login('nobody-here@example.test', secrets.add('wrong-password-for-prune'), '127.0.0.7')).status).toBe(
      401,
    );
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from login_failure where key_hash like 'stale-%'`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('counts the failures of every instance on one database', { timeout: 60_000 }, async () => {
    // Several instances need a shared database server: PostgreSQL, whatever TEST_DB says.
    const first = await startTestServer({ backend: 'postgres' });
    const second = await startTestServer({ shareDatabaseOf: first });
    try {
      const user = await createUser(first.admin, { role: 'system_admin' }, secrets);
      const wrong = secrets.add('wrong-password-across-instances');
      for (let attempt = 1; attempt <= 10; attempt++) {
        const instance = attempt % 2 === 0 ? first : second;
        const response = await rawRequest(instance.url, {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: user.email, password: wrong }),
        });
        expect(response.status, `attempt ${attempt}`).toBe(401);
      }
      for (const instance of [first, second]) {
        const response = await rawRequest(instance.url, {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: user.email, password: user.password }),
        });
        expect(response.status).toBe(429);
      }
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('secrets', () => {
  it('never writes a password or session token to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});

describe('cross-site request protection', () => {
  it('refuses a cookie-authenticated write from another origin, and allows it from our own', async () => {
    const cookieLogin = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const cookie = cookieLogin.headers.get('set-cookie')!.split(';')[0]!;
    const write = (origin: string) =>
      fetch(`${server.url}/api/resellers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin },
        body: JSON.stringify({ name: 'CSRF check' }),
      });
    const evil = await write('https://evil.example');
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: 'Cross-site request refused' });
    expect((await write(server.url)).status).toBe(201);
  });
});

describe('own password and sessions', () => {
  it('changes the own password with the current one, ending other sessions but keeping this one', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' });
    const other = new ApiClient(server.url);
    await other.login(user.email, user.password);
    const wrong = await user.api.post('/api/auth/password', {
      currentPassword: 'not it',
      newPassword: 'a new password 1',
    });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'currentPassword' } });
    const short = await user.api.post('/api/auth/password', { currentPassword: user.password, newPassword: 'short' });
    expect(short).toMatchObject({ status: 400, body: { field: 'newPassword' } });
    const changed = await user.api.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'a new password 1',
    });
    expect(changed.status).toBe(204);
    expect((await user.api.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    await new ApiClient(server.url).login(user.email, 'a new password 1');
  });

  it('logs out everywhere', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' });
    const second = new ApiClient(server.url);
    await second.login(user.email, user.password);
    expect((await user.api.post('/api/auth/logout-everywhere')).status).toBe(204);
    expect((await user.api.get('/api/auth/me')).status).toBe(401);
    expect((await second.get('/api/auth/me')).status).toBe(401);
  });
});
