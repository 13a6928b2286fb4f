import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { clientPageQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { OPT_OUT_KEYWORD_MAX, normalizeKeyword } from './opt-out-keywords';
import { toE164 } from './phone-number';
import { resourceRoutes } from './resource-routes';
import { MAX_SMS_CHARACTERS } from './sms-segments';

/** How a number came onto the list: its own keyword SMS, or an admin. */
export const optOutSources = ['keyword', 'admin'] as const;
export type OptOutSource = (typeof optOutSources)[number];

/** The most keywords of one kind a client may set. */
export const OPT_OUT_KEYWORDS_MAX = 20;

export const optOut = z.object({
  id: z.string(),
  clientId: z.string(),
  number: z.string().describe('The customer’s number, E.164'),
  source: z.enum(optOutSources).describe('A keyword SMS from the number, or an admin'),
  since: timestamp,
});
export type OptOut = z.output<typeof optOut>;

export const optOutListQuery = clientPageQuery.extend({
  search: z.string().trim().max(32).optional().describe('Only numbers containing these digits'),
});

const e164 = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .transform((value, ctx) => {
    const number = toE164(value);
    if (number !== null) return number;
    ctx.addIssue({
      code: 'custom',
      message: 'not an international phone number (+ and country code)',
      params: because(sentence('optOuts.reason.number')),
    });
    return z.NEVER;
  });

export const optOutBody = z.strictObject({
  clientId: z.uuid().optional(),
  number: e164,
});

/** A keyword as an admin may set it: letters and digits (single spaces between), stored in capitals. */
const keyword = z
  .string()
  .trim()
  .min(1)
  .max(OPT_OUT_KEYWORD_MAX)
  .refine((value) => /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(value), {
    message: 'only letters and digits',
    params: because(sentence('optOuts.reason.keyword')),
  })
  .transform((value) => normalizeKeyword(value));

const keywords = z
  .array(keyword)
  .max(OPT_OUT_KEYWORDS_MAX)
  .transform((list) => [...new Set(list)]);

const confirmation = z
  .string()
  .trim()
  .max(MAX_SMS_CHARACTERS)
  .nullable()
  .transform((value) => (value === '' ? null : value));

export const optOutSettingsBody = z
  .strictObject({
    enabled: z.boolean(),
    optOutKeywords: keywords.refine((list) => list.length > 0, {
      message: 'at least one keyword',
      params: because(sentence('optOuts.reason.noKeyword')),
    }),
    optInKeywords: keywords,
    optOutConfirmation: confirmation.describe('Sent to a number that opted out (null: none)'),
    optInConfirmation: confirmation.describe('Sent to a number that opted back in (null: none)'),
  })
  .superRefine((body, ctx) => {
    const both = body.optInKeywords.filter((word) => body.optOutKeywords.includes(word));
    if (both.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['optInKeywords'],
      message: `${both.join(', ')} is an opt-out keyword too`,
      params: because(sentence('optOuts.reason.bothLists', { keywords: both.join(', ') })),
    });
  });
export type OptOutSettingsBody = z.input<typeof optOutSettingsBody>;

export const optOutSettings = z.object({
  clientId: z.string(),
  enabled: z.boolean().describe('Whether keyword SMS change the list (off: they are routed as any SMS)'),
  optOutKeywords: z.array(z.string()),
  optInKeywords: z.array(z.string()),
  optOutConfirmation: z.string().nullable(),
  optInConfirmation: z.string().nullable(),
  updatedAt: timestamp.nullable().describe('Null: the defaults, never changed'),
});
export type OptOutSettings = z.output<typeof optOutSettings>;

export const optOutSettingsParams = z.object({
  clientId: z.uuid().describe('The client (one the caller may see; a malformed id is 404 too)'),
});

const routes = resourceRoutes('/api/opt-outs', optOut);
const numberListed = { 409: 'The number is on the client’s opt-out list already' };

export const optOutApi = {
  list: routes.list(optOutListQuery, { summary: 'The opted-out numbers of the caller’s clients, newest first.' }),
  create: routes.create(optOutBody, {
    summary: 'Adds a number to a client’s opt-out list: nothing is sent to it any more.',
    errors: numberListed,
  }),
  delete: routes.delete({ summary: 'Takes a number off the opt-out list: it may be sent to again.' }),
  export: defineRoute({
    method: 'GET',
    path: '/api/opt-outs/export',
    summary: 'The opt-out list as CSV (number, source, since), narrowed as the list is.',
    description: 'Cells that a spreadsheet would read as a formula are quoted with a leading apostrophe.',
    query: optOutListQuery.omit({ limit: true, cursor: true }),
    responses: { 200: { contentType: 'text/csv', description: 'number,source,since per line' } },
  }),
  getSettings: defineRoute({
    method: 'GET',
    path: '/api/opt-outs/settings/:clientId',
    summary: 'A client’s opt-out keywords and confirmation texts.',
    params: optOutSettingsParams,
    responses: { 200: optOutSettings },
  }),
  putSettings: defineRoute({
    method: 'PUT',
    path: '/api/opt-outs/settings/:clientId',
    summary: 'Sets a client’s opt-out keywords and confirmation texts.',
    params: optOutSettingsParams,
    body: optOutSettingsBody,
    responses: { 200: optOutSettings },
  }),
};
