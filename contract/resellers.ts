import { z } from 'zod';
import { pagedQuery, timestamp } from './common';
import { resourceRoutes } from './resource-routes';

export const resellerBody = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const resellerPatchBody = resellerBody.partial();

export const reseller = z.object({ id: z.string(), name: z.string(), createdAt: timestamp, updatedAt: timestamp });
export type Reseller = z.output<typeof reseller>;

const forAdmins = 'System admins; reseller admins read their own reseller.';

const routes = resourceRoutes('/api/resellers', reseller);

export const resellerApi = {
  list: routes.list(pagedQuery, { summary: 'The resellers the caller may see.', description: forAdmins }),
  create: routes.create(resellerBody, { summary: 'Creates a reseller (system admins only).' }),
  get: routes.get({ summary: 'One reseller.', description: forAdmins }),
  update: routes.update(resellerPatchBody, { summary: 'Renames a reseller (system admins only).' }),
  delete: routes.delete({
    summary: 'Deletes a reseller without clients (system admins only).',
    errors: { 409: 'The reseller still has clients' },
  }),
};
