import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allRoutes, contract, type RouteDefinition } from '../../contract';
import { createAcdSetup } from '../support/fixtures';
import { useTestServer } from '../support/test-server';

// The HTTP contract (contract/) is the one declaration of every route: a route the app mounts
// without an entry, or an entry for a route that does not exist, fails here.

const server = useTestServer();

/** The routes the app's router really has, without middleware and the web UI's static files. */
function mountedRoutes(): string[] {
  const routes = server.switchboard.routes
    .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)];
}

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const entry = (mounted: string) => allRoutes.find((route) => key(route) === mounted);

describe('the HTTP contract', () => {
  it('finds the routes of the router', () => {
    expect(mountedRoutes()).toEqual(expect.arrayContaining(['GET /api/connectors', 'POST /SMSReceiver']));
    expect(mountedRoutes().length).toBeGreaterThan(60);
  });

  it('has an entry with a success response schema for every mounted route', () => {
    const undocumented = mountedRoutes().filter((mounted) => {
      const route = entry(mounted);
      return !route || !Object.keys(route.responses).some((status) => Number(status) < 300);
    });
    expect(undocumented).toEqual([]);
  });

  it('says what body each POST, PUT and PATCH route takes (a schema, or null for none)', () => {
    const withoutBody = mountedRoutes().filter(
      (mounted) => /^(POST|PUT|PATCH) /.test(mounted) && entry(mounted)?.body === undefined,
    );
    expect(withoutBody).toEqual([]);
  });

  it('has no entry for a route the app does not mount', () => {
    const mounted = new Set(mountedRoutes());
    expect(allRoutes.map(key).filter((route) => !mounted.has(route))).toEqual([]);
  });

  it('answers what its response schemas say', async () => {
    const ids = await createAcdSetup(server.admin, { recipient: '+4930555000111' });
    const delivered = await fetch(`${server.url}/SMSReceiver?receiver=%2B4930555000111&sender=DHL&message=hi`);
    const sms = (await delivered.json()) as { id: string };
    const application = await server.admin.post('/api/routing-applications', {
      name: 'Contract',
      clientId: ids.clientId,
    });
    const checks: Array<[RouteDefinition, string]> = [
      [contract.auth.me, '/api/auth/me'],
      [contract.resellers.get, `/api/resellers/${ids.resellerId}`],
      [contract.clients.list, '/api/clients'],
      [contract.users.list, '/api/users'],
      [contract.acdGroups.get, `/api/acd-groups/${ids.groupId}`],
      [contract.acdGroups.live, `/api/acd-groups/${ids.groupId}/live`],
      [contract.connectors.list, `/api/connectors?clientId=${ids.clientId}`],
      [contract.routingApplications.get, `/api/routing-applications/${application.body.id}`],
      [contract.routingApplications.getDraft, `/api/routing-applications/${application.body.id}/draft`],
      [contract.agents.list, '/api/agents'],
      [contract.sms.get, `/api/sms/${sms.id}`],
      [contract.mediaEvents.list, '/api/media-events'],
      [contract.auditLog.list, '/api/audit-log'],
      [contract.apiKeys.list, '/api/api-keys'],
      [contract.nodeTypes.list, '/api/node-types'],
    ];
    const mismatches: string[] = [];
    for (const [route, url] of checks) {
      const response = await server.admin.get(url);
      const schema = route.responses[200] as z.ZodType;
      const result = schema.safeParse(response.body);
      if (response.status !== 200 || !result.success) {
        mismatches.push(
          `${route.method} ${url}: ${response.status} ${result.error?.issues[0]?.path.join('.')} ${result.error?.issues[0]?.message}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
    expect(contract.smsReceiver.get.responses[200].parse(sms)).toMatchObject({ status: 'accepted' });
  });
});
