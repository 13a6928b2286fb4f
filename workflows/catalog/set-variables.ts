import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { resolveTemplateValue } from '../templates/render-template';
import { templateField, variableNameField } from './fields';

const assignment = z.strictObject({
  name: variableNameField({ en: 'Variable', de: 'Variable' }),
  /** A template; one that is a single placeholder (`{{vars.crm}}`) keeps the value's type. */
  value: templateField({ title: { en: 'Value', de: 'Wert' } }),
});

const setVariablesConfig = z.strictObject({
  assignments: z
    .array(assignment)
    .max(50)
    .default([])
    .meta({
      ui: {
        title: { en: 'Variables', de: 'Variablen' },
        item: {
          name: { en: 'variable', de: 'Variable' },
          empty: { en: 'No variables yet.', de: 'Noch keine Variablen.' },
        },
      },
    }),
});

export const setVariablesNode = defineNodeType({
  type: 'set_variables',
  kind: 'decision',
  label: { en: 'Set variables', de: 'Variablen setzen' },
  category: 'data',
  description: {
    en: 'Assigns variables from templates such as {{sms.sender}} or {{vars.crm.tier}}, in order, so later ones can use earlier ones.',
    de: 'Setzt Variablen aus Vorlagen wie {{sms.sender}} oder {{vars.crm.tier}}, der Reihe nach, sodass spätere frühere nutzen können.',
  },
  icon: 'variable',
  config: setVariablesConfig,
  ports: ['next'],
  portLabels: { next: { en: 'next', de: 'weiter' } },
  summarize: (config) =>
    config.assignments.length === 0
      ? 'Nothing to set yet'
      : config.assignments.map((item) => `${item.name} = ${item.value}`).join(', '),
  run(context, config) {
    const assigned: Record<string, unknown> = {};
    let vars = context.vars;
    for (const { name, value } of config.assignments) {
      assigned[name] = resolveTemplateValue(value, { sms: context.sms, vars });
      vars = { ...vars, [name]: assigned[name] };
    }
    return { port: 'next', vars: assigned };
  },
});
