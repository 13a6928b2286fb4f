import { describe, expect, it } from 'vitest';
import {
  readValue,
  renderTemplate,
  resolveTemplateValue,
  unknownPlaceholders,
} from '../../../workflows/templates/render-template';
import { anSms } from '../fixtures';

const scope = { sms: anSms({ sender: '+491701', text: 'Hi' }), vars: { crm: { tier: 'vip', visits: 3, tags: ['a'] } } };

describe('templates', () => {
  it('fills sms and variable placeholders, spaces allowed', () => {
    expect(renderTemplate('{{sms.sender}} / {{ vars.crm.tier }} / {{vars.crm.visits}}', scope)).toBe(
      '+491701 / vip / 3',
    );
  });

  it('renders missing values as empty and objects as JSON', () => {
    expect(renderTemplate('[{{vars.nope.deeper}}][{{sms.keyword}}][{{vars.crm.tags}}]', scope)).toBe('[][][["a"]]');
  });

  it('escapes each inserted value with the given encoder only', () => {
    expect(renderTemplate('q={{sms.sender}}&x=+', scope, encodeURIComponent)).toBe('q=%2B491701&x=+');
  });

  it('keeps the type of a whole-template placeholder', () => {
    expect(resolveTemplateValue('{{vars.crm}}', scope)).toEqual(scope.vars.crm);
    expect(resolveTemplateValue('{{vars.crm.visits}}', scope)).toBe(3);
    expect(resolveTemplateValue('n={{vars.crm.visits}}', scope)).toBe('n=3');
  });

  it('reads values by path', () => {
    expect(readValue(scope, 'sms.text')).toBe('Hi');
    expect(readValue(scope, 'vars.crm.tier')).toBe('vip');
    expect(readValue(scope, 'vars.crm.tier.length.x')).toBeUndefined();
  });

  it('lists placeholders that name nothing a run can read', () => {
    expect(unknownPlaceholders('{{sms.sender}} {{vars.a.b}} {{env.SECRET}} {{sms.password}} {{}}')).toEqual([
      'env.SECRET',
      'sms.password',
      '',
    ]);
  });

  it('scans `{{` followed by thousands of spaces in linear time', () => {
    // A backtracking regex took 4.4 s on 3,000 spaces, and cubic time beyond.
    for (const spaces of [3_000, 19_998]) {
      const open = `{{${' '.repeat(spaces)}`;
      expect(unknownPlaceholders(open)).toEqual([]);
      expect(renderTemplate(open, scope)).toBe(open);
      expect(resolveTemplateValue(open, scope)).toBe(open);
      expect(renderTemplate(`${open}sms.text }}`, scope)).toBe('Hi');
    }
    expect(unknownPlaceholders('{{'.repeat(10_000))).toEqual([]);
    expect(unknownPlaceholders(`{{ ${'{ '.repeat(5_000)}`)).toEqual([]);
  });

  it('keeps the placeholder rules: no braces inside, spaces trimmed, the last `{{` before the path', () => {
    expect(renderTemplate('{{{sms.text}}}', scope)).toBe('{Hi}');
    expect(renderTemplate('{{ sms.text } }}', scope)).toBe('{{ sms.text } }}');
    expect(renderTemplate('{{ {sms.text}}', scope)).toBe('{{ {sms.text}}');
    expect(renderTemplate('{{\n\tsms.text \u00a0}}', scope)).toBe('Hi');
    expect(renderTemplate('}}{{sms.text}}{{', scope)).toBe('}}Hi{{');
    expect(renderTemplate('{{sms.text}}{{sms.sender}}', scope)).toBe('Hi+491701');
    expect(resolveTemplateValue(' {{vars.crm}}', scope)).toBe(` ${JSON.stringify(scope.vars.crm)}`);
  });
});
