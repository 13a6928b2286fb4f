import { describe, expect, it } from 'vitest';
import { acdGroupStatusNode } from '../../../workflows/index';
import { anEffectContext, GROUP_A, unusedServices } from '../fixtures';

function withStatus(availableAgents: number, queueLength: number) {
  const asked: string[] = [];
  const context = anEffectContext({
    services: unusedServices({
      acd: {
        groupStatus: async (acdGroupId) => {
          asked.push(acdGroupId);
          return { availableAgents, queueLength };
        },
      },
    }),
  });
  return { asked, context };
}

const config = (input: Record<string, unknown>) => acdGroupStatusNode.config.parse({ acdGroupId: GROUP_A, ...input });

describe('acd_group_status', () => {
  it('asks the injected ACD service about its group', async () => {
    const { asked, context } = withStatus(1, 0);
    await acdGroupStatusNode.run(context, config({}));
    expect(asked).toEqual([GROUP_A]);
  });

  it('is "available" with at least N available agents', async () => {
    const twoAgents = config({ condition: 'agents_available', threshold: 2 });
    expect((await acdGroupStatusNode.run(withStatus(2, 9).context, twoAgents)).port).toBe('available');
    expect((await acdGroupStatusNode.run(withStatus(1, 0).context, twoAgents)).port).toBe('unavailable');
  });

  it('is "available" while fewer than M events are queued', async () => {
    const shortQueue = config({ condition: 'queue_below', threshold: 5 });
    expect((await acdGroupStatusNode.run(withStatus(0, 4).context, shortQueue)).port).toBe('available');
    expect((await acdGroupStatusNode.run(withStatus(3, 5).context, shortQueue)).port).toBe('unavailable');
  });

  it('lets a failing status lookup reject, since it has no error port', async () => {
    const context = anEffectContext({
      services: unusedServices({ acd: { groupStatus: () => Promise.reject(new Error('ACD unreachable')) } }),
    });
    await expect(acdGroupStatusNode.run(context, config({}))).rejects.toThrow('ACD unreachable');
  });

  it('names its group for the validator and needs one chosen', () => {
    expect(acdGroupStatusNode.acdGroupReferences!(config({}))).toEqual([{ field: 'acdGroupId', acdGroupId: GROUP_A }]);
    expect(acdGroupStatusNode.config.safeParse({ acdGroupId: '' }).error?.issues[0]?.message).toBe(
      'Choose an ACD group',
    );
  });

  it('summarizes its group and condition, the group by name', () => {
    const names = { acdGroupName: (id: string) => (id === GROUP_A ? 'Support' : undefined) };
    expect(acdGroupStatusNode.summarize(config({}), 'en', names)).toBe('Support: at least 1 agent available');
    expect(acdGroupStatusNode.summarize(config({ condition: 'queue_below', threshold: 3 }), 'en', names)).toBe(
      'Support: fewer than 3 queued',
    );
    expect(acdGroupStatusNode.summarize(config({ threshold: 2 }), 'de', names)).toBe(
      'Support: mindestens 2 Agenten verfügbar',
    );
    expect(acdGroupStatusNode.summarize(config({ condition: 'queue_below', threshold: 3 }), 'de', names)).toBe(
      'Support: weniger als 3 in der Warteschlange',
    );
    const none = { acdGroupName: () => undefined };
    expect(acdGroupStatusNode.summarize(config({}), 'en', none)).toBe('a deleted group: at least 1 agent available');
    expect(acdGroupStatusNode.summarize(config({}), 'en')).toBe(`${GROUP_A.slice(0, 8)}…: at least 1 agent available`);
  });
});
