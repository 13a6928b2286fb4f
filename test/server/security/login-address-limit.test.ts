import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { createUser, SecretLedger } from '../../support/fixtures';
import { rawLogin } from '../../support/raw-request';

/** The README promises: failed logins are limited per account (10) and per address (50) in 15 minutes. */
const server = useTestServer();
const secrets = new SecretLedger();

beforeAll(async () => {});

const login = (email: string, password: string, localAddress: string) =>
  rawLogin(server.url, { email, password }, localAddress);

describe('failed logins per address', () => {
  it('counts 50 failures from one address across accounts, and answers the 51st attempt 429', async () => {
    const address = '127.0.18.1';
    const user = await createUser(server.admin, { role: 'system_admin' }, secrets);
    const wrong = secrets.add('wrong-password-address-limit');
    // Never more than a few per account, so only the address can reach its limit.
    for (let attempt = 1; attempt <= 50; attempt++) {
      const email = attempt <= 5 ? user.email : `sprayed-${attempt}@example.test`;
      const response = await login(email, wrong, address);
      expect(response.status, `failure ${attempt}`).toBe(401);
    }

    const limited = await login(`sprayed-51@example.test`, wrong, address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password: the address has used up its tries.
    expect((await login(user.email, user.password, address)).status).toBe(429);
    // Another address is not affected, and the account itself is below its own limit.
    expect((await login(user.email, user.password, '127.0.18.2')).status).toBe(200);
  });
});
