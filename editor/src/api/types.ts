import type { AuditEntityType } from '../../../server/audit/audit-actions';
import type { Role } from '../../../server/db/schema';
import type { TraceStep, WorkflowGraph, WorkflowOutcome, Problem } from '../../../workflows';

export type { Role };

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  reseller: { id: string; name: string | null } | null;
  client: { id: string; name: string | null } | null;
  /** Whether the server sends e-mail (invitations and password links need it). */
  emailConfigured: boolean;
  /** The language the user chose; null: the browser's. */
  language: 'en' | 'de' | null;
}

export interface Reseller {
  id: string;
  name: string;
  createdAt?: string;
}

export interface Client {
  id: string;
  name: string;
  resellerId: string;
  createdAt?: string;
}

export interface AcdGroup {
  id: string;
  clientId: string;
  name: string;
  strategy: 'longest_idle' | 'round_robin';
  offerTimeoutSeconds: number;
  maxWaitSeconds: number | null;
  members: { agentId: string; priority: number }[];
  createdAt?: string;
}

export type RoutingType = 'direct_acd_group' | 'routing_application';

export interface Connector {
  id: string;
  clientId: string;
  name: string;
  recipient: string;
  requireToken: boolean;
  tokenHint: string;
  routingType: RoutingType;
  acdGroupId: string | null;
  subject: string;
  routingApplicationId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Only in the answer that created it or made a new token. */
  token?: string;
}

export interface RoutingApplication {
  id: string;
  clientId: string;
  name: string;
  fallbackAcdGroupId: string | null;
  activeVersionId: string | null;
  testVersionId: string | null;
  testSenders: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Draft {
  graph: WorkflowGraph;
  problems: Problem[];
}

export interface VersionSummary {
  id: string;
  routingApplicationId: string;
  number: number;
  comment: string;
  publishedAt: string;
  publishedBy: string | null;
}

export interface Version extends VersionSummary {
  graph: WorkflowGraph;
}

export interface SimulationResult {
  outcome: WorkflowOutcome;
  trace: TraceStep[];
  problems: Problem[];
}

export const SMS_STATUSES = ['received', 'routed', 'queued', 'dropped', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export interface MediaEvent {
  id: string;
  clientId: string;
  smsId: string;
  acdGroupId: string;
  subject: string;
  priority: number;
  state: string;
  agentId: string | null;
  createdAt: string;
}

export interface Execution {
  id: string;
  /** Null when the application was deleted, or for a run written off before any version ran. */
  routingApplicationId: string | null;
  versionId: string | null;
  status: string;
  outcome: WorkflowOutcome | null;
  trace: TraceStep[] | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface InboundSms {
  id: string;
  clientId: string;
  connectorId: string;
  sender: string;
  receiver: string;
  message: string;
  keyword: string | null;
  messageId: string | null;
  status: SmsStatus;
  receivedAt: string;
  mediaEvent: MediaEvent | null;
  execution: Execution | null;
}

export type SmsDelivery = 'web' | 'email';

export interface User {
  id: string;
  email: string;
  role: Role;
  resellerId: string | null;
  clientId: string | null;
  displayName: string;
  smsDelivery: SmsDelivery;
  capacity: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  keyHint: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** When it stops working by itself; null: until revoked. */
  expiresAt: string | null;
  /** Only in the answer that created it. */
  key?: string;
}

export { auditEntityTypes as AUDIT_ENTITY_TYPES, type AuditEntityType } from '../../../server/audit/audit-actions';

export interface AuditEntry {
  id: string;
  clientId: string | null;
  resellerId: string | null;
  actor: { userId: string | null; email: string | null };
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}
