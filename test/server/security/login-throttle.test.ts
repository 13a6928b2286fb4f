import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, useTestServer } from '../../support/test-server';
import { createUser, SecretLedger } from '../../support/fixtures';
import { rawLogin } from '../../support/raw-request';

const server = useTestServer();
const secrets = new SecretLedger(ADMIN_PASSWORD);

const login = (email: string, password: string, localAddress: string) =>
  rawLogin(server.url, { email, password }, localAddress);

async function failuresStored(): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from login_failure`.execute(
    server.switchboard.database.db,
  );
  return result.rows[0]!.n;
}

describe('failed logins arriving at once', () => {
  it('checks at most 10 passwords of one account, however many wrong ones arrive together', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const wrong = secrets.add('wrong-password-all-at-once');
    const results = await Promise.all(Array.from({ length: 40 }, () => login(user.email, wrong, '127.0.0.21')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    for (const limited of results.filter((r) => r.status === 429)) {
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }

    // The right password waits for the window too, from any address.
    const correct = await login(user.email, user.password, '127.0.0.22');
    expect(correct.status).toBe(429);
    expect(correct.body.error).toMatch(/Too many failed logins/);
  });

  it('lets correct logins arriving together through and counts none of them as failures', async () => {
    // Fewer than 10: a check in progress holds a slot until it is known to have succeeded.
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const before = await failuresStored();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(user.email, user.password, `127.0.1.${i + 1}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await failuresStored()).toBe(before);
  });

  it('checks at most 50 passwords from one address, spread over many accounts at once', async () => {
    const wrong = secrets.add('wrong-password-spray-at-once');
    const results = await Promise.all(
      Array.from({ length: 70 }, (_, i) => login(`spray-at-once-${i}@example.test`, wrong, '127.0.0.23')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('lets the account in again once its failures left the window', async () => {
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const wrong = secrets.add('wrong-password-then-window');
    await Promise.all(Array.from({ length: 12 }, () => login(user.email, wrong, '127.0.0.24')));
    expect((await login(user.email, user.password, '127.0.0.24')).status).toBe(429);
    // Fifteen minutes pass for these failures.
    await sql`update login_failure set failed_at = failed_at - interval '16 minutes'`.execute(
      server.switchboard.database.db,
    );
    expect((await login(user.email, user.password, '127.0.0.24')).status).toBe(200);
  });
});

describe('secrets', () => {
  it('never writes a password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});
