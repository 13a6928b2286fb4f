import { describe, expect, it } from 'vitest';
import {
  createWorkflowRunner,
  nodeTypesAsData,
  validateWorkflow,
  waitForReplyNode,
  type PersistedRun,
  type RunProgress,
  type WaitingRun,
  type WorkflowGraph,
} from '../../../workflows/index';
import { aGraph, anSms, GROUP_A, GROUP_B, routeTo, unusedServices } from '../fixtures';

const groups = { acdGroupIds: new Set([GROUP_A, GROUP_B]) };
const t0 = new Date('2026-03-30T09:15:00.000Z');
const later = new Date('2026-03-30T09:20:00.000Z');

/** start → ask (wait) → reply: menu (switch on the reply) → billing | support; timeout → drop. */
function aMenu(waitConfig: Record<string, unknown> = { timeoutSeconds: 600 }): WorkflowGraph {
  return aGraph(
    [
      ['start', 'start'],
      ['ask', 'wait_for_reply', waitConfig],
      ['menu', 'switch', { value: 'vars.answer', cases: [{ id: 'billing', operator: 'equals', value: '1' }] }],
      ['billing', 'route_to_acd_group', routeTo(GROUP_A)],
      ['support', 'route_to_acd_group', routeTo(GROUP_B)],
      ['gone', 'drop', { reason: 'No answer' }],
    ],
    [
      ['start', 'next', 'ask'],
      ['ask', 'reply', 'menu'],
      ['ask', 'timeout', 'gone'],
      ['menu', 'billing', 'billing'],
      ['menu', 'default', 'support'],
    ],
  );
}

function waiting(progress: RunProgress): WaitingRun {
  if (progress.status !== 'waiting') throw new Error(`expected a waiting run, got ${JSON.stringify(progress)}`);
  return progress;
}

/** What a database would give back: the stored JSON, parsed again. */
const stored = (state: PersistedRun): PersistedRun => JSON.parse(JSON.stringify(state)) as PersistedRun;

