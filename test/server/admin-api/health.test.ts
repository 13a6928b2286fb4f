import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';

const server = useTestServer();

beforeAll(async () => {});

describe('health endpoints', () => {
  it('answers 200 at /healthz while the process is up', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('answers 200 {status: "ready"} at /readyz once the database is migrated', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('answers both without a login', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: '' } });
      expect(response.status, path).toBe(200);
    }
  });
});
