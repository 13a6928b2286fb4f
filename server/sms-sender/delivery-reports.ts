import type { OutboundStatus } from '../db/schema';
import type { ReportingDriver } from './status-callback';

// Delivery reports as each provider sends them, read into one shape. Pure: no I/O.
// - Twilio status callback (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status):
//   form fields MessageSid, MessageStatus (queued, sending, sent, delivered, undelivered, failed,
//   read, …), ErrorCode for undelivered and failed.
// - Vonage SMS API delivery receipt (https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts):
//   messageId, status (delivered, expired, failed, rejected, accepted, buffered, unknown),
//   err-code; as JSON, a form, or a GET's query.
// - Plivo message status (https://www.plivo.com/docs/messaging/api/message#message-status-callbacks):
//   form fields MessageUUID, Status (queued, sent, failed, delivered, undelivered, rejected, read),
//   ErrorCode.

export interface DeliveryReport {
  providerMessageId: string;
  /** The provider's own word for the status, as sent. */
  providerStatus: string;
  /** What it moves the message to; null for an interim status that says nothing new (queued, sending, buffered). */
  status: Extract<OutboundStatus, 'sent' | 'delivered' | 'failed'> | null;
  /** The provider's words for a failure: its status and error code. */
  error: string | null;
}

export type ParsedReport = { kind: 'report'; report: DeliveryReport } | { kind: 'invalid'; field: string };

const twilioStatus: Record<string, DeliveryReport['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};
const vonageStatus: Record<string, DeliveryReport['status']> = {
  accepted: 'sent',
  delivered: 'delivered',
  expired: 'failed',
  failed: 'failed',
  rejected: 'failed',
};
const plivoStatus: Record<string, DeliveryReport['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  rejected: 'failed',
};

const fieldsOf: Record<
  ReportingDriver,
  { id: string; status: string; error: string; statuses: typeof twilioStatus; name: string }
> = {
  twilio: { id: 'MessageSid', status: 'MessageStatus', error: 'ErrorCode', statuses: twilioStatus, name: 'Twilio' },
  vonage: { id: 'messageId', status: 'status', error: 'err-code', statuses: vonageStatus, name: 'Vonage' },
  plivo: { id: 'MessageUUID', status: 'Status', error: 'ErrorCode', statuses: plivoStatus, name: 'Plivo' },
};

const MAX_FIELD = 256;

/** Reads a report from the request's parameters (form, JSON object's strings, or query). */
export function parseDeliveryReport(driver: ReportingDriver, params: ReadonlyMap<string, string>): ParsedReport {
  const names = fieldsOf[driver];
  const id = params.get(names.id)?.trim();
  if (!id || id.length > MAX_FIELD) return { kind: 'invalid', field: names.id };
  const providerStatus = params.get(names.status)?.trim().toLowerCase();
  if (!providerStatus || providerStatus.length > MAX_FIELD) return { kind: 'invalid', field: names.status };
  const status = names.statuses[providerStatus] ?? null;
  const code = params.get(names.error)?.trim().slice(0, MAX_FIELD);
  // Vonage says err-code 0 for a message without error.
  const hasCode = code !== undefined && code !== '' && code !== '0';
  const error =
    status === 'failed' ? `${names.name} reported ${providerStatus}${hasCode ? `, error code ${code}` : ''}` : null;
  return { kind: 'report', report: { providerMessageId: id, providerStatus, status, error } };
}

const rank: Record<OutboundStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: 3 };

/** Whether a report of `next` moves a message that is `current`: forwards only; delivered and failed are final. */
export const movesForward = (current: OutboundStatus, next: OutboundStatus) => rank[next] > rank[current];

/** The statuses a message may be in for a report of `next` to move it. */
export const statusesBefore = (next: OutboundStatus): OutboundStatus[] =>
  (Object.keys(rank) as OutboundStatus[]).filter((status) => movesForward(status, next));