describe('wait_for_reply', () => {
  it('declares its config, ports and words in English and German', () => {
    const data = nodeTypesAsData().find((nodeType) => nodeType.type === 'wait_for_reply')!;
    expect(data).toMatchObject({ kind: 'wait', ports: ['reply', 'timeout'] });
    expect(data.defaults).toEqual({ timeoutSeconds: 3600, variable: 'reply' });
    expect(waitForReplyNode.label).toEqual({ en: 'Wait for reply', de: 'Auf Antwort warten' });
    expect(waitForReplyNode.summarize({ timeoutSeconds: 5400, variable: 'answer' }, 'de')).toBe(
      'Bis zu 1 h 30 min, Antwort in answer',
    );
    expect(waitForReplyNode.config.safeParse({ timeoutSeconds: 1 }).success).toBe(true);
    expect(waitForReplyNode.config.safeParse({ timeoutSeconds: 30 * 86_400 }).success).toBe(true);
    expect(waitForReplyNode.config.safeParse({ timeoutSeconds: 0 }).success).toBe(false);
    expect(waitForReplyNode.config.safeParse({ timeoutSeconds: 30 * 86_400 + 1 }).success).toBe(false);
    expect(waitForReplyNode.config.safeParse({ timeoutSeconds: 1.5 }).success).toBe(false);
    expect(waitForReplyNode.config.safeParse({ variable: '1x' }).success).toBe(false);
  });

  it('compiles to a paused state that the wake event leaves by the chosen port', () => {
    const { compiled } = createWorkflowRunner(aMenu());
    const ask = compiled.states.ask!;
    expect(ask.invoke).toBeUndefined();
    expect(Object.keys(ask.on ?? {})).toEqual(['workflow.wake']);
    expect(ask.always?.map((transition) => transition.target)).toEqual(['$failed', 'menu', 'gone', '$failed']);
  });

  it('stops at the wait with a JSON state, and a reply resumes it with the text in the variable', async () => {
    const runner = createWorkflowRunner(aMenu({ timeoutSeconds: 600, variable: 'answer' }));
    const paused = waiting(await runner.start(anSms({ text: 'Hi' }), unusedServices(), { now: t0 }));
    expect(paused).toMatchObject({
      nodeId: 'ask',
      nodeType: 'wait_for_reply',
      since: '2026-03-30T09:15:00.000Z',
      until: '2026-03-30T09:25:00.000Z',
    });
    expect(paused.trace.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['ask', undefined],
    ]);
    const json = JSON.stringify(paused.state);
    expect(json).not.toContain('services');
    expect(json).not.toContain('scope');

    const done = await runner.resume(stored(paused.state), { kind: 'reply', text: '1' }, unusedServices(), {
      now: later,
    });
    expect(done).toEqual({
      status: 'finished',
      outcome: { kind: 'routed', acdGroupId: GROUP_A, subject: 'SMS from +4917012345678', priority: 5 },
      trace: [
        { nodeId: 'start', type: 'start', port: 'next', at: '2026-03-30T09:15:00.000Z' },
        { nodeId: 'ask', type: 'wait_for_reply', at: '2026-03-30T09:15:00.000Z' },
        {
          nodeId: 'ask',
          type: 'wait_for_reply',
          port: 'reply',
          vars: { answer: '1' },
          at: '2026-03-30T09:20:00.000Z',
        },
        { nodeId: 'menu', type: 'switch', port: 'billing', at: '2026-03-30T09:20:00.000Z' },
        { nodeId: 'billing', type: 'route_to_acd_group', at: '2026-03-30T09:20:00.000Z' },
      ],
    });
  });

  it('resumes the same stored state again with another wake (the caller decides which one counts)', async () => {
    const runner = createWorkflowRunner(aMenu());
    const { state } = waiting(await runner.start(anSms(), unusedServices(), { now: t0 }));
    const other = await runner.resume(stored(state), { kind: 'reply', text: 'something' }, unusedServices());
    expect(other).toMatchObject({ status: 'finished', outcome: { acdGroupId: GROUP_B } });
    const timedOut = await runner.resume(stored(state), { kind: 'timeout' }, unusedServices());
    expect(timedOut).toMatchObject({ status: 'finished', outcome: { kind: 'dropped', reason: 'No answer' } });
    expect(timedOut.trace.at(-2)).toMatchObject({ nodeId: 'ask', port: 'timeout' });
  });

  it('stops again at the next wait, and an effect after a wait runs with the services given on resume', async () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['first', 'wait_for_reply', { variable: 'a' }],
        ['call', 'http_request', { url: 'https://crm.example.com/x?q={{vars.a}}' }],
        ['second', 'wait_for_reply', { variable: 'b' }],
        ['end', 'drop'],
      ],
      [
        ['start', 'next', 'first'],
        ['first', 'reply', 'call'],
        ['first', 'timeout', 'end'],
        ['call', 'success', 'second'],
        ['call', 'error', 'end'],
        ['second', 'reply', 'end'],
        ['second', 'timeout', 'end'],
      ],
    );
    const runner = createWorkflowRunner(graph);
    const first = waiting(await runner.start(anSms(), unusedServices()));
    const urls: string[] = [];
    const services = unusedServices({
      http: (request) => {
        urls.push(request.url);
        return Promise.resolve({ status: 200, json: {} });
      },
    });
    const second = waiting(await runner.resume(stored(first.state), { kind: 'reply', text: 'x y' }, services));
    expect(urls).toEqual(['https://crm.example.com/x?q=x%20y']);
    expect(second.nodeId).toBe('second');
    const done = await runner.resume(stored(second.state), { kind: 'reply', text: 'z' }, unusedServices());
    expect(done).toMatchObject({ status: 'finished', outcome: { kind: 'dropped' } });
  });

  it('keeps counting steps across waits, so a loop through a wait still ends at the step limit', async () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['ask', 'wait_for_reply'],
        ['end', 'drop'],
      ],
      [
        ['start', 'next', 'ask'],
        ['ask', 'timeout', 'ask'],
        ['ask', 'reply', 'end'],
      ],
    );
    expect(validateWorkflow(graph, groups).map((problem) => problem.code)).toEqual([]);
    const runner = createWorkflowRunner(graph);
    let progress = await runner.start(anSms(), unusedServices(), { stepLimit: 4 });
    const waits: string[] = [];
    while (progress.status === 'waiting') {
      waits.push(progress.nodeId);
      progress = await runner.resume(stored(progress.state), { kind: 'timeout' }, unusedServices(), { stepLimit: 4 });
    }
    // start, then ask three times: the fourth entry of `ask` would be the fifth step.
    expect(waits).toEqual(['ask', 'ask', 'ask']);
    expect(progress.outcome).toEqual({
      kind: 'failed',
      reason: 'Node "ask" (wait_for_reply) failed: The step limit of 4 was reached',
    });
  });

  it('fails a resume whose state is not one of the version’s waits, without throwing', async () => {
    const runner = createWorkflowRunner(aMenu());
    const { state } = waiting(await runner.start(anSms(), unusedServices()));
    const otherVersion = createWorkflowRunner(
      aGraph(
        [
          ['start', 'start'],
          ['end', 'drop'],
        ],
        [['start', 'next', 'end']],
      ),
    );
    const wrong = await otherVersion.resume(stored(state), { kind: 'timeout' }, unusedServices());
    expect(wrong).toMatchObject({ status: 'finished', outcome: { kind: 'failed' } });
    expect(wrong.status === 'finished' && wrong.outcome.kind === 'failed' && wrong.outcome.reason).toContain(
      'does not wait at a node of this version',
    );
    const damaged = await runner.resume({ format: 1, snapshot: 'nonsense' }, { kind: 'timeout' }, unusedServices());
    expect(damaged).toMatchObject({ status: 'finished', outcome: { kind: 'failed' } });
  });

  it('fails a run that meets a wait where the caller cannot keep one (run)', async () => {
    const result = await createWorkflowRunner(aMenu()).run(anSms(), unusedServices());
    expect(result.outcome).toEqual({
      kind: 'failed',
      reason: 'Node "ask" (wait_for_reply) waits for a reply, which this run cannot do',
    });
  });

  it('fails a resume that leaves by an unconnected port', async () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['ask', 'wait_for_reply'],
        ['end', 'drop'],
      ],
      [
        ['start', 'next', 'ask'],
        ['ask', 'reply', 'end'],
      ],
    );
    const runner = createWorkflowRunner(graph);
    const { state } = waiting(await runner.start(anSms(), unusedServices()));
    const done = await runner.resume(stored(state), { kind: 'timeout' }, unusedServices());
    expect(done).toMatchObject({
      status: 'finished',
      outcome: { kind: 'failed', reason: 'Port "timeout" of node "ask" is not connected' },
    });
  });
});

