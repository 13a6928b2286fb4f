import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('OpenAPI document', () => {
  it('is served without logging in and describes the admin routes with their body schemas', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/connectors',
        '/api/connectors/{id}',
        '/api/connectors/{id}/token',
        '/api/sms/{id}',
      ]),
    );
    const create = doc.paths['/api/connectors']!.post.requestBody.content['application/json'].schema;
    expect(create.properties).toHaveProperty('recipient');
    expect(create.additionalProperties).toBe(false);
  });

  it('includes list, create and delete routes of the resources', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const res = await server.admin.get('/api/auth/me');
    expect(res.status).toBe(200);
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/sms',
        'POST /api/resellers',
        'DELETE /api/api-keys/{id}',
        'GET /api/media-events',
      ]),
    );
  });

  it('has a readable page at /api/docs', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Switchboard admin API');
  });
});
