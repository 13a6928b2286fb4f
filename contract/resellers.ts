import { z } from 'zod';
import { idParams, page, pagedQuery, timestamp } from './common';
import { defineRoute } from './define-route';

export const resellerBody = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const resellerPatchBody = resellerBody.partial();

export const reseller = z.object({ id: z.string(), name: z.string(), createdAt: timestamp, updatedAt: timestamp });
export type Reseller = z.output<typeof reseller>;

const forAdmins = 'System admins; reseller admins read their own reseller.';

export const resellerApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/resellers',
    summary: 'The resellers the caller may see.',
    description: forAdmins,
    query: pagedQuery,
    responses: { 200: page(reseller) },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/resellers',
    summary: 'Creates a reseller (system admins only).',
    body: resellerBody,
    responses: { 201: reseller },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/resellers/:id',
    summary: 'One reseller.',
    description: forAdmins,
    params: idParams,
    responses: { 200: reseller },
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/resellers/:id',
    summary: 'Renames a reseller (system admins only).',
    params: idParams,
    body: resellerPatchBody,
    responses: { 200: reseller },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/api/resellers/:id',
    summary: 'Deletes a reseller without clients (system admins only).',
    params: idParams,
    responses: { 204: null },
    errors: { 409: 'The reseller still has clients' },
  }),
};
