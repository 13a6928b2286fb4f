import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { clientPageQuery, idParams, timestamp } from './common';
import { defineRoute } from './define-route';
import { resourceRoutes } from './resource-routes';
import { WRAP_UP_CODE, WRAP_UP_CODE_MAX } from './wrap-up-rule';

const code = z
  .string()
  .trim()
  .min(1)
  .max(WRAP_UP_CODE_MAX)
  .refine((value) => WRAP_UP_CODE.test(value), {
    message: 'only letters, digits, dots, underscores and dashes',
    params: because(sentence('wrapUpCodes.reason.code')),
  });

export const wrapUpCodeBody = z.strictObject({
  clientId: z.uuid().optional(),
  code,
  label: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
});
export const wrapUpCodePatchBody = z.strictObject({
  code: code.optional(),
  label: wrapUpCodeBody.shape.label.optional(),
  active: z.boolean().optional(),
});

export const wrapUpCode = z.object({
  id: z.string(),
  clientId: z.string(),
  code: z.string().describe('Unique in the client'),
  label: z.string(),
  active: z.boolean().describe('Whether groups offer it when closing; an inactive code is kept for reports'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type WrapUpCode = z.output<typeof wrapUpCode>;

/** What closing in a group asks for (see `wrapUpRule` in wrap-up-rule.ts). */
export const groupWrapUp = z.object({
  acdGroupId: z.string(),
  required: z.boolean().describe('Whether a code must be chosen when closing'),
  requiredButNoneOffered: z
    .boolean()
    .describe('The group asks for a code but offers no active one, so closing asks for none'),
  offered: z.array(wrapUpCode).describe('The codes to choose from'),
});
export type GroupWrapUp = z.output<typeof groupWrapUp>;

const routes = resourceRoutes('/api/wrap-up-codes', wrapUpCode);
const codeTaken = { 409: 'A wrap-up code with this code exists in the client already' };

export const wrapUpCodeApi = {
  list: routes.list(clientPageQuery, { summary: 'The wrap-up codes of the caller’s clients.' }),
  create: routes.create(wrapUpCodeBody, { summary: 'Creates a wrap-up code in a client.', errors: codeTaken }),
  get: routes.get({ summary: 'One wrap-up code.' }),
  update: routes.update(wrapUpCodePatchBody, {
    summary: 'Changes a wrap-up code; an inactive one is offered by no group.',
    errors: codeTaken,
  }),
  delete: routes.delete({
    summary: 'Deletes a wrap-up code; groups that offered it offer it no more.',
  }),
  forAgent: defineRoute({
    method: 'GET',
    path: '/api/desk/acd-groups/:id/wrap-up',
    summary:
      'What closing a conversation of this ACD group asks for: whether a code is required, and the codes offered.',
    description: 'Agents only, for a group of their own client.',
    params: idParams,
    responses: { 200: groupWrapUp },
  }),
};
