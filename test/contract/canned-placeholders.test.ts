import { describe, expect, it } from 'vitest';
import {
  CANNED_PLACEHOLDER_WORDS,
  cannedPlaceholders,
  placeholdersIn,
  placeholderToken,
  renderCanned,
  unknownPlaceholders,
} from '../../contract/canned-placeholders';
import { messages } from '../../i18n/messages/messages';

describe('canned response placeholders', () => {
  it('fills every placeholder from the values, spaces inside the braces allowed', () => {
    const rendered = renderCanned(
      'Hello {{customer.number}}, {{ agent.name }} of {{client.name}} ({{group.name}}) here.',
      {
        'customer.number': '+491701234567',
        'agent.name': 'Mira',
        'client.name': 'Acme',
        'group.name': 'Support',
      },
    );
    expect(rendered).toEqual({ text: 'Hello +491701234567, Mira of Acme (Support) here.', missing: [], unknown: [] });
  });

  it('renders a placeholder without a value as empty and reports it, once', () => {
    const rendered = renderCanned('{{agent.name}} and {{agent.name}}, {{group.name}}!', {
      'agent.name': '',
      'group.name': null,
    });
    expect(rendered).toEqual({ text: ' and , !', missing: ['agent.name', 'group.name'], unknown: [] });
  });

  it('leaves nothing in braces, also for a name that is no placeholder', () => {
    const rendered = renderCanned('A {{customer.name}} B {{}} C', {});
    expect(rendered.text).toBe('A  B  C');
    expect(rendered.unknown).toEqual(['customer.name', '']);
    expect(rendered.text).not.toMatch(/\{\{|\}\}/);
  });

  it('takes values as text: a value with braces or $ patterns is inserted as it is', () => {
    expect(renderCanned('{{agent.name}}', { 'agent.name': '$& {{client.name}}' }).text).toBe('$& {{client.name}}');
  });

  it('finds the names a text uses and the unknown ones', () => {
    expect(placeholdersIn('{{agent.name}} {{x}} {{agent.name}}')).toEqual(['agent.name', 'x']);
    expect(unknownPlaceholders('{{agent.name}} {{x}} {{ y.z }}')).toEqual(['x', 'y.z']);
    expect(unknownPlaceholders('no placeholders, a lone {{ brace')).toEqual([]);
  });

  it('writes each placeholder as the text takes it, and has its words in every language', () => {
    for (const name of cannedPlaceholders) {
      expect(placeholdersIn(placeholderToken(name))).toEqual([name]);
      const key = CANNED_PLACEHOLDER_WORDS[name];
      expect(messages.en.cannedResponses.placeholder[key]).toEqual(expect.any(String));
      expect(messages.de.cannedResponses.placeholder[key]).toEqual(expect.any(String));
      expect(messages.en.cannedResponses.sample[key]).toEqual(expect.any(String));
    }
    expect(Object.keys(messages.en.cannedResponses.placeholder).sort()).toEqual(
      Object.values(CANNED_PLACEHOLDER_WORDS).sort(),
    );
  });
});
