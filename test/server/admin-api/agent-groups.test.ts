import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createClient,
  createTenantWithUsers,
  createUserRecord,
  uniqueName,
  type Tenant,
} from '../../support/fixtures';

const server = useTestServer();
let tenant: Tenant;
let foreign: Tenant;
let billing: string;
let claims: string;
let sales: string;
/** A group of another client of the same reseller. */
let siblingGroup: string;

beforeAll(async () => {
  tenant = await createTenantWithUsers(server.admin, uniqueName('Groups'));
  foreign = await createTenantWithUsers(server.admin, uniqueName('Foreign groups'));
  const group = async (clientId: string) =>
    (await createAcdGroup(server.admin, { name: uniqueName('Group'), clientId })).id;
  [billing, claims, sales] = [await group(tenant.clientId), await group(tenant.clientId), await group(tenant.clientId)];
  siblingGroup = await group((await createClient(server.admin, tenant.resellerId)).id);
});

/** A new agent of the tenant's client, in `groups`. */
async function agentIn(groups: { acdGroupId: string; priority: number }[]) {
  const { id } = await createUserRecord(server.admin, { role: 'agent', clientId: tenant.clientId });
  if (groups.length > 0) expect((await server.admin.put(`/api/agents/${id}/groups`, { groups })).status).toBe(200);
  return id;
}

const groupsOf = async (agentId: string) =>
  ((await server.admin.get(`/api/agents/${agentId}`)).body.groups as { acdGroupId: string; priority: number }[])
    .map(({ acdGroupId, priority }) => ({ acdGroupId, priority }))
    .sort((a, b) => a.acdGroupId.localeCompare(b.acdGroupId));

const sorted = <T extends { acdGroupId: string }>(groups: T[]) =>
  [...groups].sort((a, b) => a.acdGroupId.localeCompare(b.acdGroupId));

const auditOf = async (agentId: string) =>
  (await server.admin.get(`/api/audit-log?entityId=${agentId}&action=user.update.acd_groups`)).body.items as {
    before: { acdGroups: { acdGroupId: string; name: string; priority: number }[] };
    after: { acdGroups: { acdGroupId: string; name: string; priority: number }[] };
  }[];

describe('PUT /api/agents/:id/groups', () => {
  it('replaces every membership of the agent with the list, and answers the agent', async () => {
    const agentId = await agentIn([
      { acdGroupId: billing, priority: 1 },
      { acdGroupId: claims, priority: 2 },
    ]);
    const wanted = [
      { acdGroupId: claims, priority: 7 },
      { acdGroupId: sales, priority: 0 },
    ];
    const response = await tenant.clientAdmin.api.put(`/api/agents/${agentId}/groups`, { groups: wanted });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: agentId, clientId: tenant.clientId });
    expect(
      sorted(
        response.body.groups.map(({ acdGroupId, priority }: (typeof wanted)[number]) => ({ acdGroupId, priority })),
      ),
    ).toEqual(sorted(wanted));
    expect(await groupsOf(agentId)).toEqual(sorted(wanted));
    // The groups say so too.
    const claimsGroup = (await server.admin.get(`/api/acd-groups/${claims}`)).body;
    expect(claimsGroup.members).toContainEqual({ agentId, priority: 7 });
    expect((await server.admin.get(`/api/acd-groups/${billing}`)).body.members).not.toContainEqual(
      expect.objectContaining({ agentId }),
    );

    const none = await server.admin.put(`/api/agents/${agentId}/groups`, { groups: [] });
    expect(none.status).toBe(200);
    expect(await groupsOf(agentId)).toEqual([]);
  });

  it('audits the change once, as a change of the agent with the groups by name before and after', async () => {
    const agentId = await agentIn([]);
    const before = await auditOf(agentId);
    expect(before).toHaveLength(0);
    await tenant.clientAdmin.api.put(`/api/agents/${agentId}/groups`, {
      groups: [
        { acdGroupId: billing, priority: 3 },
        { acdGroupId: sales, priority: 1 },
      ],
    });
    const entries = await auditOf(agentId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.before.acdGroups).toEqual([]);
    expect(sorted(entries[0]!.after.acdGroups)).toEqual(
      sorted([
        { acdGroupId: billing, name: expect.any(String), priority: 3 },
        { acdGroupId: sales, name: expect.any(String), priority: 1 },
      ]),
    );
    // The same list again changes nothing, and records nothing.
    await tenant.clientAdmin.api.put(`/api/agents/${agentId}/groups`, {
      groups: [
        { acdGroupId: sales, priority: 1 },
        { acdGroupId: billing, priority: 3 },
      ],
    });
    expect(await auditOf(agentId)).toHaveLength(1);
  });

  it('refuses a group of another client with 404 naming the entry, and changes nothing', async () => {
    const kept = [{ acdGroupId: billing, priority: 4 }];
    const agentId = await agentIn(kept);
    for (const outsider of [siblingGroup, foreign.clientId, crypto.randomUUID()]) {
      const response = await server.admin.put(`/api/agents/${agentId}/groups`, {
        groups: [
          { acdGroupId: claims, priority: 1 },
          { acdGroupId: outsider, priority: 1 },
        ],
      });
      expect(response).toMatchObject({ status: 404, body: { field: 'groups.1.acdGroupId' } });
    }
    // Not even the valid first entry was written: the list is one transaction.
    expect(await groupsOf(agentId)).toEqual(kept);
    expect(await auditOf(agentId)).toHaveLength(1);
  });

  it('refuses a group listed twice, and a malformed list, with 400 naming the field', async () => {
    const agentId = await agentIn([]);
    const twice = await server.admin.put(`/api/agents/${agentId}/groups`, {
      groups: [
        { acdGroupId: billing, priority: 1 },
        { acdGroupId: billing, priority: 2 },
      ],
    });
    expect(twice).toMatchObject({ status: 400, body: { field: 'groups.1.acdGroupId' } });
    const priority = await server.admin.put(`/api/agents/${agentId}/groups`, {
      groups: [{ acdGroupId: billing, priority: 101 }],
    });
    expect(priority).toMatchObject({ status: 400, body: { field: 'groups.0.priority' } });
    expect(await groupsOf(agentId)).toEqual([]);
  });

  it("answers 404 for another tenant's agent and for a user who is no agent, 403 to an agent", async () => {
    const agentId = await agentIn([]);
    const body = { groups: [{ acdGroupId: billing, priority: 0 }] };
    expect((await foreign.clientAdmin.api.put(`/api/agents/${agentId}/groups`, body)).status).toBe(404);
    expect((await foreign.resellerAdmin.api.put(`/api/agents/${agentId}/groups`, body)).status).toBe(404);
    expect((await server.admin.put(`/api/agents/${tenant.clientAdmin.id}/groups`, body)).status).toBe(404);
    expect((await tenant.agent.api.put(`/api/agents/${agentId}/groups`, body)).status).toBe(403);
    expect(await groupsOf(agentId)).toEqual([]);
  });
});
