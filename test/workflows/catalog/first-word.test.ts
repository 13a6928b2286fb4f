import { describe, expect, it } from 'vitest';
import {
  createWorkflowRunner,
  firstWordOf,
  switchNode,
  validateWorkflow,
  VALUE_PATH_CHOICES,
} from '../../../workflows/index';
import { aDecisionContext, aGraph, anSms, unusedServices } from '../fixtures';

const GROUP = '00000000-0000-4000-8000-0000000000a1';

describe('the first word of the text (sms.firstWord)', () => {
  it.each([
    ['VIP please call me back', 'VIP'],
    ['  vip, please call me back', 'vip'],
    ['«Stop»', 'Stop'],
    ['STOP.', 'STOP'],
    ['SALES\nplease', 'SALES'],
    ['#VIP! now', 'VIP'],
    ['+49 is my code', '+49'],
    ['', ''],
    ['   ', ''],
    ['...', ''],
  ])('of %j is %j', (text, word) => {
    expect(firstWordOf(text)).toBe(word);
  });

  it('routes "VIP please call me back" by its first word, whatever its case when the switch ignores case', () => {
    const config = switchNode.config.parse({
      value: 'sms.firstWord',
      cases: [{ id: 'vip', operator: 'equals', value: 'VIP' }],
    });
    const portFor = (text: string) => switchNode.run(aDecisionContext({ sms: anSms({ text }) }), config).port;
    expect(portFor('VIP please call me back')).toBe('vip');
    expect(portFor('vip: please call me back')).toBe('vip');
    expect(portFor('Please call me back, VIP')).toBe('default');
    expect(portFor('VIPS please')).toBe('default');
  });

  it('keeps the case of the word, so a case-sensitive switch tells VIP from vip', () => {
    const config = switchNode.config.parse({
      value: 'sms.firstWord',
      caseInsensitive: false,
      cases: [{ id: 'vip', operator: 'equals', value: 'VIP' }],
    });
    const portFor = (text: string) => switchNode.run(aDecisionContext({ sms: anSms({ text }) }), config).port;
    expect(portFor('VIP please')).toBe('vip');
    expect(portFor('vip please')).toBe('default');
  });

  it('is a value a switch may compare, offered with what it is, and says first word on the canvas', () => {
    expect(switchNode.config.safeParse({ value: 'sms.firstWord' }).success).toBe(true);
    const offered = VALUE_PATH_CHOICES.find((choice) => choice.path === 'sms.firstWord');
    expect(offered?.description.en).toMatch(/first word/);
    const keyword = VALUE_PATH_CHOICES.find((choice) => choice.path === 'sms.keyword');
    expect(keyword?.description.en).toMatch(/provider.*often empty/);
    expect(keyword?.description.de).toMatch(/Anbieter.*oft leer/);
    const config = switchNode.config.parse({
      value: 'sms.firstWord',
      cases: [{ id: 'vip', operator: 'equals', value: 'VIP' }],
    });
    expect(switchNode.summarize(config, 'en')).toBe('first word equals VIP');
    expect(switchNode.summarize(config, 'de')).toBe('erstes Wort ist gleich VIP');
  });

  it('routes a whole run by the first word, where sms.keyword (empty) would not', async () => {
    const graph = (value: string) =>
      aGraph(
        [
          ['start', 'start'],
          ['switch', 'switch', { value, cases: [{ id: 'vip', operator: 'equals', value: 'VIP' }] }],
          ['vip', 'route_to_acd_group', { acdGroupId: GROUP, subject: 'VIP {{sms.firstWord}}' }],
          ['other', 'drop', { reason: 'not VIP' }],
        ],
        [
          ['start', 'next', 'switch'],
          ['switch', 'vip', 'vip'],
          ['switch', 'default', 'other'],
        ],
      );
    expect(validateWorkflow(graph('sms.firstWord'), { acdGroupIds: new Set([GROUP]) })).toEqual([]);
    const sms = anSms({ text: 'VIP please call me back', keyword: null });
    const byWord = await createWorkflowRunner(graph('sms.firstWord')).run(sms, unusedServices());
    expect(byWord.outcome).toMatchObject({ kind: 'routed', acdGroupId: GROUP, subject: 'VIP VIP' });
    const byKeyword = await createWorkflowRunner(graph('sms.keyword')).run(sms, unusedServices());
    expect(byKeyword.outcome).toMatchObject({ kind: 'dropped' });
  });
});