describe('validateWorkflow and waits', () => {
  it('accepts a loop through a wait node and still refuses one without', () => {
    const loop = (middle: 'wait_for_reply' | 'set_variables') =>
      aGraph(
        [
          ['start', 'start'],
          ['ask', 'wait_for_reply'],
          ['again', middle],
          ['done', 'drop'],
        ],
        middle === 'wait_for_reply'
          ? [
              ['start', 'next', 'ask'],
              ['ask', 'reply', 'done'],
              ['ask', 'timeout', 'again'],
              ['again', 'reply', 'ask'],
              ['again', 'timeout', 'done'],
            ]
          : [
              ['start', 'next', 'ask'],
              ['ask', 'reply', 'done'],
              ['ask', 'timeout', 'again'],
              ['again', 'next', 'ask'],
            ],
      );
    expect(validateWorkflow(loop('wait_for_reply'), groups)).toEqual([]);
    expect(validateWorkflow(loop('set_variables'), groups)).toEqual([]);
    const withoutWait = aGraph(
      [
        ['start', 'start'],
        ['ask', 'wait_for_reply'],
        ['a', 'set_variables'],
        ['b', 'set_variables'],
        ['done', 'drop'],
      ],
      [
        ['start', 'next', 'ask'],
        ['ask', 'reply', 'a'],
        ['ask', 'timeout', 'done'],
        ['a', 'next', 'b'],
        ['b', 'next', 'a'],
      ],
    );
    expect(validateWorkflow(withoutWait, groups).map((problem) => [problem.code, problem.nodeId])).toEqual([
      ['cycle_without_wait', 'a'],
    ]);
  });
});
