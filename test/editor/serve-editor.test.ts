import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { serveEditor } from '../../server/http/serve-editor';

const root = mkdtempSync(join(tmpdir(), 'serve-editor-'));
mkdirSync(join(root, 'assets'));
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

afterAll(() => rmSync(root, { recursive: true, force: true }));

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

  it('answers 404 for a missing file and refuses to leave the build directory', async () => {
    const app = appWith();
    expect((await app.request('/assets/missing-123.js')).status).toBe(404);
    expect((await app.request('/..%2F..%2Fetc%2Fpasswd.txt')).status).toBe(404);
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
