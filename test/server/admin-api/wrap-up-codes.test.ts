import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { createAcdGroup, createTenantWithUsers, uniqueName, type Tenant } from '../../support/fixtures';

const server = useTestServer();
let acme: Tenant;
let other: Tenant;
let seq = 0;
const nextCode = (prefix = 'CODE') => `${prefix}-${++seq}`;

beforeAll(async () => {
  acme = await createTenantWithUsers(server.admin, 'Wrap-up');
  other = await createTenantWithUsers(server.admin, 'Wrap-up other');
});

const create = (body: Record<string, unknown>, as = acme.clientAdmin.api) =>
  as.post('/api/wrap-up-codes', { code: nextCode(), label: 'A label', ...body });

describe('wrap-up codes: CRUD by the client admin', () => {
  it('creates an active code in the admin’s own client, reads, changes and deletes it', async () => {
    const created = await create({ code: 'RESOLVED', label: 'Resolved' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientId: acme.clientId, code: 'RESOLVED', label: 'Resolved', active: true });
    const id = created.body.id as string;
    expect((await acme.clientAdmin.api.get(`/api/wrap-up-codes/${id}`)).body).toEqual(created.body);
    const changed = await acme.clientAdmin.api.patch(`/api/wrap-up-codes/${id}`, { active: false, label: 'Solved' });
    expect(changed.body).toMatchObject({ code: 'RESOLVED', label: 'Solved', active: false });
    expect((await acme.clientAdmin.api.get('/api/wrap-up-codes')).body.items).toContainEqual(changed.body);
    expect((await acme.clientAdmin.api.delete(`/api/wrap-up-codes/${id}`)).status).toBe(204);
    expect((await acme.clientAdmin.api.get(`/api/wrap-up-codes/${id}`)).status).toBe(404);
  });

  it('lets the reseller admin manage them for a client they name; refuses agents', async () => {
    expect((await create({ clientId: acme.clientId }, acme.resellerAdmin.api)).status).toBe(201);
    expect(await create({}, acme.resellerAdmin.api)).toMatchObject({ status: 400, body: { field: 'clientId' } });
    expect((await create({}, acme.agent.api)).status).toBe(403);
    expect((await acme.agent.api.get('/api/wrap-up-codes')).status).toBe(403);
  });

  it('names the field of each refused value', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: undefined }, 'code'],
      [{ code: 'with space' }, 'code'],
      [{ code: '-LEADING' }, 'code'],
      [{ code: 'X'.repeat(41) }, 'code'],
      [{ label: '' }, 'label'],
      [{ active: 'yes' }, 'active'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect({ field, status: response.status, named: response.body.field }).toEqual({
        field,
        status: 400,
        named: field,
      });
    }
    expect((await create({ code: 'bad code' })).body.error).toBe(
      'code: only letters, digits, dots, underscores and dashes, starting with a letter or digit',
    );
  });

  it('answers 409 naming code for a code the client has; another client may have it', async () => {
    const code = nextCode('TAKEN');
    expect((await create({ code })).status).toBe(201);
    expect(await create({ code })).toMatchObject({ status: 409, body: { field: 'code' } });
    expect((await create({ code }, other.clientAdmin.api)).status).toBe(201);
  });

  it('records create, update and delete in the audit log', async () => {
    const created = await create({ label: 'Before' });
    const id = created.body.id as string;
    await acme.clientAdmin.api.patch(`/api/wrap-up-codes/${id}`, { label: 'After' });
    await acme.clientAdmin.api.delete(`/api/wrap-up-codes/${id}`);
    const log = await acme.clientAdmin.api.get(`/api/audit-log?entityId=${id}`);
    expect(log.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'wrap_up_code.delete',
      'wrap_up_code.update',
      'wrap_up_code.create',
    ]);
    expect(log.body.items[1]).toMatchObject({
      clientId: acme.clientId,
      before: { label: 'Before' },
      after: { label: 'After' },
    });
  });
});

