// The API's shapes as the web UI reads them, inferred from the HTTP contract (contract/): the
// server validates with the same declarations, so a change there shows up here as a type error.
import type { z } from 'zod';
import type { apiKey, createdApiKey } from '../../../contract/api-keys';
import type { connector, connectorWithToken } from '../../../contract/connectors';

export type { AcdGroup } from '../../../contract/acd-groups';
// Canned responses and wrap-up codes (issue 14).
export type { CannedResponse } from '../../../contract/canned-responses';
export type { WrapUpCode } from '../../../contract/wrap-up-codes';
export type { AuditEntry, AuditLogPage, AuditName } from '../../../contract/audit-log';
export type { Me } from '../../../contract/auth';
export type { Client } from '../../../contract/clients';
export type { Reseller } from '../../../contract/resellers';
export type { SendConnector } from '../../../contract/send-connectors';
export type {
  ConversationStep,
  Draft,
  RoutingApplication,
  SimulatedReply,
  SimulatedWait,
  SimulationEffects,
  SimulationResult,
  TestCase,
  TestCaseInput,
  Version,
  VersionListItem,
  VersionSummary,
} from '../../../contract/routing-applications';
export type { Execution, HandlingStep, InboundSms, MediaEvent, SmsDetail } from '../../../contract/traffic';
export type { ConversationListItem, ConversationMessage } from '../../../contract/conversations';
export type { User } from '../../../contract/users';
export type { DeliveryAttempt, DeliverySummary } from '../../../contract/delivery-log';
export type {
  DeliveryOutcome,
  NativeProvider,
  Provider,
  Role,
  RoutingType,
  SendDriverName,
  SignatureCheck,
  SmsDelivery,
  SmsStatus,
  ConversationState,
  OutboundStatus,
} from '../../../contract/domain';
export {
  deliveryOutcomes as DELIVERY_OUTCOMES,
  providers as PROVIDERS,
  sendDrivers as SEND_DRIVERS,
  signatureChecks as SIGNATURE_CHECKS,
  smsStatuses as SMS_STATUSES,
  conversationStates as CONVERSATION_STATES,
} from '../../../contract/domain';
export { auditEntityTypes as AUDIT_ENTITY_TYPES, type AuditEntityType } from '../../../contract/audit-actions';

/** A connector; `token` only in the answer that created it or made a new one. */
export type Connector = z.output<typeof connector> & Partial<Pick<z.output<typeof connectorWithToken>, 'token'>>;
/** An API key; `key` only in the answer that created it. */
export type ApiKey = z.output<typeof apiKey> & Partial<Pick<z.output<typeof createdApiKey>, 'key'>>;
