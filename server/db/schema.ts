import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Language } from '../../i18n/languages';

type Timestamp = Date;
type Json = ColumnType<unknown, string, string>;

import type {
  AcdStrategy,
  AgentStatus,
  ConversationState,
  DeliveryOutcome,
  ExecutionStatus,
  MediaEventState,
  OfferOutcome,
  OutboundOrigin,
  OutboundStatus,
  Provider,
  Role,
  RoutingType,
  SendDriverName,
  SignatureCheck,
  SmsDelivery,
  SmsStatus,
} from '../../contract/domain';

// The value lists are part of the HTTP contract; the tables' columns take their types from there.
export * from '../../contract/domain';

export interface ResellerTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface ClientTable {
  id: Generated<string>;
  reseller_id: string;
  name: string;
  http_allowed_hosts: Generated<string[]>;
  /** ISO 3166 alpha-2: the country national numbers are read in. */
  default_country: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  role: Role;
  reseller_id: string | null;
  client_id: string | null;
  display_name: string;
  sms_delivery: Generated<SmsDelivery>;
  capacity: Generated<number>;
  active: Generated<boolean>;
  /** The user's choice; null: the browser's in the web UI, English in e-mails. */
  language: Language | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface LoginFailureTable {
  key_hash: string;
  failed_at: Generated<Timestamp>;
}

export interface ApiKeyTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  key_hash: string;
  key_hint: string;
  created_at: Generated<Timestamp>;
  last_used_at: Timestamp | null;
  /** When the key stops working by itself; null: until revoked. */
  expires_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface AcdGroupTable {
  id: Generated<string>;
  client_id: string;
  name: string;
  strategy: Generated<AcdStrategy>;
  offer_timeout_seconds: Generated<number>;
  /** How long an SMS may wait in the queue before it expires; null: no limit. */
  max_wait_seconds: number | null;
  last_offered_agent_id: string | null;
  /** Whether closing a conversation in the group asks for a wrap-up code. */
  wrap_up_required: Generated<boolean>;
  /** Whether the group offers every active code of its client; false: those in acd_group_wrap_up_code. */
  wrap_up_all_codes: Generated<boolean>;
  /** How long after closing an SMS of the customer reopens the conversation. */
  reopen_window_hours: Generated<number>;
  /** The live view warns when more SMS than this wait; null: never. */
  warn_queue_length: number | null;
  /** The live view warns when the oldest waiting SMS has waited longer than this; null: never. */
  warn_wait_seconds: number | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface AcdGroupMemberTable {
  acd_group_id: string;
  agent_id: string;
  priority: Generated<number>;
}

export interface RoutingApplicationTable {
  id: Generated<string>;
  client_id: string;
  name: string;
  fallback_acd_group_id: string | null;
  draft_graph: ColumnType<unknown, string | undefined, string>;
  active_version_id: string | null;
  test_version_id: string | null;
  test_senders: Generated<string[]>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface RoutingApplicationVersionTable {
  id: Generated<string>;
  routing_application_id: string;
  client_id: string;
  number: number;
  graph: Json;
  comment: Generated<string>;
  published_at: Generated<Timestamp>;
  published_by: string | null;
}

/** A made-up SMS and its fake answers, saved with its application (`contract` testCaseInput). */
export interface RoutingTestCaseTable {
  id: string;
  routing_application_id: string;
  name: string;
  input: Json;
  created_at: Generated<Timestamp>;
}

export interface WorkflowExecutionTable {
  id: Generated<string>;
  client_id: string;
  sms_id: string;
  routing_application_id: string | null;
  version_id: string | null;
  status: ExecutionStatus;
  outcome: ColumnType<unknown, string | null, string | null>;
  trace: ColumnType<unknown, string | undefined, string>;
  snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
}

export type WaitingRunState = 'waiting' | 'resumed' | 'timed_out' | 'failed';

/** A run paused at a wait node (issue 15); see migrations/20261207T1540-waiting-runs.ts. */
export interface WaitingRunTable {
  execution_id: string;
  client_id: string;
  sms_id: string;
  conversation_id: string;
  connector_id: string | null;
  receiver: string;
  sender: string;
  version_id: string | null;
  node_id: string;
  snapshot: ColumnType<unknown, string, string>;
  waiting_since: Timestamp;
  wake_at: Timestamp;
  state: Generated<WaitingRunState>;
  wake_kind: 'reply' | 'timeout' | null;
  wake_sms_id: string | null;
  wake_text: string | null;
  /** An SMS of the conversation after this one is a reply to the wait (see waiting-run-store.ts). */
  replies_after_sms_id: string | null;
  claimed_until: Timestamp | null;
  claim_token: string | null;
  attempts: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface SmsConnectorTable {
  id: Generated<string>;
  client_id: string;
  name: string;
  recipient: string;
  token_hash: string;
  token_hint: string;
  require_token: Generated<boolean>;
  routing_type: RoutingType;
  acd_group_id: string | null;
  subject: Generated<string>;
  routing_application_id: string | null;
  provider: Generated<Provider>;
  /** Never answered nor logged. */
  provider_secret: string | null;
  signature_check: Generated<SignatureCheck>;
  multipart_window_seconds: Generated<number>;
  /** The send connector replies go through (same client); null: none. */
  send_connector_id: Generated<string | null>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SmsSendConnectorTable {
  id: string;
  client_id: string;
  name: string;
  driver: SendDriverName;
  /** The driver's settings that are no secret, as its declaration in contract/send-drivers.ts parses them. */
  settings: ColumnType<Record<string, unknown>, string, string>;
  /** The credentials, encrypted (server/sms-sender/credential-cipher.ts). Never answered nor logged. */
  credentials_encrypted: string | null;
  default_sender: string | null;
  rate_per_second: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface OutboundSmsTable {
  id: string;
  client_id: string;
  send_connector_id: string;
  /** The conversation it was sent in (a reply); null: outside any. */
  conversation_id: string | null;
  origin: OutboundOrigin;
  /** The agent who wrote it (a reply); null for messages no agent wrote. */
  agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  to: string;
  from: string;
  text: string;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  status: Generated<OutboundStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Timestamp>;
  lease_until: Timestamp | null;
  attempted_at: Timestamp | null;
  provider_message_id: string | null;
  error: string | null;
  created_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
  updated_at: Generated<Timestamp>;
  status_at: Generated<Timestamp>;
  /** What it is sent at most once for (`workflow:<smsId>:<nodeId>`); null: no such rule. */
  idempotency_key: string | null;
}

export interface InboundSmsTable {
  id: Generated<string>;
  client_id: string;
  connector_id: string | null;
  sender: string;
  sender_normalized: string;
  receiver: string;
  receiver_normalized: string;
  message: string;
  keyword: string | null;
  message_id: string | null;
  status: SmsStatus;
  raw: Json;
  routing_lease_until: Timestamp | null;
  routing_attempts: Generated<number>;
  /** A multipart SMS: how many parts it has, and how many arrived before it was joined. */
  parts_total: number | null;
  parts_received: number | null;
  /** The delivery log's line of the request that stored it (see delivery-log/accepted-line.ts); null for a joined SMS. */
  delivery: Json | null;
  /** The conversation it belongs to (null: stored before conversations, or unroutable). */
  conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  received_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SmsPartTable {
  connector_id: string;
  client_id: string;
  sender_normalized: string;
  ref: string;
  part_index: number;
  parts_total: number;
  sender: string;
  receiver: string;
  receiver_normalized: string;
  message: string;
  keyword: string | null;
  message_id: string | null;
  raw: Json;
  received_at: Generated<Timestamp>;
  /** Set once joined: the inbound_sms the part became part of (kept a day to recognise repeats). */
  joined_sms_id: string | null;
  joined_at: Timestamp | null;
}

export interface DeliveryAttemptTable {
  id: string;
  received_at: Timestamp;
  provider: Provider;
  connector_id: string | null;
  client_id: string | null;
  status: number;
  outcome: DeliveryOutcome;
  reason: string;
  reason_sentence: Json | null;
  sms_id: string | null;
  client_address: string | null;
  request: Json;
}

export interface MediaEventTable {
  id: Generated<string>;
  client_id: string;
  sms_id: string;
  acd_group_id: string | null;
  subject: string;
  priority: Generated<number>;
  state: MediaEventState;
  agent_id: string | null;
  offered_at: Timestamp | null;
  offer_deadline: Timestamp | null;
  accepted_at: Timestamp | null;
  finished_at: Timestamp | null;
  conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A transferred-in event: the agent who handed it on, and their note. */
  transferred_by: ColumnType<string | null, string | null | undefined, string | null>;
  transfer_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** The agent it is offered to first when available (a transfer to an agent). */
  preferred_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The one agent an admin reassigned it to: offered to nobody else while it waits. */
  reserved_agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface AgentStateTable {
  agent_id: string;
  client_id: string;
  status: AgentStatus;
  status_since: Generated<Timestamp>;
  idle_since: Generated<Timestamp>;
  event_seq: Generated<number>;
  /** The name of the reason the agent gave for their pause (issue 16); null otherwise. */
  pause_reason: string | null;
}

export interface AgentStatusHistoryTable {
  id: string;
  agent_id: string;
  client_id: string;
  status: AgentStatus;
  entered_at: Generated<Timestamp>;
  changed_by: string | null;
  reason: string | null;
  /** The name of the pause reason as it was then (issue 16): kept when the reason is renamed or deleted. */
  pause_reason: string | null;
}

export interface DeskEventTable {
  agent_id: string;
  seq: number;
  kind: string;
  payload: ColumnType<unknown, string, never>;
  created_at: Generated<Timestamp>;
}

export interface MediaEventOfferTable {
  id: string;
  media_event_id: string;
  agent_id: string;
  client_id: string;
  channel: SmsDelivery;
  offered_at: Generated<Timestamp>;
  deadline: Timestamp | null;
  outcome: OfferOutcome | null;
  ended_at: Timestamp | null;
}

export interface EmailOutboxTable {
  id: string;
  client_id: string | null;
  media_event_id: string | null;
  offer_id: string | null;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  attempts: Generated<number>;
  next_attempt_at: Generated<Timestamp>;
  claimed_until: Timestamp | null;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  /** The body holds a one-time link: emptied once the mail was sent or given up. */
  erase_body_when_done: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface UserInvitationTable {
  id: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
}

export interface AuditLogTable {
  id: Generated<string>;
  client_id: string | null;
  reseller_id: string | null;
  actor_user_id: string | null;
  actor_email: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  created_at: Generated<Timestamp>;
}

// Canned responses and wrap-up codes (issue 14).
export interface CannedResponseTable {
  id: string;
  client_id: string;
  shortcut: string;
  title: string;
  text: string;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface WrapUpCodeTable {
  id: string;
  client_id: string;
  code: string;
  label: string;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** The reasons an agent may give for a pause (issue 16). */
export interface PauseReasonTable {
  id: string;
  client_id: string;
  name: string;
  position: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

/** The codes a group offers when it does not offer all of its client's. */
export interface AcdGroupWrapUpCodeTable {
  acd_group_id: string;
  wrap_up_code_id: string;
}

// Conversations (issue 14).
export interface ConversationTable {
  id: string;
  client_id: string;
  connector_id: string | null;
  /** The number the customer wrote to, normalized. */
  our_number: string;
  /** The customer's number (the sender), normalized. */
  customer_number: string;
  state: ConversationState;
  acd_group_id: string | null;
  agent_id: string | null;
  last_agent_id: string | null;
  opened_at: Timestamp;
  last_message_at: Timestamp;
  closed_at: Timestamp | null;
  wrap_up_code_id: string | null;
}

// Opt-out (issue 15).
export interface OptOutTable {
  id: string;
  client_id: string;
  /** E.164. */
  number: string;
  source: 'keyword' | 'admin';
  since: Generated<Timestamp>;
}

/** A client's opt-out keywords (JSON arrays of capitalised words) and confirmation texts. */
export interface OptOutSettingsTable {
  client_id: string;
  enabled: boolean;
  opt_out_keywords: ColumnType<string[], string, string>;
  opt_in_keywords: ColumnType<string[], string, string>;
  opt_out_confirmation: string | null;
  opt_in_confirmation: string | null;
  updated_at: Generated<Timestamp>;
}

export interface Database {
  audit_log: AuditLogTable;
  reseller: ResellerTable;
  client: ClientTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  api_key: ApiKeyTable;
  acd_group: AcdGroupTable;
  acd_group_member: AcdGroupMemberTable;
  routing_application: RoutingApplicationTable;
  routing_application_version: RoutingApplicationVersionTable;
  routing_test_case: RoutingTestCaseTable;
  workflow_execution: WorkflowExecutionTable;
  sms_connector: SmsConnectorTable;
  sms_send_connector: SmsSendConnectorTable;
  outbound_sms: OutboundSmsTable;
  inbound_sms: InboundSmsTable;
  sms_part: SmsPartTable;
  delivery_attempt: DeliveryAttemptTable;
  media_event: MediaEventTable;
  agent_state: AgentStateTable;
  agent_status_history: AgentStatusHistoryTable;
  desk_event: DeskEventTable;
  media_event_offer: MediaEventOfferTable;
  email_outbox: EmailOutboxTable;
  user_invitation: UserInvitationTable;
  // Canned responses and wrap-up codes (issue 14).
  canned_response: CannedResponseTable;
  wrap_up_code: WrapUpCodeTable;
  acd_group_wrap_up_code: AcdGroupWrapUpCodeTable;
  conversation: ConversationTable;
  // Pause reasons (issue 16).
  pause_reason: PauseReasonTable;
  // Opt-out (issue 15).
  opt_out: OptOutTable;
  opt_out_settings: OptOutSettingsTable;
  // Waiting runs (issue 15).
  waiting_run: WaitingRunTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type SmsConnector = Selectable<SmsConnectorTable>;
export type SmsSendConnector = Selectable<SmsSendConnectorTable>;
export type AcdGroup = Selectable<AcdGroupTable>;
export type InboundSms = Selectable<InboundSmsTable>;
export type MediaEvent = Selectable<MediaEventTable>;
