import { describe, expect, it } from 'vitest';
import {
  createMockServices,
  createWorkflowRunner,
  EXAMPLE_ACD_GROUP_IDS,
  exampleWorkflows,
  validateWorkflow,
  type RunProgress,
} from '../../../workflows/index';
import { anSms, unusedServices } from '../fixtures';

const asking = () => createMockServices();

const at = new Date('2026-03-30T09:15:00.000Z');

function waitingState(progress: RunProgress) {
  if (progress.status !== 'waiting') throw new Error(`expected the menu to wait, got ${JSON.stringify(progress)}`);
  return progress;
}

describe('the menu example', () => {
  const runner = createWorkflowRunner(exampleWorkflows().menu);

  it('is valid with the placeholder groups', () => {
    const groups = { acdGroupIds: new Set<string>(Object.values(EXAMPLE_ACD_GROUP_IDS)) };
    expect(validateWorkflow(exampleWorkflows().menu, groups)).toEqual([]);
  });

  it.each([
    ['1', EXAMPLE_ACD_GROUP_IDS.billing],
    [' 2 ', EXAMPLE_ACD_GROUP_IDS.support],
    ['what?', EXAMPLE_ACD_GROUP_IDS.general],
  ])('waits for the choice, and the reply %j routes to its group', async (text, group) => {
    const asked = waitingState(await runner.start(anSms({ text: 'Hello' }), asking(), { now: at }));
    expect(asked).toMatchObject({ nodeId: 'ask', until: '2026-03-30T09:30:00.000Z' });
    const chosen = await runner.resume(asked.state, { kind: 'reply', text }, unusedServices(), { now: at });
    expect(chosen).toMatchObject({ status: 'finished', outcome: { kind: 'routed', acdGroupId: group } });
  });

  it('asks the sender by SMS before it waits', async () => {
    const services = createMockServices();
    waitingState(await runner.start(anSms({ text: 'Hello', sender: '+491701234567' }), services, { now: at }));
    expect(services.sentSms.map(({ to, text }) => ({ to, text }))).toEqual([
      { to: '+491701234567', text: 'Reply 1 for billing, 2 for support.' },
    ]);
  });

  it('routes to the general group when nobody answers', async () => {
    const asked = waitingState(await runner.start(anSms({ text: 'Hello' }), asking(), { now: at }));
    const timedOut = await runner.resume(asked.state, { kind: 'timeout' }, unusedServices(), { now: at });
    expect(timedOut).toMatchObject({
      status: 'finished',
      outcome: { kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.general },
    });
    expect(timedOut.trace.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['question', 'sent'],
      ['ask', undefined],
      ['ask', 'timeout'],
      ['route-general', undefined],
    ]);
  });
});
