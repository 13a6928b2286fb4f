import { describe, expect, it } from 'vitest';
import { dropNode } from '../../../workflows/index';
import { aDecisionContext } from '../fixtures';

describe('drop', () => {
  it('ends the run dropped, with its reason', () => {
    const config = dropNode.config.parse({ reason: 'Opt-out' });
    expect(dropNode.run(aDecisionContext(), config)).toEqual({ kind: 'dropped', reason: 'Opt-out' });
    expect(dropNode.summarize(config, 'en')).toBe('Opt-out');
  });

  it('needs a reason', () => {
    expect(dropNode.config.parse({}).reason).toBe('Dropped by the workflow');
    expect(dropNode.config.safeParse({ reason: '' }).success).toBe(false);
  });
});
