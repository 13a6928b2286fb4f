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

  it('summarizes subject and priority in English and German', () => {
    const config = routeToAcdGroupNode.config.parse({ acdGroupId: GROUP_A, subject: 'Hilfe', priority: 7 });
    expect(routeToAcdGroupNode.summarize(config, 'en')).toBe('Subject "Hilfe", priority 7');
    expect(routeToAcdGroupNode.summarize(config, 'de')).toBe('Betreff „Hilfe“, Priorität 7');
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
