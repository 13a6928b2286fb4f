import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js/min';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { pageQuery, timestamp } from './common';
import { resourceRoutes } from './resource-routes';

/** An allowed host as a client sends it; the server checks and canonicalises it (it knows the networks). */
export const allowedHostEntry = z.string().max(300);

/** The country a client's national numbers are read in (`0170 1234567` as +49… for DE). */
export const defaultCountry = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{2}$/.test(code) && isSupportedCountry(code), {
    message: 'must be a country’s two-letter ISO code such as DE',
    params: because(sentence('validation.countryCode')),
  })
  .describe('ISO 3166 alpha-2 (`DE`): how national numbers such as `0170 1234567` are read');

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
    defaultCountry: defaultCountry.nullable().optional(),
  });
}
export const clientBody = clientBodyWith(allowedHostEntry);
export const clientPatchBody = clientBody.partial();

export const client = z.object({
  id: z.string(),
  name: z.string(),
  resellerId: z.string(),
  httpAllowedHosts: z.array(z.string()),
  defaultCountry: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Client = z.output<typeof client>;

const forAdmins = 'System admins, and reseller admins for their reseller’s clients.';

const routes = resourceRoutes('/api/clients', client);

export const clientApi = {
  list: routes.list(z.object({ ...pageQuery, resellerId: z.uuid().optional().describe('Only this reseller’s') }), {
    summary: 'The clients the caller may see.',
    description: forAdmins,
  }),
  create: routes.create(clientBody, {
    summary: 'Creates a client under a reseller.',
    description: `${forAdmins} Only a system admin adds allowed hosts.`,
  }),
  get: routes.get({ summary: 'One client.' }),
  update: routes.update(clientPatchBody, {
    summary: 'Changes a client’s name, reseller or allowed hosts.',
    description: 'A reseller admin may keep or remove allowed hosts, but not add any.',
  }),
  delete: routes.delete({ summary: 'Deletes a client and everything of it.' }),
};
