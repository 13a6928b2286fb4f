import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import {
  CANNED_TEXT_MAX,
  CANNED_TITLE_MAX,
  cannedPlaceholders,
  SHORTCUT,
  SHORTCUT_MAX,
  unknownPlaceholders,
} from './canned-placeholders';
import { clientPageQuery, page, pagedQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { resourceRoutes } from './resource-routes';

const shortcut = z
  .string()
  .trim()
  .min(1)
  .max(SHORTCUT_MAX)
  .refine((value) => SHORTCUT.test(value), {
    message: 'only lowercase letters, digits and dashes',
    params: because(sentence('cannedResponses.reason.shortcut')),
  });

const text = z
  .string()
  .min(1)
  .max(CANNED_TEXT_MAX)
  .superRefine((value, ctx) => {
    for (const placeholder of unknownPlaceholders(value)) {
      const why = sentence('cannedResponses.reason.unknownPlaceholder', {
        placeholder,
        known: cannedPlaceholders.join(', '),
      });
      ctx.addIssue({ code: 'custom', message: `unknown placeholder ${placeholder}`, params: because(why) });
    }
  });

export const cannedResponseBody = z.strictObject({
  clientId: z.uuid().optional(),
  shortcut,
  title: z.string().trim().min(1).max(CANNED_TITLE_MAX),
  text,
});
export const cannedResponsePatchBody = z.strictObject({
  shortcut: shortcut.optional(),
  title: cannedResponseBody.shape.title.optional(),
  text: text.optional(),
});

export const cannedResponse = z.object({
  id: z.string(),
  clientId: z.string(),
  shortcut: z.string().describe('What the agent types after `/`, unique in the client'),
  title: z.string(),
  text: z
    .string()
    .describe(`The text, with placeholders such as \`{{agent.name}}\` (${cannedPlaceholders.join(', ')})`),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type CannedResponse = z.output<typeof cannedResponse>;

const routes = resourceRoutes('/api/canned-responses', cannedResponse);
const shortcutTaken = { 409: 'A canned response with this shortcut exists in the client already' };
const textRules = `Unknown placeholders are refused (400 naming \`text\`); known: ${cannedPlaceholders.join(', ')}.`;

export const cannedResponseApi = {
  list: routes.list(clientPageQuery, { summary: 'The canned responses of the caller’s clients.' }),
  create: routes.create(cannedResponseBody, {
    summary: 'Creates a canned response in a client.',
    description: textRules,
    errors: shortcutTaken,
  }),
  get: routes.get({ summary: 'One canned response.' }),
  update: routes.update(cannedResponsePatchBody, {
    summary: 'Changes a canned response.',
    description: textRules,
    errors: shortcutTaken,
  }),
  delete: routes.delete({ summary: 'Deletes a canned response.' }),
  forAgent: defineRoute({
    method: 'GET',
    path: '/api/desk/canned-responses',
    summary: 'The canned responses of the calling agent’s client, for inserting with `/`.',
    description: 'Agents only: their own client’s responses, in the order they were created.',
    query: pagedQuery,
    responses: { 200: page(cannedResponse) },
  }),
};
