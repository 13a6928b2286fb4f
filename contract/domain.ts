// The value lists of Switchboard's objects, declared once: the database schema, the API's
// validation and the web UI's choices all read them from here.

export const roles = ['system_admin', 'reseller_admin', 'client_admin', 'agent'] as const;
export type Role = (typeof roles)[number];

export const smsDeliveries = ['web', 'email'] as const;
export type SmsDelivery = (typeof smsDeliveries)[number];

export const acdStrategies = ['longest_idle', 'round_robin'] as const;
export type AcdStrategy = (typeof acdStrategies)[number];

export const routingTypes = ['direct_acd_group', 'routing_application'] as const;
export type RoutingType = (typeof routingTypes)[number];

/** `opted_out` / `opted_in`: an opt-out keyword SMS, which changed the opt-out list and is routed nowhere (issue 15). */
export const smsStatuses = ['received', 'routed', 'queued', 'dropped', 'failed', 'opted_out', 'opted_in'] as const;
export type SmsStatus = (typeof smsStatuses)[number];

export const mediaEventStates = [
  'queued',
  'offered',
  'accepted',
  'completed',
  'delivered',
  'expired',
  'cancelled',
  'transferred',
] as const;
export type MediaEventState = (typeof mediaEventStates)[number];

/** A conversation: waiting in a group (or for its routing), with an agent, or closed. */
export const conversationStates = ['waiting', 'assigned', 'closed'] as const;
export type ConversationState = (typeof conversationStates)[number];

export const agentStatuses = ['available', 'busy', 'pause', 'wrap_up', 'not_responding', 'logged_off'] as const;
export type AgentStatus = (typeof agentStatuses)[number];
/**
 * Statuses Switchboard sets by itself and nobody chooses: `not_responding` follows an offer the
 * agent let time out, and takes no new offers until the agent (or an admin) sets another status.
 */
export const automaticAgentStatuses = ['not_responding'] as const satisfies readonly AgentStatus[];
/** The statuses an agent, or an admin on their behalf, may choose. */
export type ChosenAgentStatus = Exclude<AgentStatus, (typeof automaticAgentStatuses)[number]>;
export const chosenAgentStatuses = agentStatuses.filter(
  (status): status is ChosenAgentStatus => !(automaticAgentStatuses as readonly AgentStatus[]).includes(status),
);

export const offerOutcomes = ['accepted', 'declined', 'expired', 'withdrawn', 'delivered', 'failed'] as const;
export type OfferOutcome = (typeof offerOutcomes)[number];

export const executionStatuses = ['running', 'waiting', 'completed', 'failed'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** The webhook format a receive connector answers; `generic` is the /SMSReceiver contract. */
export const providers = [
  'generic',
  'twilio',
  'vonage',
  'telnyx',
  'plivo',
  'sinch',
  'messagebird',
  'bird',
  'cm',
] as const;
export type Provider = (typeof providers)[number];
export type NativeProvider = Exclude<Provider, 'generic'>;
export const nativeProviders = providers.filter((p): p is NativeProvider => p !== 'generic');

/** How a send connector sends: a generic HTTP gateway, or a provider's own API. */
export const sendDrivers = ['http', 'twilio', 'vonage', 'plivo'] as const;
export type SendDriverName = (typeof sendDrivers)[number];

/** What a receive connector does with a provider's signature: ignore it, check and only record a failure, or refuse. */
export const signatureChecks = ['off', 'log', 'enforce'] as const;
export type SignatureCheck = (typeof signatureChecks)[number];

/** What became of one request to a receiver endpoint (the delivery log). */
export const deliveryOutcomes = ['accepted', 'duplicate', 'part_stored', 'ignored', 'refused'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

/** Where an outbound SMS stands: in the outbox, being sent, accepted by the provider, delivered, or failed (for good). */
export const outboundStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type OutboundStatus = (typeof outboundStatuses)[number];

/** Who caused an outbound SMS: an agent's reply, a workflow, or Switchboard itself. */
export const outboundOrigins = ['agent', 'workflow', 'system'] as const;
export type OutboundOrigin = (typeof outboundOrigins)[number];
