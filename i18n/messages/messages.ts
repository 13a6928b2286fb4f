import type { Language } from '../languages';
import type { MessageShape } from './define-messages';
import { accountMessages } from './account-messages';
import { acdGroupsMessages } from './acd-groups-messages';
import { agentsMessages } from './agents-messages';
import { apiErrorMessages } from './api-error-messages';
import { apiKeysMessages } from './api-keys-messages';
import { auditMessages } from './audit-messages';
import { authMessages } from './auth-messages';
import { commonMessages } from './common-messages';
import { connectorsMessages } from './connectors-messages';
import { deliveryMessages } from './delivery-messages';
import { deskMessages } from './desk-messages';
import { deskReplyMessages } from './desk-reply-messages';
import { flowEditorMessages } from './flow-editor-messages';
import { languageMessages } from './language-messages';
import { routingApplicationsMessages } from './routing-applications-messages';
import { runFailureMessages } from './run-failure-messages';
import { sendConnectorsMessages } from './send-connectors-messages';
import { mailMessages } from './mail-messages';
import { outboundSmsMessages } from './outbound-sms-messages';
import { shellMessages } from './shell-messages';
import { statusMessages } from './status-messages';
import { tenancyMessages } from './tenancy-messages';
import { trafficMessages } from './traffic-messages';
import { usersMessages } from './users-messages';
import { validationMessages } from './validation-messages';
import { workflowProblemMessages } from './workflow-problem-messages';
// Canned responses and wrap-up codes (issue 14).
import { cannedResponsesMessages } from './canned-responses-messages';
import { wrapUpCodesMessages } from './wrap-up-codes-messages';
// The live group view's queue and where-used (issue 16).
import { liveQueueMessages } from './live-queue-messages';
// Pause reasons (issue 16).
import { pauseReasonsMessages } from './pause-reasons-messages';
// Simulated conversations in the test panel (issue 15).
import { conversationSimulationMessages } from './conversation-simulation-messages';
// Workflows that talk back: send SMS, templates (issue 15).
import { workflowSmsMessages } from './workflow-sms-messages';
// Opt-out (issue 15).
import { optOutsMessages } from './opt-outs-messages';
// Conversations held by e-mail (issue 14).
import { deskEmailMessages } from './desk-email-messages';
// Runs waiting for a reply (issue 15).
import { waitingRunMessages } from './waiting-run-messages';

/**
 * The one message catalog: an area per file (`*-messages.ts`, English and German side by side),
 * joined here under its namespace. Keys are read as `t('area.key')`.
 */
const areas = {
  account: accountMessages,
  acdGroups: acdGroupsMessages,
  agents: agentsMessages,
  apiError: apiErrorMessages,
  apiKeys: apiKeysMessages,
  audit: auditMessages,
  auth: authMessages,
  common: commonMessages,
  connectors: connectorsMessages,
  delivery: deliveryMessages,
  desk: deskMessages,
  deskReply: deskReplyMessages,
  language: languageMessages,
  mail: mailMessages,
  outboundSms: outboundSmsMessages,
  shell: shellMessages,
  status: statusMessages,
  tenancy: tenancyMessages,
  traffic: trafficMessages,
  flowEditor: flowEditorMessages,
  routingApplications: routingApplicationsMessages,
  runFailure: runFailureMessages,
  sendConnectors: sendConnectorsMessages,
  users: usersMessages,
  validation: validationMessages,
  workflowProblem: workflowProblemMessages,
  // Canned responses and wrap-up codes (issue 14).
  cannedResponses: cannedResponsesMessages,
  wrapUpCodes: wrapUpCodesMessages,
  // The live group view's queue and where-used (issue 16).
  liveQueue: liveQueueMessages,
  // Pause reasons (issue 16).
  pauseReasons: pauseReasonsMessages,
  // Simulated conversations in the test panel (issue 15).
  conversationSimulation: conversationSimulationMessages,
  // Workflows that talk back: send SMS, templates (issue 15).
  workflowSms: workflowSmsMessages,
  // Opt-out (issue 15).
  optOuts: optOutsMessages,
  // Conversations held by e-mail (issue 14).
  deskEmail: deskEmailMessages,
  // Runs waiting for a reply (issue 15).
  waitingRun: waitingRunMessages,
} as const;

type Areas = typeof areas;
/** English as declared (its literal texts type the keys and the `{{placeholders}}` of `t`). */
export type EnglishMessages = { readonly [A in keyof Areas]: Areas[A]['en'] };
export type Messages = MessageShape<EnglishMessages>;

function catalogIn(language: Language): Messages {
  return Object.fromEntries(Object.entries(areas).map(([name, area]) => [name, area[language]])) as Messages;
}

export const messages: Readonly<Record<Language, Messages>> = { en: catalogIn('en'), de: catalogIn('de') };
