import { describe, expect, it, vi } from 'vitest';
import {
  createMockServices,
  createWorkflowRunner,
  EXAMPLE_ACD_GROUP_IDS,
  exampleWorkflows,
  type WorkflowServices,
} from '../../../workflows/index';
import { aGraph, anHttpRetryLoop, anSms, GROUP_A, GROUP_B, routeTo, unusedServices } from '../fixtures';

const examples = exampleWorkflows();
const mondayMorning = new Date('2026-03-30T07:15:00.000Z'); // 09:15 in Berlin
const at = mondayMorning.toISOString();

describe('createWorkflowRunner', () => {
  describe('keyword-routing example', () => {
    const runner = createWorkflowRunner(examples.keywordRouting);
    const run = (text: string) =>
      runner.run(anSms({ text, sender: '+491701' }), unusedServices(), { now: mondayMorning });

    it('drops an opt-out, tracing each node and port', async () => {
      expect(await run(' Stop ')).toEqual({
        outcome: { kind: 'dropped', reason: 'Opt-out keyword' },
        trace: [
          { nodeId: 'start', type: 'start', port: 'next', at },
          { nodeId: 'keyword', type: 'switch', port: 'stop', at },
          { nodeId: 'drop-opt-out', type: 'drop', at },
        ],
      });
    });

    it('routes sales questions to sales and everything else to support', async () => {
      expect((await run('SALES: price list?')).outcome).toEqual({
        kind: 'routed',
        acdGroupId: EXAMPLE_ACD_GROUP_IDS.sales,
        subject: 'Sales SMS from +491701',
        priority: 6,
      });
      const other = await run('My router is broken');
      expect(other.outcome).toMatchObject({ kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.support });
      expect(other.trace.map((step) => step.port)).toEqual(['next', 'default', undefined]);
    });

    it('settles at once when no effect is met', async () => {
      const result = runner.run(anSms(), unusedServices());
      expect(await Promise.race([result, Promise.resolve('still pending')])).not.toBe('still pending');
    });
  });

  describe('business-hours example', () => {
    const runner = createWorkflowRunner(examples.businessHours);
    const groupAt = async (iso: string) => {
      const { outcome } = await runner.run(anSms(), unusedServices(), { now: new Date(iso) });
      return outcome.kind === 'routed' ? outcome.acdGroupId : outcome;
    };

    it('routes to the day group while open and the after-hours group otherwise', async () => {
      expect(await groupAt('2026-03-30T06:00:00Z')).toBe(EXAMPLE_ACD_GROUP_IDS.day); // Mon 08:00 CEST
      expect(await groupAt('2026-03-30T05:59:00Z')).toBe(EXAMPLE_ACD_GROUP_IDS.afterHours); // Mon 07:59 CEST
      expect(await groupAt('2026-03-28T10:00:00Z')).toBe(EXAMPLE_ACD_GROUP_IDS.afterHours); // Saturday
      expect(await groupAt('2026-12-24T10:00:00Z')).toBe(EXAMPLE_ACD_GROUP_IDS.afterHours); // a holiday
    });

    it('reads the clock from the services when no instant is given, once per step', async () => {
      const times = [
        Date.parse('2026-03-30T10:00:00Z'),
        Date.parse('2026-03-30T10:00:01Z'),
        Date.parse('2026-03-30T10:00:02Z'),
      ];
      const now = vi.fn(() => new Date(times.shift()!));
      const { outcome, trace } = await runner.run(anSms(), unusedServices({ now }));
      expect(outcome).toMatchObject({ acdGroupId: EXAMPLE_ACD_GROUP_IDS.day });
      expect(trace.map((step) => step.at)).toEqual([
        '2026-03-30T10:00:00.000Z',
        '2026-03-30T10:00:01.000Z',
        '2026-03-30T10:00:02.000Z',
      ]);
    });
  });

  describe('crm-vip-lookup example', () => {
    const runner = createWorkflowRunner(examples.crmVipLookup);
    const runWith = (services: WorkflowServices) =>
      runner.run(anSms({ sender: '+491701', text: 'Hi' }), services, { now: mondayMorning });

    it('routes a VIP to the VIP group and keeps the CRM answer in the trace', async () => {
      const services = createMockServices({ http: { crm: { status: 200, json: { tier: 'VIP', name: 'Ada' } } } });
      expect(await runWith(services)).toEqual({
        outcome: { kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.vip, subject: 'VIP Ada: Hi', priority: 9 },
        trace: [
          { nodeId: 'start', type: 'start', port: 'next', at },
          { nodeId: 'crm', type: 'http_request', port: 'success', at, vars: { crm: { tier: 'VIP', name: 'Ada' } } },
          { nodeId: 'tier', type: 'switch', port: 'vip', at },
          { nodeId: 'route-vip', type: 'route_to_acd_group', at },
        ],
      });
      expect(services.httpRequests.map((request) => request.url)).toEqual([
        'https://crm.example.com/api/customers?phone=%2B491701',
      ]);
    });

    it('routes anyone else to the standard group', async () => {
      const { outcome } = await runWith(createMockServices({ http: { crm: { json: { tier: 'gold' } } } }));
      expect(outcome).toMatchObject({ kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.standard });
    });

    it('takes the error path to the standard group when the CRM fails', async () => {
      const { outcome, trace } = await runWith(createMockServices({ http: { crm: { status: 500, json: null } } }));
      expect(outcome).toMatchObject({ kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.standard });
      expect(trace[1]).toEqual({
        nodeId: 'crm',
        type: 'http_request',
        port: 'error',
        at,
        error: 'GET crm.example.com answered 500',
      });
      const timedOut = await runWith(createMockServices({ http: { crm: { error: 'timed out after 2000 ms' } } }));
      expect(timedOut.outcome).toMatchObject({ acdGroupId: EXAMPLE_ACD_GROUP_IDS.standard });
      expect(timedOut.trace[1]!.error).toBe('GET crm.example.com failed: timed out after 2000 ms');
    });

    it('keeps concurrent runs of one cached runner apart', async () => {
      const answers = { '+49100': 'vip', '+49200': 'basic' } as Record<string, string>;
      const services = unusedServices({
        http: async (request) => {
          await new Promise((resolve) => setTimeout(resolve, request.url.endsWith('100') ? 20 : 1));
          return { status: 200, json: { tier: answers[decodeURIComponent(request.url.split('=')[1]!)] } };
        },
      });
      const [first, second] = await Promise.all([
        runner.run(anSms({ sender: '+49100' }), services),
        runner.run(anSms({ sender: '+49200' }), services),
      ]);
      expect(first.outcome).toMatchObject({ acdGroupId: EXAMPLE_ACD_GROUP_IDS.vip });
      expect(second.outcome).toMatchObject({ acdGroupId: EXAMPLE_ACD_GROUP_IDS.standard });
      expect(first.trace[1]!.vars).toEqual({ crm: { tier: 'vip' } });
      expect(second.trace[1]!.vars).toEqual({ crm: { tier: 'basic' } });
    });
  });

  describe('failures', () => {
    const statusThenRoute = aGraph(
      [
        ['start', 'start'],
        ['status', 'acd_group_status', { acdGroupId: GROUP_A }],
        ['a', 'route_to_acd_group', routeTo(GROUP_A)],
        ['b', 'route_to_acd_group', routeTo(GROUP_B)],
      ],
      [
        ['start', 'next', 'status'],
        ['status', 'available', 'a'],
        ['status', 'unavailable', 'b'],
      ],
    );

    it('branches on the group status from the injected ACD service', async () => {
      const runner = createWorkflowRunner(statusThenRoute);
      const busy = await runner.run(anSms(), createMockServices({ acdGroups: { [GROUP_A]: { availableAgents: 0 } } }));
      const free = await runner.run(anSms(), createMockServices({ acdGroups: { [GROUP_A]: { availableAgents: 2 } } }));
      expect(busy.outcome).toMatchObject({ acdGroupId: GROUP_B });
      expect(free.outcome).toMatchObject({ acdGroupId: GROUP_A });
    });

    it('fails the run when an effect without an error port fails, and traces the error', async () => {
      const services = unusedServices({ acd: { groupStatus: () => Promise.reject(new Error('ACD unreachable')) } });
      const { outcome, trace } = await createWorkflowRunner(statusThenRoute).run(anSms(), services, {
        now: mondayMorning,
      });
      expect(outcome).toEqual({ kind: 'failed', reason: 'Node "status" (acd_group_status) failed: ACD unreachable' });
      expect(trace).toEqual([
        { nodeId: 'start', type: 'start', port: 'next', at },
        { nodeId: 'status', type: 'acd_group_status', at, error: 'ACD unreachable' },
      ]);
    });

    it('fails the run when a node throws, without rejecting', async () => {
      const split = aGraph(
        [
          ['start', 'start'],
          ['split', 'percentage_split'],
          ['a', 'drop'],
          ['b', 'drop'],
        ],
        [
          ['start', 'next', 'split'],
          ['split', 'a', 'a'],
          ['split', 'b', 'b'],
        ],
      );
      const { outcome, trace } = await createWorkflowRunner(split).run(anSms(), unusedServices());
      expect(outcome).toEqual({
        kind: 'failed',
        reason: 'Node "split" (percentage_split) failed: random was not expected',
      });
      expect(trace.at(-1)).toMatchObject({ nodeId: 'split', error: 'random was not expected' });
    });

    it('stops a loop at the step limit', async () => {
      const loop = aGraph(
        [
          ['start', 'start'],
          ['count', 'set_variables', { assignments: [{ name: 'n', value: '{{vars.n}}1' }] }],
          ['never', 'switch', { value: 'vars.n', cases: [{ id: 'done', value: 'never' }] }],
          ['end', 'drop'],
        ],
        [
          ['start', 'next', 'count'],
          ['count', 'next', 'never'],
          ['never', 'done', 'end'],
          ['never', 'default', 'count'],
        ],
      );
      const { outcome, trace } = await createWorkflowRunner(loop).run(anSms(), unusedServices(), { stepLimit: 7 });
      expect(outcome).toEqual({
        kind: 'failed',
        reason: 'Node "count" (set_variables) failed: The step limit of 7 was reached',
      });
      expect(trace.map((step) => step.nodeId)).toEqual([
        'start',
        'count',
        'never',
        'count',
        'never',
        'count',
        'never',
        'count',
      ]);
      expect(trace[5]).toMatchObject({ nodeId: 'count', vars: { n: '111' } });
      expect(trace[7]).toEqual({
        nodeId: 'count',
        type: 'set_variables',
        at: expect.any(String),
        error: 'The step limit of 7 was reached',
      });
    });

    it('stops a loop through an effect at the step limit before calling it again', async () => {
      const services = createMockServices({ http: { call: { status: 502 } } });
      const { outcome } = await createWorkflowRunner(anHttpRetryLoop()).run(anSms(), services, { stepLimit: 5 });
      expect(outcome).toEqual({
        kind: 'failed',
        reason: 'Node "call" (http_request) failed: The step limit of 5 was reached',
      });
      expect(services.httpRequests).toHaveLength(4);
    });

    describe('time budget', () => {
      /** start → crm (HTTP) → vip, both ports of crm leading on: the run waits on crm only. */
      const lookup = aGraph(
        [
          ['start', 'start'],
          ['crm', 'http_request', { url: 'https://crm.example.com/x' }],
          ['vip', 'route_to_acd_group', routeTo(GROUP_A)],
        ],
        [
          ['start', 'next', 'crm'],
          ['crm', 'success', 'vip'],
          ['crm', 'error', 'vip'],
        ],
      );

      it('fails a run whose effect never settles once its budget runs out, on that node', async () => {
        const services = unusedServices({ http: () => new Promise(() => {}) });
        const { outcome, trace } = await createWorkflowRunner(lookup).run(anSms(), services, { timeBudgetMs: 50 });
        expect(outcome).toEqual({
          kind: 'failed',
          reason: `Node "crm" (http_request) failed: The run's time budget of 50 ms ran out`,
        });
        expect(trace.map((step) => step.port ?? step.error)).toEqual([
          'next',
          `The run's time budget of 50 ms ran out`,
        ]);
      });

      it('fails at the next node a run whose budget ran out while an effect worked', async () => {
        const slowAnswer: WorkflowServices['http'] = () => {
          // Busy, not waiting: the answer comes after the budget, before any timer could fire.
          const until = performance.now() + 30;
          while (performance.now() < until);
          return Promise.resolve({ status: 200, json: {} });
        };
        const { outcome, trace } = await createWorkflowRunner(lookup).run(
          anSms(),
          unusedServices({ http: slowAnswer }),
          { timeBudgetMs: 10 },
        );
        expect(outcome).toEqual({
          kind: 'failed',
          reason: `Node "vip" (route_to_acd_group) failed: The run's time budget of 10 ms ran out`,
        });
        expect(trace.map((step) => step.nodeId)).toEqual(['start', 'crm', 'vip']);
      });
    });

    it('stops a decision that leads back to itself at the step limit', async () => {
      const spin = aGraph(
        [
          ['start', 'start'],
          ['spin', 'switch'],
        ],
        [
          ['start', 'next', 'spin'],
          ['spin', 'default', 'spin'],
        ],
      );
      const { outcome, trace } = await createWorkflowRunner(spin).run(anSms(), unusedServices(), { stepLimit: 4 });
      expect(outcome).toEqual({
        kind: 'failed',
        reason: 'Node "spin" (switch) failed: The step limit of 4 was reached',
      });
      expect(trace.map((step) => step.port ?? step.error)).toEqual([
        'next',
        'default',
        'default',
        'default',
        'The step limit of 4 was reached',
      ]);
    });

    it('fails the run at a port that leads nowhere', async () => {
      const graph = aGraph(
        [
          ['start', 'start'],
          ['hours', 'business_hours'],
          ['day', 'route_to_acd_group', routeTo(GROUP_A)],
        ],
        [
          ['start', 'next', 'hours'],
          ['hours', 'open', 'day'],
        ],
      );
      const { outcome, trace } = await createWorkflowRunner(graph).run(anSms(), unusedServices(), {
        now: new Date('2026-03-29T12:00:00Z'), // Sunday
      });
      expect(outcome).toEqual({ kind: 'failed', reason: 'Port "closed" of node "hours" is not connected' });
      expect(trace.at(-1)).toMatchObject({ nodeId: 'hours', port: 'closed' });
    });

    it('fails a draft with no start node, an unknown node type or an invalid config', async () => {
      const run = async (graph: ReturnType<typeof aGraph>) =>
        (await createWorkflowRunner(graph).run(anSms(), unusedServices())).outcome;
      const startThen = (id: string, type: string) =>
        aGraph(
          [
            ['start', 'start'],
            [id, type],
          ],
          [['start', 'next', id]],
        );
      expect(await run(aGraph([['end', 'drop']], []))).toEqual({
        kind: 'failed',
        reason: 'The workflow has no start node',
      });
      expect(await run(startThen('x', 'send_fax'))).toEqual({
        kind: 'failed',
        reason: 'Node "x" has the unknown type "send_fax"',
      });
      expect(await run(startThen('r', 'route_to_acd_group'))).toEqual({
        kind: 'failed',
        reason: 'Route to ACD group "r" has an invalid config (acdGroupId: Choose an ACD group)',
      });
    });
  });
});
