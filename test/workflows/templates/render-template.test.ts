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
});
