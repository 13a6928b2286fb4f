import { describe, expect, it } from 'vitest';
import { portsOf, REGEX_LIMITS, switchNode } from '../../../workflows/index';
import { aDecisionContext, anSms } from '../fixtures';

const config = (input: Record<string, unknown>) => switchNode.config.parse(input);
const portFor = (input: Record<string, unknown>, context = aDecisionContext()) =>
  switchNode.run(context, config(input)).port;
const withText = (text: string) => aDecisionContext({ sms: anSms({ text }) });

describe('switch', () => {
  const stopOrSales = {
    value: 'sms.text',
    cases: [
      { id: 'stop', operator: 'in_list', value: 'STOP, END, UNSUBSCRIBE' },
      { id: 'sales', operator: 'starts_with', value: 'SALES' },
    ],
  };

  it('has one port per case, by case id, plus default', () => {
    expect(portsOf(switchNode, config(stopOrSales))).toEqual(['stop', 'sales', 'default']);
    expect(portsOf(switchNode, config({}))).toEqual(['default']);
  });

  it('leaves by the first case that matches, else by default', () => {
    expect(portFor(stopOrSales, withText('end'))).toBe('stop');
    expect(portFor(stopOrSales, withText('Sales please call me'))).toBe('sales');
    expect(portFor(stopOrSales, withText('Hello'))).toBe('default');
  });

  it('prefers the earlier case when several match', () => {
    const overlapping = {
      cases: [
        { id: 'first', operator: 'contains', value: 'a' },
        { id: 'second', operator: 'contains', value: 'ab' },
      ],
    };
    expect(portFor(overlapping, withText('abc'))).toBe('first');
  });

  it.each([
    ['equals', 'STOP', 'stop', 'stop please'],
    ['contains', 'help', 'I need HELP now', 'hello'],
    ['starts_with', 'info', 'INFO prices', 'more info'],
    ['regex', '^\\d{5}$', '10115', '1011'],
    ['in_list', 'yes, y, ja', 'JA', 'jaa'],
  ])('compares by %s (%s)', (operator, value, matching, other) => {
    const input = { cases: [{ id: 'hit', operator, value }] };
    expect(portFor(input, withText(matching))).toBe('hit');
    expect(portFor(input, withText(other))).toBe('default');
  });

  it('ignores case by default and honours caseInsensitive: false', () => {
    const cases = [{ id: 'stop', operator: 'equals', value: 'STOP' }];
    expect(portFor({ cases }, withText('stop'))).toBe('stop');
    expect(portFor({ cases, caseInsensitive: false }, withText('stop'))).toBe('default');
    expect(portFor({ cases, caseInsensitive: false }, withText('STOP'))).toBe('stop');
    const regex = [{ id: 'r', operator: 'regex', value: '^stop$' }];
    expect(portFor({ cases: regex }, withText('STOP'))).toBe('r');
    expect(portFor({ cases: regex, caseInsensitive: false }, withText('STOP'))).toBe('default');
  });

  it('trims the value before comparing', () => {
    expect(portFor({ cases: [{ id: 'stop', value: 'STOP' }] }, withText('  stop \n'))).toBe('stop');
  });

  it('reads the sender, the keyword and variables', () => {
    const context = aDecisionContext({
      sms: anSms({ sender: '+491701', keyword: 'PROMO' }),
      vars: { crm: { tier: 'VIP' } },
    });
    expect(
      portFor({ value: 'sms.sender', cases: [{ id: 'de', operator: 'starts_with', value: '+49' }] }, context),
    ).toBe('de');
    expect(portFor({ value: 'sms.keyword', cases: [{ id: 'promo', value: 'promo' }] }, context)).toBe('promo');
    expect(portFor({ value: 'vars.crm.tier', cases: [{ id: 'vip', value: 'vip' }] }, context)).toBe('vip');
  });

  it('treats a missing keyword or variable as empty text', () => {
    const input = { value: 'vars.crm.tier', cases: [{ id: 'empty', operator: 'regex', value: '^$' }] };
    expect(portFor(input)).toBe('empty');
    expect(portFor({ ...input, value: 'sms.keyword' })).toBe('empty');
  });

  it('rejects configs that could not run', () => {
    const issues = (input: Record<string, unknown>) =>
      switchNode.config.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(issues({ cases: [{ id: 'r', operator: 'regex', value: '(' }] })).toEqual(['cases.0.value']);
    expect(issues({ cases: [{ id: 'default', value: 'x' }] })).toEqual(['cases.0.id']);
    expect(
      issues({
        cases: [
          { id: 'a', value: 'x' },
          { id: 'a', value: 'y' },
        ],
      }),
    ).toEqual(['cases.1.id']);
    expect(issues({ cases: [{ id: 'a', value: '' }] })).toEqual(['cases.0.value']);
    expect(issues({ value: 'sms.unknown' })).toEqual(['value']);
    expect(issues({ value: 'vars' })).toEqual(['value']);
  });

  it('matches regex cases in linear time: `(a+)+$` against a run of `a` and a `!`', () => {
    const hostile = { cases: [{ id: 'hostile', operator: 'regex', value: '(a+)+$' }] };
    // 29 `a` took a backtracking engine about 28 s, doubling with each further `a`.
    expect(portFor(hostile, withText(`${'a'.repeat(29)}!`))).toBe('default');
    expect(portFor(hostile, withText(`${'a'.repeat(1_600)}!`))).toBe('default');
    expect(portFor(hostile, withText('aaa'))).toBe('hostile');
  });

  it('refuses regex cases the linear engine cannot run, saying which construct', () => {
    const problem = (pattern: string) =>
      switchNode.config
        .safeParse({ cases: [{ id: 'r', operator: 'regex', value: pattern }] })
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    const because = 'regular expressions use RE2 syntax, which matches in linear time';
    expect(problem('(\\w+) \\1')).toEqual([
      `cases.0.value: A backreference such as \\1 is not supported: ${because} and has no backreferences`,
    ]);
    expect(problem('(?<w>\\w+) \\k<w>')).toEqual([
      `cases.0.value: A named backreference \\k<name> is not supported: ${because} and has no backreferences`,
    ]);
    expect(problem('stop(?=!)')).toEqual([
      `cases.0.value: Lookahead (?=…) is not supported: ${because} and has no lookaround`,
    ]);
    expect(problem('stop(?!!)')).toEqual([
      `cases.0.value: Negative lookahead (?!…) is not supported: ${because} and has no lookaround`,
    ]);
    expect(problem('(?<=\\+49)1')).toEqual([
      `cases.0.value: Lookbehind (?<=…) is not supported: ${because} and has no lookaround`,
    ]);
    expect(problem('(?<!\\+49)1')).toEqual([
      `cases.0.value: Negative lookbehind (?<!…) is not supported: ${because} and has no lookaround`,
    ]);
    expect(problem('\\u00e9')).toEqual([
      `cases.0.value: The escape \\u is not supported: ${because}; write \\x{00E9} for a character by its code`,
    ]);
    expect(problem('(a{1000}){2}')).toEqual([
      'cases.0.value: The repeat count {2} is too large or out of order: counts go up to 1000, and nested counts multiply',
    ]);
    expect(problem('(stop')).toEqual([
      'cases.0.value: This is not a valid regular expression: missing closing ) in "(stop"',
    ]);
  });

  it('accepts RE2 syntax that JavaScript lacks', () => {
    const input = { caseInsensitive: false, cases: [{ id: 'r', operator: 'regex', value: '(?i)^stop\\z' }] };
    expect(portFor(input, withText('STOP'))).toBe('r');
  });

  it('refuses regex cases too large to match quickly, alone or together', () => {
    const issues = (patterns: string[]) =>
      switchNode.config
        .safeParse({ cases: patterns.map((value, index) => ({ id: `r${index}`, operator: 'regex', value })) })
        .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues(['\\w{999}'])).toEqual([
      'cases.0.value: This regular expression is too large (size 1,001, at most 1,000): ' +
        'repeat counts such as {200} make it large quickly',
    ]);
    expect(issues(['\\w{500}', '\\d{400}', 'x'])).toBeUndefined();
    expect(issues(['\\w{500}', '\\d{400}', '[a-z]{100}', 'x'])).toEqual([
      'cases.2.value: The regular expressions of this switch are too large together (size 1,006, at most 1,000): ' +
        'simplify them or spread the cases over two switches',
      'cases.3.value: The regular expressions of this switch are too large together (size 1,009, at most 1,000): ' +
        'simplify them or spread the cases over two switches',
    ]);
  });

  it('fails rather than compare a value longer than a regex case may', () => {
    const input = { value: 'vars.notes', cases: [{ id: 'r', operator: 'regex', value: 'urgent' }] };
    const longNotes = aDecisionContext({ vars: { notes: 'x'.repeat(REGEX_LIMITS.valueLength + 1) } });
    expect(() => portFor(input, longNotes)).toThrow(
      'The value is 10,001 characters long; a regular expression compares at most 10,000',
    );
    const notesAtTheLimit = aDecisionContext({ vars: { notes: `${'x'.repeat(REGEX_LIMITS.valueLength - 6)}urgent` } });
    expect(portFor(input, notesAtTheLimit)).toBe('r');
  });

  it('summarizes its cases for the canvas', () => {
    expect(
      switchNode.summarize(
        config({
          cases: [
            { id: 'a', operator: 'contains', value: 'STOP' },
            { id: 'b', operator: 'contains', value: 'HELP' },
          ],
        }),
        'en',
      ),
    ).toBe('text contains STOP, HELP');
    expect(switchNode.summarize(config(stopOrSales), 'en')).toBe(
      'text: is one of STOP, END, UNSUBSCRIBE · starts with SALES',
    );
    expect(switchNode.summarize(config({ value: 'vars.crm.tier', cases: [{ id: 'vip', value: 'vip' }] }), 'en')).toBe(
      'vars.crm.tier equals vip',
    );
    expect(switchNode.summarize(config({ value: 'sms.keyword' }), 'en')).toBe('keyword: no cases yet');
  });

  it('summarizes its cases in German, naming the SMS field and the operators in German', () => {
    expect(switchNode.summarize(config(stopOrSales), 'de')).toBe(
      'Text: ist eines von STOP, END, UNSUBSCRIBE · beginnt mit SALES',
    );
    expect(switchNode.summarize(config({ value: 'sms.keyword' }), 'de')).toBe('Schlüsselwort: noch keine Fälle');
    expect(switchNode.summarize(config({ value: 'vars.crm.tier', cases: [{ id: 'vip', value: 'vip' }] }), 'de')).toBe(
      'vars.crm.tier ist gleich vip',
    );
  });
});
