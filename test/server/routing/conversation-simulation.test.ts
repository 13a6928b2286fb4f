import { describe, expect, it } from 'vitest';
import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../../../workflows';
import { createClientWithGroups } from '../../support/fixtures';
import { useTestServer, type TestServer } from '../../support/test-server';

const AT = '2026-03-30T09:15:00.000Z';
/** The menu waits 15 minutes for the choice. */
const UNTIL = '2026-03-30T09:30:00.000Z';

interface Step {
  nodeId: string;
  port?: string;
  at: string;
  vars?: Record<string, unknown>;
}
const path = (trace: Step[]) => trace.map((step) => (step.port ? `${step.nodeId}:${step.port}` : step.nodeId));

/** A client with the three groups of the menu, and a routing application whose draft is the menu. */
async function aMenuApplication(server: TestServer) {
  const { clientId, groups } = await createClientWithGroups(server.admin, ['Billing', 'Support', 'General']);
  const app = await server.admin.post('/api/routing-applications', { name: 'Menu', clientId });
  const graph = withAcdGroups(exampleWorkflows().menu, {
    [EXAMPLE_ACD_GROUP_IDS.billing]: groups.Billing!,
    [EXAMPLE_ACD_GROUP_IDS.support]: groups.Support!,
    [EXAMPLE_ACD_GROUP_IDS.general]: groups.General!,
  });
  const saved = await server.admin.put(`/api/routing-applications/${app.body.id}/draft`, { graph });
  expect(saved.body.problems).toEqual([]);
  const simulate = (body: Record<string, unknown>) =>
    server.admin.post(`/api/routing-applications/${app.body.id}/simulate`, {
      sender: '+491701234567',
      message: 'Hello',
      at: AT,
      ...body,
    });
  return { clientId, groups, applicationId: app.body.id as string, simulate };
}

