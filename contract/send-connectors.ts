import { z } from 'zod';
import { clientPageQuery, timestamp, usedByList } from './common';
import { sendDrivers as sendDriverNames } from './domain';
import { resourceRoutes } from './resource-routes';
import { sendDrivers } from './send-drivers';

// SMS send connectors: where a client's outbound SMS go out (a provider account or an HTTP
// gateway). Each driver's settings and credentials are declared in send-drivers.ts; the body
// carries them as objects that the server checks against the connector's driver
// (`driverSettingsBody`, `driverCredentialsBody`), so an error names `settings.url`.

const fields = {
  name: z.string().trim().min(1).max(200),
  driver: z.enum(sendDriverNames).describe('`http` (generic HTTP gateway), `twilio`, `vonage` or `plivo`'),
  settings: z
    .record(z.string(), z.unknown())
    .describe(
      'The driver’s settings (no secrets), as declared per driver; a PATCH replaces them all; answered as stored',
    ),
  credentials: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe(
      'Write-only: the driver’s credentials, stored encrypted (needs SWITCHBOARD_SECRET_KEY on the server); null removes them',
    ),
  defaultSender: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .nullable()
    .describe('The sender when a message names none: a number (E.164) or, where the driver allows, an alphanumeric id'),
  ratePerSecond: z.number().int().min(1).max(1000).describe('At most this many messages a second'),
};

export const sendConnectorBody = z.strictObject({
  ...fields,
  settings: fields.settings.default({}),
  credentials: fields.credentials.optional(),
  defaultSender: fields.defaultSender.default(null),
  ratePerSecond: fields.ratePerSecond.default(10),
  clientId: z.uuid().optional(),
});
/** A change; a new `driver` needs its `settings` (and its `credentials`, or the old ones are removed). */
export const sendConnectorPatchBody = z.strictObject(fields).partial();

export const sendConnector = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  driver: z.enum(sendDriverNames),
  settings: z.record(z.string(), z.unknown()),
  hasCredentials: z.boolean().describe('Whether credentials are stored (they themselves are never answered)'),
  defaultSender: z.string().nullable(),
  ratePerSecond: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type SendConnector = z.output<typeof sendConnector>;

/** The schema that checks a body's `settings` for `driver`: its errors name `settings.<field>`. */
export const driverSettingsBody = (driver: keyof typeof sendDrivers) =>
  z.object({ settings: sendDrivers[driver].settings });
/** The same for `credentials`. */
export const driverCredentialsBody = (driver: keyof typeof sendDrivers) =>
  z.object({ credentials: sendDrivers[driver].credentials });

const writers = 'Client admins read send connectors; creating and changing them is for reseller and system admins.';
const routes = resourceRoutes('/api/send-connectors', sendConnector);
const errors = {
  409: 'Another send connector of the client has this name',
  422: 'Credentials given, but the server has no SWITCHBOARD_SECRET_KEY to encrypt them',
};

export const sendConnectorApi = {
  list: routes.list(clientPageQuery, { summary: 'The send connectors of the caller’s clients.' }),
  create: routes.create(sendConnectorBody, {
    summary: 'Creates a send connector.',
    description: writers,
    errors,
  }),
  get: routes.get({ summary: 'One send connector (its credentials only as `hasCredentials`).' }),
  update: routes.update(sendConnectorPatchBody, { summary: 'Changes a send connector.', description: writers, errors }),
  usedBy: routes.ofOne('GET', 'used-by', {
    summary: 'The receive connectors that reply through it now.',
    responses: { 200: usedByList },
  }),
  delete: routes.delete({
    summary: 'Deletes a send connector that no receive connector replies through.',
    description: `${writers} One in use is refused (409), naming the receive connectors in \`usedBy\`.`,
    errors: { 409: 'Receive connectors reply through it; choose another send connector there first' },
  }),
};