describe('an ACD group’s wrap-up setting', () => {
  it('requires no code and offers all of the client’s by default', async () => {
    const group = await createAcdGroup(acme.clientAdmin.api, { name: uniqueName('Default wrap-up') });
    expect(group).toMatchObject({ wrapUpRequired: false, wrapUpCodeIds: null });
  });

  it('takes a chosen subset of the client’s codes and the requirement, on create and on change, and audits it', async () => {
    const [a, b] = [(await create({})).body.id as string, (await create({})).body.id as string];
    const created = await acme.clientAdmin.api.post('/api/acd-groups', {
      name: uniqueName('Subset'),
      wrapUpRequired: true,
      wrapUpCodeIds: [a],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ wrapUpRequired: true, wrapUpCodeIds: [a] });
    const id = created.body.id as string;

    const changed = await acme.clientAdmin.api.patch(`/api/acd-groups/${id}`, { wrapUpCodeIds: [b, a] });
    expect(changed.body.wrapUpCodeIds.sort()).toEqual([a, b].sort());
    expect(changed.body.wrapUpRequired).toBe(true);
    const renamed = await acme.clientAdmin.api.patch(`/api/acd-groups/${id}`, { name: uniqueName('Renamed') });
    expect(renamed.body.wrapUpCodeIds.sort()).toEqual([a, b].sort());

    const all = await acme.clientAdmin.api.patch(`/api/acd-groups/${id}`, {
      wrapUpCodeIds: null,
      wrapUpRequired: false,
    });
    expect(all.body).toMatchObject({ wrapUpCodeIds: null, wrapUpRequired: false });
    expect((await acme.clientAdmin.api.get(`/api/acd-groups/${id}`)).body).toMatchObject({ wrapUpCodeIds: null });

    const log = await acme.clientAdmin.api.get(`/api/audit-log?entityId=${id}`);
    const update = log.body.items.find(
      (entry: { action: string; after: { wrapUpCodeIds: unknown } }) =>
        entry.action === 'acd_group.update' && entry.after.wrapUpCodeIds === null,
    );
    expect(update).toMatchObject({ before: { wrapUpRequired: true }, after: { wrapUpRequired: false } });
  });

  it('refuses a code of another client or one listed twice, naming the entry, and changes nothing', async () => {
    const own = (await create({})).body.id as string;
    const foreign = (await create({}, other.clientAdmin.api)).body.id as string;
    const group = await createAcdGroup(acme.clientAdmin.api, { name: uniqueName('Refused') });
    const wrong = await acme.clientAdmin.api.patch(`/api/acd-groups/${group.id}`, {
      wrapUpRequired: true,
      wrapUpCodeIds: [own, foreign],
    });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'wrapUpCodeIds.1' } });
    expect(wrong.body.error).toBe('wrapUpCodeIds.1: no wrap-up code with this id in the client');
    const twice = await acme.clientAdmin.api.patch(`/api/acd-groups/${group.id}`, { wrapUpCodeIds: [own, own] });
    expect(twice).toMatchObject({ status: 400, body: { field: 'wrapUpCodeIds.1' } });
    const notId = await acme.clientAdmin.api.patch(`/api/acd-groups/${group.id}`, { wrapUpCodeIds: ['x'] });
    expect(notId).toMatchObject({ status: 400, body: { field: 'wrapUpCodeIds.0' } });
    expect((await acme.clientAdmin.api.get(`/api/acd-groups/${group.id}`)).body).toMatchObject({
      wrapUpRequired: false,
      wrapUpCodeIds: null,
    });
  });

  it('offers a deleted code no more', async () => {
    const code = (await create({})).body.id as string;
    const group = await createAcdGroup(acme.clientAdmin.api, { name: uniqueName('Loses code'), wrapUpCodeIds: [code] });
    expect(group.wrapUpCodeIds).toEqual([code]);
    expect((await acme.clientAdmin.api.delete(`/api/wrap-up-codes/${code}`)).status).toBe(204);
    expect((await acme.clientAdmin.api.get(`/api/acd-groups/${group.id}`)).body.wrapUpCodeIds).toEqual([]);
  });
});

describe('the desk’s wrap-up rule of a group', () => {
  it('tells an agent whether a code is required and which active codes are offered', async () => {
    const tenant = await createTenantWithUsers(server.admin, 'Wrap-up desk');
    const api = tenant.clientAdmin.api;
    const [resolved, callback, retired] = [
      (await api.post('/api/wrap-up-codes', { code: 'RESOLVED', label: 'Resolved' })).body,
      (await api.post('/api/wrap-up-codes', { code: 'CALLBACK', label: 'Call back' })).body,
      (await api.post('/api/wrap-up-codes', { code: 'OLD', label: 'Old', active: false })).body,
    ];
    const everything = await createAcdGroup(api, { name: 'Everything', wrapUpRequired: true });
    const rule = await tenant.agent.api.get(`/api/desk/acd-groups/${everything.id}/wrap-up`);
    expect(rule.status).toBe(200);
    expect(rule.body).toEqual({
      acdGroupId: everything.id,
      required: true,
      requiredButNoneOffered: false,
      offered: [resolved, callback],
    });

    const onlyOld = await createAcdGroup(api, { name: 'Only old', wrapUpRequired: true, wrapUpCodeIds: [retired.id] });
    expect((await tenant.agent.api.get(`/api/desk/acd-groups/${onlyOld.id}/wrap-up`)).body).toMatchObject({
      required: false,
      requiredButNoneOffered: true,
      offered: [],
    });

    // Another client's agent, and an admin, get nothing.
    expect((await acme.agent.api.get(`/api/desk/acd-groups/${everything.id}/wrap-up`)).status).toBe(404);
    expect((await api.get(`/api/desk/acd-groups/${everything.id}/wrap-up`)).status).toBe(403);
    expect((await tenant.agent.api.get('/api/desk/acd-groups/not-an-id/wrap-up')).status).toBe(404);
  });
});
