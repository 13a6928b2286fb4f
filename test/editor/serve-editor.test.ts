import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { serveEditor } from '../../server/http/serve-editor';

// The build root sits beside files it must never serve: one in its parent, and one in a sibling
// folder whose name starts with the root's.
const parent = mkdtempSync(join(tmpdir(), 'serve-editor-'));
const root = join(parent, 'build');
const SECRET = 'secret beside the build root';
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(parent, 'secret.txt'), SECRET);
mkdirSync(join(parent, 'build-private'));
writeFileSync(join(parent, 'build-private', 'secret.txt'), SECRET);
writeFileSync(join(root, 'inside.txt'), 'inside the build root');
writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app");'.repeat(50));
writeFileSync(join(root, 'favicon.svg'), '<svg/>');

function appWith(options = { root }) {
  const app = new Hono();
  app.get('/api/known', (c) => c.json({ ok: true }));
  app.use(serveEditor(options));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('serveEditor', () => {
  it('caches hashed assets for a year', async () => {
    const response = await appWith().request('/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers index.html with no-cache, and for every app route (SPA fallback)', async () => {
    for (const path of ['/', '/traffic', '/routing-applications/0196a0b0-0000-7000-8000-000000000000']) {
      const response = await appWith().request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toContain('<div id="root">');
    }
  });

  it('leaves /api, /SMSReceiver and the probes to the server', async () => {
    const app = appWith();
    expect((await app.request('/api/unknown')).status).toBe(404);
    expect(await (await app.request('/api/unknown')).json()).toEqual({ error: 'not found' });
    expect((await app.request('/SMSReceiver')).headers.get('content-type')).toContain('application/json');
    expect((await app.request('/healthz')).status).toBe(404);
    expect(await (await app.request('/api/known')).json()).toEqual({ ok: true });
  });

  it('answers 404 for a missing file', async () => {
    expect((await appWith().request('/assets/missing-123.js')).status).toBe(404);
  });

  describe('refuses to leave the build directory', () => {
    // Each names a real file outside the root, however the dots and slashes are encoded.
    const escapes = [
      '/..%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/.%2e/secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2F..%2Fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2Fbuild-private%2Fsecret.txt',
      '/..%5Csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..%252Fsecret.txt',
      '/..%c0%afsecret.txt',
    ];

    it('serves files inside it (the control)', async () => {
      expect(await (await appWith().request('/inside.txt')).text()).toBe('inside the build root');
    });

    it.each(escapes)('%s', async (path) => {
      const response = await appWith().request(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain(SECRET);
    });

    it('over a real socket, where the request line reaches the server as sent', async () => {
      const server = serve({ fetch: appWith().fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      try {
        const { port } = server.address() as AddressInfo;
        expect(await rawGet(port, '/inside.txt')).toMatch(/^HTTP\/1\.1 200[\s\S]*inside the build root$/);
        for (const path of [...escapes, '/../secret.txt', '/assets/../../secret.txt', '/..\\..\\secret.txt']) {
          const response = await rawGet(port, path);
          expect(response, path).not.toContain(SECRET);
          expect(response, path).toMatch(/^HTTP\/1\.1 (404|400) /);
        }
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  it('revalidates with the etag and compresses for clients that accept gzip', async () => {
    const app = appWith();
    const first = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await first.arrayBuffer())).toString()).toContain('console.log');
    const again = await app.request('/assets/index-abc123.js', {
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('says how to build the UI when there is no build', async () => {
    const response = await appWith({ root: join(root, 'nothing-here') }).request('/connectors');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:editor');
  });

  it('does not answer other methods', async () => {
    expect((await appWith().request('/traffic', { method: 'POST' })).status).toBe(404);
  });
});

/** One GET with the path exactly as given (fetch would resolve dot segments first); answers the raw response. */
function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}
