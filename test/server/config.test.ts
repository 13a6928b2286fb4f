import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';

describe('readConfig', () => {
  it('gives each workflow run a wall-clock budget: 10 s, or SWITCHBOARD_RUN_BUDGET_MS', () => {
    expect(readConfig({}).runBudgetMs).toBe(10_000);
    expect(readConfig({ SWITCHBOARD_RUN_BUDGET_MS: '2500' }).runBudgetMs).toBe(2_500);
    expect(() => readConfig({ SWITCHBOARD_RUN_BUDGET_MS: '0' })).toThrow(
      'SWITCHBOARD_RUN_BUDGET_MS must be an integer of at least 1, got "0"',
    );
  });

  it('refuses a run budget that is not shorter than the routing lease', () => {
    expect(() => readConfig({ SWITCHBOARD_RUN_BUDGET_MS: '60000' })).toThrow(
      'SWITCHBOARD_RUN_BUDGET_MS (60000) must be shorter than SWITCHBOARD_ROUTING_LEASE_SECONDS (60 s)',
    );
    expect(
      readConfig({ SWITCHBOARD_RUN_BUDGET_MS: '60000', SWITCHBOARD_ROUTING_LEASE_SECONDS: '61' }).runBudgetMs,
    ).toBe(60_000);
  });
});
