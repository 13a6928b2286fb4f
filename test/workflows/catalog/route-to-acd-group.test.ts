import { describe, expect, it } from 'vitest';
import { routeToAcdGroupNode } from '../../../workflows/index';
import { aDecisionContext, anSms, GROUP_A } from '../fixtures';

describe('route_to_acd_group', () => {
  it('ends the run routed to its group with the rendered subject and its priority', () => {
    const config = routeToAcdGroupNode.config.parse({
      acdGroupId: GROUP_A,
      subject: '{{vars.crm.name}} ({{sms.sender}})',
      priority: 8,
    });
    const context = aDecisionContext({ sms: anSms({ sender: '+491701' }), vars: { crm: { name: 'Ada' } } });
    expect(routeToAcdGroupNode.run(context, config)).toEqual({
      kind: 'routed',
      acdGroupId: GROUP_A,
      subject: 'Ada (+491701)',
      priority: 8,
    });
  });

  it('defaults to the sender as subject and priority 5', () => {
    const config = routeToAcdGroupNode.config.parse({ acdGroupId: GROUP_A });
    expect(routeToAcdGroupNode.run(aDecisionContext({ sms: anSms({ sender: 'DHL' }) }), config)).toMatchObject({
      subject: 'SMS from DHL',
      priority: 5,
    });
  });

  it('summarizes its group by name, priority and subject in English and German', () => {
    const config = routeToAcdGroupNode.config.parse({ acdGroupId: GROUP_A, subject: 'Hilfe', priority: 7 });
    const names = { acdGroupName: (id: string) => (id === GROUP_A ? 'Support' : undefined) };
    expect(routeToAcdGroupNode.summarize(config, 'en', names)).toBe('To Support, priority 7, subject "Hilfe"');
    expect(routeToAcdGroupNode.summarize(config, 'de', names)).toBe('An Support, Priorität 7, Betreff „Hilfe“');
  });

  it('says when its group no longer exists, and names it by id without names', () => {
    const config = routeToAcdGroupNode.config.parse({ acdGroupId: GROUP_A, subject: 'Hilfe' });
    const none = { acdGroupName: () => undefined };
    expect(routeToAcdGroupNode.summarize(config, 'en', none)).toBe('To a deleted group, priority 5, subject "Hilfe"');
    expect(routeToAcdGroupNode.summarize(config, 'de', none)).toBe(
      'An eine gelöschte Gruppe, Priorität 5, Betreff „Hilfe“',
    );
    expect(routeToAcdGroupNode.summarize(config, 'en')).toBe(`To ${GROUP_A.slice(0, 8)}…, priority 5, subject "Hilfe"`);
  });

  it('is terminal and names its group for the validator', () => {
    expect(routeToAcdGroupNode.kind).toBe('terminal');
    expect(routeToAcdGroupNode.acdGroupReferences!(routeToAcdGroupNode.config.parse({ acdGroupId: GROUP_A }))).toEqual([
      { field: 'acdGroupId', acdGroupId: GROUP_A },
    ]);
  });

  it('keeps the priority between 1 and 10', () => {
    expect(routeToAcdGroupNode.config.safeParse({ acdGroupId: GROUP_A, priority: 11 }).success).toBe(false);
    expect(routeToAcdGroupNode.config.safeParse({ acdGroupId: GROUP_A, priority: 0 }).success).toBe(false);
  });
});
