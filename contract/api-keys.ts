import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { idParams, page, timestamp } from './common';
import { defineRoute } from './define-route';

export const apiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** When the key stops working by itself; without it, it works until revoked. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) > Date.now(), {
      message: 'must be in the future',
      params: because(sentence('validation.inTheFuture')),
    })
    .optional(),
});

/** A key as the API shows it: never the key, only its last characters. */
export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  keyHint: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable().describe('When it stops working by itself; null: until revoked'),
});
export const createdApiKey = apiKey.extend({ key: z.string().describe('The key in full, shown this once') });

export const apiKeyApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/api-keys',
    summary: 'The caller’s own API keys, oldest first, expired ones too.',
    responses: { 200: page(apiKey) },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/api-keys',
    summary: 'Creates an API key that acts as the caller (`Authorization: Bearer <key>`).',
    body: apiKeyBody,
    responses: { 201: createdApiKey },
  }),
  revoke: defineRoute({
    method: 'DELETE',
    path: '/api/api-keys/:id',
    summary: 'Revokes one of the caller’s API keys.',
    params: idParams,
    responses: { 204: null },
  }),
};
