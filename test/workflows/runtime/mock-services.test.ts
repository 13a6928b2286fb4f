import { describe, expect, it } from 'vitest';
import { createMockServices, SimulationMocks, type HttpRequest } from '../../../workflows/index';
import { GROUP_A } from '../fixtures';

const get = (url: string): HttpRequest => ({ method: 'GET', url, headers: {}, body: undefined, timeoutMs: 1000 });

describe('createMockServices', () => {
  it('answers HTTP by node id first, then by URL, then by URL without its query', async () => {
    const services = createMockServices({
      http: {
        crm: { json: { by: 'node' } },
        'https://a.example.com/x?q=1': { json: { by: 'url' } },
        'https://a.example.com/y': { status: 404, json: { by: 'path' } },
      },
    });
    expect(await services.http(get('https://a.example.com/x?q=1'), { nodeId: 'crm' })).toEqual({
      status: 200,
      json: { by: 'node' },
    });
    expect(await services.http(get('https://a.example.com/x?q=1'), { nodeId: 'other' })).toEqual({
      status: 200,
      json: { by: 'url' },
    });
    expect(await services.http(get('https://a.example.com/y?q=2'), { nodeId: 'other' })).toEqual({
      status: 404,
      json: { by: 'path' },
    });
    expect(services.httpRequests).toHaveLength(3);
  });

  it('fails HTTP calls nobody mocked, or mocked as errors', async () => {
    const services = createMockServices({ http: { down: { error: 'connection refused' } } });
    await expect(services.http(get('https://b.example.com'), { nodeId: 'x' })).rejects.toThrow(
      'no mock answer for GET https://b.example.com',
    );
    await expect(services.http(get('https://b.example.com'), { nodeId: 'down' })).rejects.toThrow('connection refused');
  });

  it('answers group status from the mocks, unmocked groups having no agents', async () => {
    const services = createMockServices({ acdGroups: { [GROUP_A]: { availableAgents: 3 } } });
    expect(await services.acd.groupStatus(GROUP_A)).toEqual({ availableAgents: 3, queueLength: 0 });
    expect(await services.acd.groupStatus('unknown')).toEqual({ availableAgents: 0, queueLength: 0 });
  });

  it('draws the mocked random number', () => {
    expect(createMockServices({ random: 0.25 }).random()).toBe(0.25);
    const draw = createMockServices().random();
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThan(1);
  });

  it('validates mocks as an API body would be', () => {
    expect(SimulationMocks.safeParse({ random: 1 }).success).toBe(false);
    expect(SimulationMocks.safeParse({ http: { x: { status: 200, extra: 1 } } }).success).toBe(false);
    expect(SimulationMocks.safeParse({ acdGroups: { [GROUP_A]: { availableAgents: -1 } } }).success).toBe(false);
  });
});
