import { describe, expect, it } from 'vitest';
import { setVariablesNode } from '../../../workflows/index';
import { aDecisionContext, anSms } from '../fixtures';

const run = (assignments: { name: string; value: string }[], vars: Record<string, unknown> = {}) =>
  setVariablesNode.run(
    aDecisionContext({ sms: anSms({ sender: '+4917012345678', text: 'Hi there' }), vars }),
    setVariablesNode.config.parse({ assignments }),
  );

describe('set_variables', () => {
  it('assigns variables from templates and leaves by "next"', () => {
    expect(
      run(
        [
          { name: 'caller', value: '{{sms.sender}}' },
          { name: 'greeting', value: 'Tier {{vars.crm.tier}}: {{ sms.text }}' },
        ],
        { crm: { tier: 'gold' } },
      ),
    ).toEqual({ port: 'next', vars: { caller: '+4917012345678', greeting: 'Tier gold: Hi there' } });
  });

  it('keeps the type of a value when the template is a single placeholder', () => {
    expect(run([{ name: 'customer', value: '{{vars.crm}}' }], { crm: { tier: 'gold', id: 7 } }).vars).toEqual({
      customer: { tier: 'gold', id: 7 },
    });
  });

  it('lets a later assignment read an earlier one', () => {
    expect(
      run([
        { name: 'a', value: 'x' },
        { name: 'b', value: '{{vars.a}}{{vars.a}}' },
      ]).vars,
    ).toEqual({ a: 'x', b: 'xx' });
  });

  it('renders missing values as empty text', () => {
    expect(run([{ name: 'tier', value: '[{{vars.crm.tier}}]' }]).vars).toEqual({ tier: '[]' });
  });

  it('rejects bad variable names and placeholders a run cannot read', () => {
    const fields = (assignments: unknown) =>
      setVariablesNode.config.safeParse({ assignments }).error?.issues.map((issue) => issue.path.join('.'));
    expect(fields([{ name: '1st', value: 'x' }])).toEqual(['assignments.0.name']);
    expect(fields([{ name: 'a', value: '{{secrets.token}}' }])).toEqual(['assignments.0.value']);
  });

  it('summarizes its assignments', () => {
    expect(
      setVariablesNode.summarize(
        setVariablesNode.config.parse({ assignments: [{ name: 'tier', value: '{{vars.crm.tier}}' }] }),
        'en',
      ),
    ).toBe('tier = {{vars.crm.tier}}');
    expect(setVariablesNode.summarize(setVariablesNode.config.parse({}), 'en')).toBe('Nothing to set yet');
  });
});
