import { describe, expect, it } from 'vitest';
import { branchOfDraw, drawForBranch, mockTargetsOf, percentageSplitNode, portsOf } from '../../../workflows/index';

const GROUP = '0196a0b0-0000-7000-8000-000000000001';
const OTHER = '0196a0b0-0000-7000-8000-000000000002';
import { aDecisionContext } from '../fixtures';

const seventyThirty = percentageSplitNode.config.parse({
  branches: [
    { id: 'new', label: 'New team', percent: 70 },
    { id: 'old', label: 'Old team', percent: 30 },
  ],
});
const portFor = (draw: number, config = seventyThirty) =>
  percentageSplitNode.run(aDecisionContext({ random: () => draw }), config).port;

describe('percentage_split', () => {
  it('has one port per branch', () => {
    expect(portsOf(percentageSplitNode, seventyThirty)).toEqual(['new', 'old']);
  });

  it('names the draw that takes a chosen branch, for the test panel', () => {
    expect(drawForBranch(seventyThirty.branches, 'new')).toBe(0.35);
    expect(drawForBranch(seventyThirty.branches, 'old')).toBe(0.85);
    for (const branch of ['new', 'old']) expect(portFor(drawForBranch(seventyThirty.branches, branch)!)).toBe(branch);
    expect(drawForBranch(seventyThirty.branches, 'gone')).toBeUndefined();
  });

  it('picks the branch whose share the injected random draw falls in', () => {
    expect(portFor(0)).toBe('new');
    expect(portFor(0.6999)).toBe('new');
    expect(portFor(0.7)).toBe('old');
    expect(portFor(0.9999)).toBe('old');
  });

  it('never picks a 0 % branch', () => {
    const config = percentageSplitNode.config.parse({
      branches: [
        { id: 'off', percent: 0 },
        { id: 'on', percent: 100 },
      ],
    });
    expect([0, 0.5, 0.99].map((draw) => portFor(draw, config))).toEqual(['on', 'on', 'on']);
  });

  it('requires shares that add up to 100 and distinct ids', () => {
    const messages = (branches: unknown) =>
      percentageSplitNode.config.safeParse({ branches }).error?.issues.map((issue) => issue.message);
    expect(
      messages([
        { id: 'a', percent: 50 },
        { id: 'b', percent: 40 },
      ]),
    ).toEqual(['The percentages must add up to 100']);
    expect(
      messages([
        { id: 'a', percent: 50 },
        { id: 'a', percent: 50 },
      ]),
    ).toEqual(['The id "a" is used twice']);
    expect(messages([{ id: 'a', percent: 100 }])).toContain('A split needs at least two branches');
  });

  it('summarizes the shares', () => {
    expect(percentageSplitNode.summarize(seventyThirty, 'en')).toBe('70% New team · 30% Old team');
  });
});

describe('mockTargetsOf', () => {
  it('names what fake answers can answer: HTTP requests, the groups a status node reads, splits and their branches', () => {
    const targets = mockTargetsOf([
      { id: 'start', type: 'start', config: {} },
      { id: 'crm', type: 'http_request', config: { url: 'https://crm.example.com/' } },
      { id: 'desk', type: 'acd_group_status', config: { acdGroupId: GROUP } },
      { id: 'desk2', type: 'acd_group_status', config: { acdGroupId: GROUP } },
      { id: 'route', type: 'route_to_acd_group', config: { acdGroupId: OTHER } },
      { id: 'split', type: 'percentage_split', config: seventyThirty },
    ]);
    expect(targets).toEqual({
      httpNodeIds: ['crm'],
      acdGroupIds: [GROUP],
      splits: [{ nodeId: 'split', shares: seventyThirty.branches }],
    });
    expect(branchOfDraw(seventyThirty.branches, 0.85)).toEqual({ branchId: 'old', sameDraw: true });
    expect(branchOfDraw(seventyThirty.branches, 0.1)).toEqual({ branchId: 'new', sameDraw: false });
  });
});
