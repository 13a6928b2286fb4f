import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../support/test-server';

const server = useTestServer();
beforeAll(async () => {});

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

  it('gives every operation a summary and the schema of its success answer', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, any> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(70);
    expect(operations.filter(({ op }) => !op.summary).map(({ key }) => key)).toEqual([]);
    const undescribed = operations.filter(
      ({ op }) =>
        !Object.entries(op.responses).some(([status, r]) => Number(status) < 300 && (r.content || status === '204')),
    );
    expect(undescribed.map(({ key }) => key)).toEqual([]);

    const connector = doc.paths['/api/connectors/{id}']!.get!.responses['200'].content['application/json'].schema;
    expect(Object.keys(connector.properties)).toEqual(
      expect.arrayContaining(['recipient', 'tokenHint', 'routingType']),
    );
    expect(connector.properties.routingType.enum).toEqual(['direct_acd_group', 'routing_application']);
    const list = doc.paths['/api/sms']!.get as any;
    expect(
      list.responses['200'].content['application/json'].schema.properties.items.items.properties.status.enum,
    ).toContain('dropped');
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'clientId', 'connectorId', 'status', 'from', 'to']),
    );
  });

  it('documents the /SMSReceiver parameters with every alias providers use, and its answers', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, any> };
    const receiver = doc.paths['/SMSReceiver'];
    const names = receiver.get.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['receiver', 'ziel', 'system', 'sender', 'absender', 'message', 'data', 'smstext']),
    );
    expect(names).toEqual(expect.arrayContaining(['keyword', 'token', 'messageId', 'id', 'msgid', 'MessageSid']));
    expect(receiver.get.parameters.find((p: any) => p.name === 'ziel').description).toBe('Alias of `receiver`.');
    const headers = receiver.get.parameters.filter((p: any) => p.in === 'header').map((p: any) => p.name);
    expect(headers).toEqual(['authorization', 'x-switchboard-token']);
    expect(Object.keys(receiver.post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json',
    ]);
    expect(receiver.get.security).toEqual([]);
    expect(receiver.get.responses['200'].content['application/json'].schema.properties.status.const).toBe('accepted');
    expect(Object.keys(receiver.get.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '413', '500', '502']),
    );
  });

  it('has a readable page at /api/docs', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Switchboard admin API');
  });
});
