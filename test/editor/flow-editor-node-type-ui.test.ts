import { CircleHelp, Tag } from 'lucide-react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configSchemaOf, defineNodeType, fieldLabelAt, nodeTypeCatalog, verbatim } from '../../workflows';
import { portIdField } from '../../workflows/catalog/fields';
import { lookOf, paletteGroups, portViews } from '../../editor/src/routing/flow-editor/node-catalog';
import {
  fieldView,
  nextItemId,
  portIdFieldOf,
  type JsonSchema,
} from '../../editor/src/routing/flow-editor/inspector/json-schema';

// A node type the editor has never seen, declared the way a new one would be: one declaration,
// with an icon no other node type uses, an enum, a list of items and ports derived from them.
const tagByKeyword = defineNodeType({
  type: 'tag_by_keyword',
  kind: 'decision',
  label: { en: 'Tag by keyword', de: 'Nach Schlüsselwort markieren' },
  category: 'data',
  description: {
    en: 'Leaves by the first rule whose keyword the SMS has.',
    de: 'Geht über die erste passende Regel weiter.',
  },
  icon: 'tag',
  config: z.strictObject({
    mode: z
      .enum(['first', 'every'])
      .default('first')
      .meta({
        ui: {
          title: { en: 'Mode', de: 'Modus' },
          options: {
            first: { en: 'First match', de: 'Erster Treffer' },
            every: { en: 'Every match', de: 'Jeder Treffer' },
          },
        },
      }),
    rules: z
      .array(
        z.strictObject({
          id: portIdField(),
          keyword: z
            .string()
            .min(1, { error: 'Enter a keyword' })
            .meta({ ui: { title: { en: 'Keyword', de: 'Schlüsselwort' }, wide: true } }),
        }),
      )
      .default([{ id: 'rule_1', keyword: 'VIP' }])
      .meta({
        ui: {
          title: { en: 'Rules', de: 'Regeln' },
          item: { name: { en: 'rule', de: 'Regel' }, empty: { en: 'No rules yet.', de: 'Noch keine Regeln.' } },
        },
      }),
  }),
  ports: (config) => [...config.rules.map((rule) => rule.id), 'untagged'],
  portLabels: (config) => ({
    ...Object.fromEntries(config.rules.map((rule) => [rule.id, verbatim(`#${rule.keyword}`)])),
    untagged: { en: 'untagged', de: 'ohne Markierung' },
  }),
  summarize: (config) => config.rules.map((rule) => rule.keyword).join(', '),
  run: () => ({ port: 'untagged' }),
});

const schema = configSchemaOf(tagByKeyword);
const rules = schema.properties!.rules as JsonSchema;
const config = {
  mode: 'first',
  rules: [
    { id: 'rule_1', keyword: 'VIP' },
    { id: 'rule_2', keyword: '' },
  ],
};

describe('a node type the editor has never seen', () => {
  it('is in the palette under its category, with its own words, icon and colour', () => {
    const catalog = [...nodeTypeCatalog, tagByKeyword];
    const data = (language: 'en' | 'de') =>
      paletteGroups(catalog, '', language).find((group) => group.nodeTypes.includes(tagByKeyword));
    expect(data('en')?.label).toBe('Data');
    expect(data('de')?.label).toBe('Daten');
    expect(paletteGroups(catalog, 'markieren', 'de').flatMap((group) => group.nodeTypes)).toEqual([tagByKeyword]);
    expect(paletteGroups(catalog, 'markieren', 'en')).toEqual([]);

    expect(lookOf(tagByKeyword, 'en')).toMatchObject({ label: 'Tag by keyword', icon: Tag, color: 'cyan' });
    expect(lookOf(tagByKeyword, 'de')).toMatchObject({
      label: 'Nach Schlüsselwort markieren',
      description: 'Geht über die erste passende Regel weiter.',
      categoryLabel: 'Daten',
    });
    expect(lookOf(tagByKeyword, 'en').icon).not.toBe(CircleHelp);
  });

  it('gets an inspector form in its own words: titles, options, list items and empty hint', () => {
    expect(fieldView(schema.properties!.mode!, 'mode', 'en')).toMatchObject({
      title: 'Mode',
      options: [
        { value: 'first', label: 'First match' },
        { value: 'every', label: 'Every match' },
      ],
    });
    expect(fieldView(schema.properties!.mode!, 'mode', 'de').options?.map((option) => option.label)).toEqual([
      'Erster Treffer',
      'Jeder Treffer',
    ]);
    expect(fieldView(rules, 'rules', 'en')).toMatchObject({
      title: 'Rules',
      item: { name: 'rule', heading: 'Rule', empty: 'No rules yet.' },
    });
    expect(fieldView(rules, 'rules', 'de')).toMatchObject({
      title: 'Regeln',
      item: { name: 'Regel', heading: 'Regel', empty: 'Noch keine Regeln.' },
    });
    const keyword = rules.items!.properties!.keyword!;
    expect(fieldView(keyword, 'keyword', 'de')).toMatchObject({ title: 'Schlüsselwort', wide: true });
    // A new rule gets the next free port id, named after the item.
    const idField = portIdFieldOf(rules.items!);
    expect(idField).toBeDefined();
    expect(nextItemId(fieldView(rules, 'rules', 'de').item!.idPrefix, config.rules, idField!)).toBe('rule_3');
  });

  it('is drawn on the canvas with its derived ports named in its own words, even half filled in', () => {
    expect(portViews(tagByKeyword, config, 'en')).toEqual([
      { id: 'rule_1', label: '#VIP' },
      { id: 'rule_2', label: '#' },
      { id: 'untagged', label: 'untagged' },
    ]);
    expect(portViews(tagByKeyword, config, 'de').at(-1)).toEqual({ id: 'untagged', label: 'ohne Markierung' });
  });

  it('has its problems name the field as the form labels it', () => {
    expect(fieldLabelAt(schema, ['rules', 1, 'keyword'], 'en')).toBe('Rule 2 › Keyword');
    expect(fieldLabelAt(schema, ['rules', 1, 'keyword'], 'de')).toBe('Regel 2 › Schlüsselwort');
  });
});