describe.each(['pglite', 'postgres'] as const)('simulating a conversation on %s', (backend) => {
  const server = useTestServer({ backend });

  it('resumes the wait with the reply "2", which routes to Support, and answers every step', async () => {
    const { groups, simulate } = await aMenuApplication(server);
    const result = await simulate({ replies: [{ kind: 'reply', text: '2' }] });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: 'finished',
      outcome: { kind: 'routed', acdGroupId: groups.Support },
      waiting: null,
      unusedReplies: [],
      httpRequests: [],
      emails: [],
    });
    expect(path(result.body.trace)).toEqual([
      'start:next',
      'question:sent',
      'ask',
      'ask:reply',
      'menu:support',
      'route-support',
    ]);
    const [first, reply] = result.body.steps;
    expect(result.body.steps).toHaveLength(2);
    expect(first).toMatchObject({
      input: { kind: 'sms', text: 'Hello' },
      waiting: { nodeId: 'ask', nodeType: 'wait_for_reply', since: AT, until: UNTIL },
    });
    expect(path(first.trace)).toEqual(['start:next', 'question:sent', 'ask']);
    expect(first.sms).toEqual([
      expect.objectContaining({ nodeId: 'question', text: 'Reply 1 for billing, 2 for support.' }),
    ]);
    expect(reply.sms).toEqual([]);
    expect(result.body.sms).toHaveLength(1);
    expect(reply).toMatchObject({ input: { kind: 'reply', text: '2' }, waiting: null });
    expect(path(reply.trace)).toEqual(['ask:reply', 'menu:support', 'route-support']);
    expect(reply.trace[0].vars).toEqual({ choice: '2' });
  });

  it('takes the timeout port when no reply comes, at the end of the wait, to the general group', async () => {
    const { groups, simulate } = await aMenuApplication(server);
    const result = await simulate({ replies: [{ kind: 'timeout' }] });
    expect(result.body).toMatchObject({ status: 'finished', outcome: { acdGroupId: groups.General } });
    const timedOut = result.body.steps[1];
    expect(timedOut.input).toEqual({ kind: 'timeout' });
    expect(path(timedOut.trace)).toEqual(['ask:timeout', 'route-general']);
    expect(timedOut.trace.every((step: Step) => step.at === UNTIL)).toBe(true);
  });

  it('says the run still waits when the replies run out, and a single SMS says so as well', async () => {
    const { simulate } = await aMenuApplication(server);
    for (const body of [{}, { replies: [] }]) {
      const result = await simulate(body);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({
        status: 'waiting',
        outcome: null,
        waiting: { nodeId: 'ask', since: AT, until: UNTIL },
        unusedReplies: [],
      });
      expect(result.body.steps).toHaveLength(1);
      expect(path(result.body.trace)).toEqual(['start:next', 'question:sent', 'ask']);
    }
  });

  it('lists the replies the run did not need once it finished', async () => {
    const { groups, simulate } = await aMenuApplication(server);
    const result = await simulate({
      replies: [{ kind: 'reply', text: '1' }, { kind: 'reply', text: '2' }, { kind: 'timeout' }],
    });
    expect(result.body).toMatchObject({
      status: 'finished',
      outcome: { acdGroupId: groups.Billing },
      unusedReplies: [{ kind: 'reply', text: '2' }, { kind: 'timeout' }],
    });
    expect(result.body.steps.map((step: { input: { kind: string } }) => step.input.kind)).toEqual(['sms', 'reply']);
  });

  it('answers a graph without waits as before, its replies all unused', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Sales', 'Support']);
    const app = await server.admin.post('/api/routing-applications', { name: 'Keywords', clientId });
    const graph = withAcdGroups(exampleWorkflows().keywordRouting, {
      [EXAMPLE_ACD_GROUP_IDS.sales]: groups.Sales!,
      [EXAMPLE_ACD_GROUP_IDS.support]: groups.Support!,
    });
    const result = await server.admin.post(`/api/routing-applications/${app.body.id}/simulate`, {
      sender: '+491709',
      message: 'sales please',
      graph,
      replies: [{ kind: 'reply', text: 'thanks' }],
    });
    expect(result.body).toMatchObject({
      status: 'finished',
      outcome: { kind: 'routed', acdGroupId: groups.Sales },
      unusedReplies: [{ kind: 'reply', text: 'thanks' }],
      problems: [],
    });
    expect(path(result.body.trace)).toEqual(['start:next', 'keyword:sales', 'route-sales']);
  });

  it.each([
    ['too many replies', { replies: Array.from({ length: 21 }, () => ({ kind: 'timeout' })) }, 'replies'],
    ['a reply that is too long', { replies: [{ kind: 'reply', text: 'x'.repeat(10_001) }] }, 'replies.0.text'],
    ['a reply without its text', { replies: [{ kind: 'timeout' }, { kind: 'reply' }] }, 'replies.1.text'],
    ['a step of no known kind', { replies: [{ kind: 'maybe' }] }, 'replies.0.kind'],
    ['a field a timeout has not', { replies: [{ kind: 'timeout', text: '1' }] }, 'replies.0.text'],
    ['replies that are not a list', { replies: 'hello' }, 'replies'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const { simulate } = await aMenuApplication(server);
    const result = await simulate(body);
    expect(result.status).toBe(400);
    expect(result.body.field).toBe(field);
  });

  it('saves the replies with a test case, and stores nothing of a simulation', async () => {
    const { clientId, applicationId, simulate } = await aMenuApplication(server);
    const replies = [{ kind: 'reply', text: '1' }, { kind: 'timeout' }];
    const saved = await server.admin.post(`/api/routing-applications/${applicationId}/test-cases`, {
      name: 'Billing by menu',
      sender: '+491701234567',
      message: 'Hello',
      replies,
    });
    expect(saved.status).toBe(201);
    const cases = await server.admin.get(`/api/routing-applications/${applicationId}/test-cases`);
    expect(cases.body.items[0].input).toMatchObject({ message: 'Hello', replies });

    await simulate({ replies });
    expect((await server.admin.get(`/api/sms?clientId=${clientId}`)).body.items).toEqual([]);
  });
});
