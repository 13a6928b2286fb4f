import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { acdGroupWords } from '../node-types/summary-names';
import { renderTemplate } from '../templates/render-template';
import { acdGroupIdField, templateField } from './fields';

export const routeToAcdGroupNode = defineNodeType({
  type: 'route_to_acd_group',
  kind: 'terminal',
  label: { en: 'Route to ACD group', de: 'An ACD-Gruppe routen' },
  category: 'routing',
  description: {
    en: 'Ends the run by creating a media event in an ACD group, with a subject and a priority.',
    de: 'Beendet den Lauf mit einem Medien-Ereignis in einer ACD-Gruppe, mit Betreff und Priorität.',
  },
  icon: 'headset',
  config: z.strictObject({
    acdGroupId: acdGroupIdField(),
    subject: templateField(
      {
        title: { en: 'Subject', de: 'Betreff' },
        initial: { en: 'SMS from {{sms.sender}}', de: 'SMS von {{sms.sender}}' },
      },
      500,
    ).default('SMS from {{sms.sender}}'),
    /** 1 (lowest) to 10 (most urgent). */
    priority: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(5)
      .meta({ ui: { title: { en: 'Priority', de: 'Priorität' } } }),
  }),
  summarize: (config, language, names) => {
    const group = acdGroupWords(config.acdGroupId, language, names);
    return {
      en: `To ${group}, priority ${config.priority}, subject "${config.subject}"`,
      de: `An ${group}, Priorität ${config.priority}, Betreff „${config.subject}“`,
    }[language];
  },
  acdGroupReferences: (config) => [{ field: 'acdGroupId', acdGroupId: config.acdGroupId }],
  run: (context, config) => ({
    kind: 'routed',
    acdGroupId: config.acdGroupId,
    subject: renderTemplate(config.subject, context),
    priority: config.priority,
  }),
});
