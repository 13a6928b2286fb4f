import { z } from 'zod';
import { idParams, page, pageQuery, timestamp } from './common';
import { defineRoute } from './define-route';

/** An allowed host as a client sends it; the server checks and canonicalises it (it knows the networks). */
export const allowedHostEntry = z.string().max(300);

/** The create body, around the check of one allowed-host entry (the server passes its own, with the network rules). */
export function clientBodyWith<H extends z.ZodType<string, string>>(allowedHost: H) {
  return z.strictObject({
    name: z.string().trim().min(1).max(200),
    resellerId: z.uuid().optional(),
    /**
     * Hosts this client's workflows may reach on private networks (public addresses need no entry).
     * Only a system admin adds entries.
     */
    httpAllowedHosts: z.array(allowedHost).max(50).optional(),
  });
}
export const clientBody = clientBodyWith(allowedHostEntry);
export const clientPatchBody = clientBody.partial();

export const client = z.object({
  id: z.string(),
  name: z.string(),
  resellerId: z.string(),
  httpAllowedHosts: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Client = z.output<typeof client>;

const forAdmins = 'System admins, and reseller admins for their reseller’s clients.';

export const clientApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/clients',
    summary: 'The clients the caller may see.',
    description: forAdmins,
    query: z.object({ ...pageQuery, resellerId: z.uuid().optional().describe('Only this reseller’s') }),
    responses: { 200: page(client) },
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/clients',
    summary: 'Creates a client under a reseller.',
    description: `${forAdmins} Only a system admin adds allowed hosts.`,
    body: clientBody,
    responses: { 201: client },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/clients/:id',
    summary: 'One client.',
    params: idParams,
    responses: { 200: client },
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/clients/:id',
    summary: 'Changes a client’s name, reseller or allowed hosts.',
    description: 'A reseller admin may keep or remove allowed hosts, but not add any.',
    params: idParams,
    body: clientPatchBody,
    responses: { 200: client },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: '/api/clients/:id',
    summary: 'Deletes a client and everything of it.',
    params: idParams,
    responses: { 204: null },
  }),
};
