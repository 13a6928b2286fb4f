// The HTTP contract of Switchboard: every route the server mounts, declared once.

import { acdGroupApi } from './acd-groups';
import { agentApi } from './agents';
import { apiKeyApi } from './api-keys';
import { auditLogApi } from './audit-log';
import { authApi } from './auth';
import { clientApi } from './clients';
import { connectorApi } from './connectors';
import type { RouteDefinition } from './define-route';
import { deliveryLogApi } from './delivery-log';
import { deskApi } from './desk';
import { nodeTypeApi } from './node-types';
import { operationsApi } from './operations';
import { deliveryReportApi, outboundSmsApi } from './outbound-sms';
import { resellerApi } from './resellers';
import { routingApplicationApi } from './routing-applications';
import { sendConnectorApi } from './send-connectors';
import { providerWebhookApi, smsReceiverApi } from './sms-receiver';
import { mediaEventApi, smsApi } from './traffic';
// The live group view's reassign (issue 16).
import { mediaEventReassignApi } from './media-event-reassign';
import { userApi } from './users';
// Canned responses and wrap-up codes (issue 14).
import { cannedResponseApi } from './canned-responses';
import { wrapUpCodeApi } from './wrap-up-codes';
// Conversations (issue 14).
import { conversationApi, deskConversationApi } from './conversations';
// Pause reasons (issue 16).
import { pauseReasonApi } from './pause-reasons';
// Opt-out (issue 15).
import { optOutApi } from './opt-outs';

export { defineRoute, pathParamsOf, type HttpMethod, type RouteDefinition, type RouteResponse } from './define-route';

/** The routes by resource, in the order the documentation lists them. */
export const contract = {
  operations: operationsApi,
  smsReceiver: smsReceiverApi,
  providerWebhooks: providerWebhookApi,
  deliveryReports: deliveryReportApi,
  auth: authApi,
  apiKeys: apiKeyApi,
  resellers: resellerApi,
  clients: clientApi,
  users: userApi,
  acdGroups: acdGroupApi,
  agents: agentApi,
  desk: deskApi,
  connectors: connectorApi,
  sendConnectors: sendConnectorApi,
  outboundSms: outboundSmsApi,
  deliveryLog: deliveryLogApi,
  routingApplications: routingApplicationApi,
  nodeTypes: nodeTypeApi,
  sms: smsApi,
  mediaEvents: { ...mediaEventApi, ...mediaEventReassignApi },
  auditLog: auditLogApi,
  // Canned responses and wrap-up codes (issue 14).
  cannedResponses: cannedResponseApi,
  wrapUpCodes: wrapUpCodeApi,
  // Conversations (issue 14).
  conversations: conversationApi,
  deskConversations: deskConversationApi,
  // Pause reasons (issue 16).
  pauseReasons: pauseReasonApi,
  // Opt-out (issue 15).
  optOuts: optOutApi,
} satisfies Record<string, Record<string, RouteDefinition>>;

export type ResourceName = keyof typeof contract;

/** Every route, each with the resource it belongs to (the OpenAPI tag). */
export const allRoutes: ReadonlyArray<RouteDefinition & { resource: ResourceName }> = Object.entries(contract).flatMap(
  ([resource, routes]) =>
    Object.values(routes as Record<string, RouteDefinition>).map((route) => ({
      ...route,
      resource: resource as ResourceName,
    })),
);
