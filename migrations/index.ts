import type { Migration } from 'kysely';
import * as initial from './20261125T0300-initial';
import * as routingApplications from './20261125T0400-routing-applications';
import * as auditLog from './20261125T0500-audit-log';
import * as acdDistribution from './20261125T0700-acd-distribution';
import * as loginFailures from './20261125T0900-login-failures';
import * as cleanupIndexes from './20261130T2300-cleanup-indexes';
import * as userInvitations from './20261130T2310-user-invitations';
import * as acdGroupMaxWait from './20261130T2320-acd-group-max-wait';
import * as apiKeyExpiry from './20261201T1200-api-key-expiry';
import * as userLanguage from './20261202T1200-user-language';
import * as providerWebhooks from './20261202T1900-provider-webhooks';
import * as acceptedDeliveries from './20261203T0800-accepted-deliveries';
import * as sendConnectors from './20261203T0900-send-connectors';
// Canned responses and wrap-up codes (issue 14).
import * as cannedResponses from './20261203T0930-canned-responses';
import * as wrapUpCodes from './20261203T0931-wrap-up-codes';
import * as outboundSms from './20261203T1030-outbound-sms';
// Conversations (issue 14).
import * as conversations from './20261203T1100-conversations';
import * as conversationHotUpdates from './20261203T1200-conversation-hot-updates';
// Transfer in the desk (issue 14).
import * as mediaEventTransfer from './20261203T1215-media-event-transfer';
// Not-responding agents and queue warnings (issue 16).
import * as acdNotResponding from './20261203T1230-acd-not-responding-and-queue-warnings';
import * as routingTestCases from './20261203T1300-routing-test-cases';
import * as outboundSmsAgent from './20261207T1505-outbound-sms-agent';
// Pause reasons (issue 16).
import * as pauseReasons from './20261207T1510-pause-reasons';
import * as outboundSmsIdempotencyKey from './20261207T1530-outbound-sms-idempotency-key';
// Opt-out (issue 15).
import * as optOuts from './20261207T1520-opt-outs';
import * as waitingRuns from './20261207T1540-waiting-runs';
import * as waitingRunRepliesAfter from './20261208T0010-waiting-run-replies-after';
import * as waitingRunIndexes from './20261208T0030-waiting-run-indexes';

/** Every migration, by its frozen timestamp-prefixed name; Kysely applies them in name order. */
export const migrations: Record<string, Migration> = {
  '20261125T0300-initial': initial,
  '20261125T0400-routing-applications': routingApplications,
  '20261125T0500-audit-log': auditLog,
  '20261125T0700-acd-distribution': acdDistribution,
  '20261125T0900-login-failures': loginFailures,
  '20261130T2300-cleanup-indexes': cleanupIndexes,
  '20261130T2310-user-invitations': userInvitations,
  '20261130T2320-acd-group-max-wait': acdGroupMaxWait,
  '20261201T1200-api-key-expiry': apiKeyExpiry,
  '20261202T1200-user-language': userLanguage,
  '20261202T1900-provider-webhooks': providerWebhooks,
  '20261203T0800-accepted-deliveries': acceptedDeliveries,
  '20261203T0900-send-connectors': sendConnectors,
  // Canned responses and wrap-up codes (issue 14).
  '20261203T0930-canned-responses': cannedResponses,
  '20261203T0931-wrap-up-codes': wrapUpCodes,
  '20261203T1030-outbound-sms': outboundSms,
  // Conversations (issue 14).
  '20261203T1100-conversations': conversations,
  '20261203T1200-conversation-hot-updates': conversationHotUpdates,
  // Transfer in the desk (issue 14).
  '20261203T1215-media-event-transfer': mediaEventTransfer,
  // Not-responding agents and queue warnings (issue 16).
  '20261203T1230-acd-not-responding-and-queue-warnings': acdNotResponding,
  // Test cases saved with a routing application (issue 16).
  '20261203T1300-routing-test-cases': routingTestCases,
  // The agent who wrote a reply (issue 14).
  '20261207T1505-outbound-sms-agent': outboundSmsAgent,
  // Pause reasons (issue 16).
  '20261207T1510-pause-reasons': pauseReasons,
  // Opt-out lists and keywords (issue 15).
  '20261207T1520-opt-outs': optOuts,
  // The Send SMS node stores a message at most once per SMS and node (issue 15).
  '20261207T1530-outbound-sms-idempotency-key': outboundSmsIdempotencyKey,
  // Waiting runs of "Wait for reply" nodes (issue 15).
  '20261207T1540-waiting-runs': waitingRuns,
  // A wait stored after its reply arrived is woken by it (issue 15).
  '20261208T0010-waiting-run-replies-after': waitingRunRepliesAfter,
  // Woken waits are claimed by an index of their own; a wait is ended by its SMS's id (issue 15).
  '20261208T0030-waiting-run-indexes': waitingRunIndexes,
};
