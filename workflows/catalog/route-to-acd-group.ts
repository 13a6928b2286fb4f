import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { renderTemplate } from '../templates/render-template';
import { acdGroupIdField, templateField } from './fields';

export const routeToAcdGroupNode = defineNodeType({
  type: 'route_to_acd_group',
  kind: 'terminal',
  label: 'Route to ACD group',
  category: 'routing',
  description: 'Ends the run by creating a media event in an ACD group, with a subject and a priority.',
  icon: 'headset',
  config: z.strictObject({
    acdGroupId: acdGroupIdField(),
    subject: templateField('Subject', 500).default('SMS from {{sms.sender}}'),
    /** 1 (lowest) to 10 (most urgent). */
    priority: z.number().int().min(1).max(10).default(5).meta({ title: 'Priority' }),
  }),
  summarize: (config) => `Subject "${config.subject}", priority ${config.priority}`,
  acdGroupReferences: (config) => [{ field: 'acdGroupId', acdGroupId: config.acdGroupId }],
  run: (context, config) => ({
    kind: 'routed',
    acdGroupId: config.acdGroupId,
    subject: renderTemplate(config.subject, context),
    priority: config.priority,
  }),
});
