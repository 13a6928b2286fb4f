import { describe, expect, it } from 'vitest';
import { startNode } from '../../../workflows/index';
import { aDecisionContext } from '../fixtures';

describe('start', () => {
  it('always leaves by "next" and sets nothing', () => {
    expect(startNode.run(aDecisionContext(), startNode.config.parse({}))).toEqual({ port: 'next' });
  });

  it('has no settings', () => {
    expect(startNode.config.safeParse({ anything: 1 }).success).toBe(false);
    expect(startNode.summarize({}, 'en')).toBe('When an SMS arrives');
    expect(startNode.summarize({}, 'de')).toBe('Wenn eine SMS eingeht');
  });
});
