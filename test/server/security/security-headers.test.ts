import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../../editor/build-if-stale';
import { startTestServer, type TestServer } from '../../support/test-server';

let server: TestServer;
let asset: string;

beforeAll(async () => {
  await buildEditorIfStale({ quiet: true });
  asset = readdirSync(fileURLToPath(new URL('../../../dist/editor/assets/', import.meta.url))).find((file) =>
    file.endsWith('.js'),
  )!;
  server = await startTestServer();
}, 180_000);
afterAll(async () => server?.close());

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

function expectSecurityHeaders(response: Response, what: string) {
  const csp = directives(response.headers.get('content-security-policy'));
  expect(csp.get('default-src'), what).toBe("'self'");
  expect(csp.get('script-src'), what).toMatch(/^'self'( 'nonce-[A-Za-z0-9+/=]+')?$/);
  expect(csp.get('style-src'), what).toBe("'self' 'unsafe-inline'");
  expect(csp.get('frame-ancestors'), what).toBe("'none'");
  expect(csp.get('object-src'), what).toBe("'none'");
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
}

describe('security headers', () => {
  it('are on the web UI, its client-side routes and its assets', async () => {
    for (const path of ['/', '/login', '/users', `/assets/${asset}`, '/favicon.svg']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
    }
  });

  it('are on API answers: success, refusal and unknown routes', async () => {
    const me = await fetch(`${server.url}/api/auth/me`);
    expect(me.status).toBe(401);
    expectSecurityHeaders(me, 'GET /api/auth/me (401)');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(login.status).toBe(400);
    expectSecurityHeaders(login, 'POST /api/auth/login (400)');
    const openapi = await fetch(`${server.url}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    expectSecurityHeaders(openapi, 'GET /api/openapi.json');
    const unknown = await fetch(`${server.url}/api/no-such-thing`, { headers: server.admin.authHeaders() });
    expect(unknown.status).toBe(404);
    expectSecurityHeaders(unknown, 'GET /api/no-such-thing');
  });

  it('let only the inline script of /api/docs run, by a nonce new on every answer', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/api/docs`);
      expectSecurityHeaders(response, '/api/docs');
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)?.[1];
      expect(nonce).toBeDefined();
      expect(await response.text()).toContain(`<script nonce="${nonce}">`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    // Everything else allows no inline script at all.
    const ui = await fetch(`${server.url}/`);
    expect(directives(ui.headers.get('content-security-policy')).get('script-src')).toBe("'self'");
  });

  it('send no Strict-Transport-Security: that is for the TLS proxy in front to decide', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
