// The API's shapes as the web UI reads them, inferred from the HTTP contract (contract/): the
// server validates with the same declarations, so a change there shows up here as a type error.
import type { z } from 'zod';
import type { acdGroup } from '../../../contract/acd-groups';
import type { apiKey, createdApiKey } from '../../../contract/api-keys';
import type { auditEntry, auditLogPage, auditName } from '../../../contract/audit-log';
import type { me } from '../../../contract/auth';
import type { client } from '../../../contract/clients';
import type { connector, connectorWithToken } from '../../../contract/connectors';
import type { reseller } from '../../../contract/resellers';
import type {
  draft,
  routingApplication,
  simulationResult,
  version,
  versionSummary,
} from '../../../contract/routing-applications';
import type { execution, inboundSms, mediaEvent } from '../../../contract/traffic';
import type { user } from '../../../contract/users';

export type { Role, RoutingType, SmsDelivery, SmsStatus } from '../../../contract/domain';
export { smsStatuses as SMS_STATUSES } from '../../../contract/domain';
export { auditEntityTypes as AUDIT_ENTITY_TYPES, type AuditEntityType } from '../../../contract/audit-actions';

export type Me = z.output<typeof me>;
export type Reseller = z.output<typeof reseller>;
export type Client = z.output<typeof client>;
export type AcdGroup = z.output<typeof acdGroup>;
/** A connector; `token` only in the answer that created it or made a new one. */
export type Connector = z.output<typeof connector> & Partial<Pick<z.output<typeof connectorWithToken>, 'token'>>;
export type RoutingApplication = z.output<typeof routingApplication>;
export type Draft = z.output<typeof draft>;
export type VersionSummary = z.output<typeof versionSummary>;
export type Version = z.output<typeof version>;
export type SimulationResult = z.output<typeof simulationResult>;
export type MediaEvent = z.output<typeof mediaEvent>;
export type Execution = z.output<typeof execution>;
export type InboundSms = z.output<typeof inboundSms>;
export type User = z.output<typeof user>;
/** An API key; `key` only in the answer that created it. */
export type ApiKey = z.output<typeof apiKey> & Partial<Pick<z.output<typeof createdApiKey>, 'key'>>;
export type AuditEntry = z.output<typeof auditEntry>;
export type AuditLogPage = z.output<typeof auditLogPage>;
export type AuditName = z.output<typeof auditName>;
