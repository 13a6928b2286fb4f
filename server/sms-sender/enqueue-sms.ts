import { type Kysely, type Selectable, type SqlBool } from 'kysely';
import { sendDrivers } from '../../contract/send-drivers';
import { countSegments, MAX_SEGMENTS } from '../../contract/sms-segments';
import { sentence } from '../../i18n/sentence';
import type { Database, OutboundOrigin, OutboundSmsTable, SendDriverName } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { ApiError } from '../http/api-error';

/**
 * The channel other instances' workers are woken on after an enqueue committed (see
 * CoalescedNotify); the payload is the notifying instance's id, so it skips its own.
 */
export const OUTBOUND_SMS_CHANNEL = 'switchboard_outbound_sms';

/** The most SMS one message may go out as (declared with the segment count, which the reply box shows too). */
export { MAX_SEGMENTS };

export interface SmsToEnqueue {
  clientId: string;
  sendConnectorId: string;
  /** The recipient, E.164. */
  to: string;
  /** The sender; the send connector's default sender when left out. */
  from?: string | undefined;
  text: string;
  origin: OutboundOrigin;
  /** The agent who wrote it (a reply). */
  agentId?: string | undefined;
  conversationId?: string | undefined;
  /**
   * Sent although the recipient opted out: only the confirmation of that opt-out (issue 15).
   * Every other SMS to a number on its client's opt-out list is refused.
   */
  optOutExempt?: boolean;
}

export type OutboundSmsRow = Selectable<OutboundSmsTable>;

function readEnqueueConnector(trx: Kysely<Database>, sms: SmsToEnqueue): Promise<EnqueueConnector | undefined> {
  return trx
    .selectFrom('sms_send_connector')
    .select(['id', 'client_id', 'driver', 'default_sender'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('opt_out')
            .select('opt_out.id')
            .whereRef('opt_out.client_id', '=', 'sms_send_connector.client_id')
            .where('opt_out.number', '=', sms.to),
        )
        .as('opted_out'),
    )
    .where('id', '=', sms.sendConnectorId)
    .executeTakeFirst();
}

const E164 = /^\+[1-9]\d{7,14}$/;
/** Whether `number` is one an SMS can be sent to (E.164). */
export const isE164 = (number: string) => E164.test(number);
/** A short code (digits only) counts as a number too. */
const SHORT_CODE = /^\d{3,8}$/;
/** GSM's alphanumeric sender: at most 11 characters, letters and digits (and spaces), at least one letter. */
const ALPHANUMERIC = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;

const refuse = (reason: Parameters<typeof sentence>[0], field: string, params?: Record<string, string | number>) =>
  new ApiError(422, sentence(reason, params), field);

/** The refusal of an SMS to a number on its client's opt-out list (422, field `to`). */
export const optedOutRefusal = (to: string) => refuse('outboundSms.refused.optedOut', 'to', { to });

/** Why a sender cannot be used with `driver`, or undefined when it can. */
export function senderProblem(from: string, driver: SendDriverName): ApiError | undefined {
  if (E164.test(from) || SHORT_CODE.test(from)) return undefined;
  if (!ALPHANUMERIC.test(from)) return refuse('outboundSms.refused.badSender', 'from', { from });
  if (!sendDrivers[driver].alphanumericSender)
    return refuse('outboundSms.refused.alphanumericSender', 'from', { from, driver });
  return undefined;
}

/** What enqueueSms reads of the send connector: a caller that read it in the same transaction passes it. */
export interface EnqueueConnector {
  id: string;
  client_id: string;
  driver: SendDriverName;
  default_sender: string | null;
  /** Whether the recipient is on the connector's client's opt-out list. */
  opted_out: SqlBool;
}

/**
 * Writes an SMS to the outbox in the caller's transaction `trx`: it is sent once that transaction
 * commits, and never if it rolls back. After the commit the caller wakes the workers
 * (`smsEnqueued`); they sweep anyway. Refuses, with an ApiError naming the field, a send
 * connector that does not exist or is another client's, an empty text, one over MAX_SEGMENTS, a
 * recipient that is not E.164 or is on the client's opt-out list, and a sender that is missing or
 * that the driver cannot send from. `known` is the send connector as the caller read it in `trx`.
 */
export async function enqueueSms(
  trx: Kysely<Database>,
  sms: SmsToEnqueue,
  known?: EnqueueConnector,
): Promise<OutboundSmsRow> {
  const connector = known ?? (await readEnqueueConnector(trx, sms));
  if (!connector) throw refuse('outboundSms.refused.noSendConnector', 'sendConnectorId', { id: sms.sendConnectorId });
  if (connector.client_id !== sms.clientId) throw refuse('outboundSms.refused.otherClient', 'sendConnectorId');
  if (sms.text.trim() === '') throw refuse('outboundSms.refused.emptyText', 'text');
  const counted = countSegments(sms.text);
  if (counted.segments > MAX_SEGMENTS)
    throw refuse('outboundSms.refused.textTooLong', 'text', { segments: counted.segments, max: MAX_SEGMENTS });
  if (!E164.test(sms.to)) throw refuse('outboundSms.refused.badRecipient', 'to', { to: sms.to });
  if (connector.opted_out && !sms.optOutExempt) throw optedOutRefusal(sms.to);
  const from = sms.from ?? connector.default_sender;
  if (from === null || from.trim() === '') throw refuse('outboundSms.refused.noSender', 'from');
  const problem = senderProblem(from, connector.driver);
  if (problem) throw problem;

  const row = await trx
    .insertInto('outbound_sms')
    .values({
      id: uuid7(),
      client_id: sms.clientId,
      send_connector_id: connector.id,
      conversation_id: sms.conversationId ?? null,
      origin: sms.origin,
      agent_id: sms.agentId ?? null,
      to: sms.to,
      from,
      text: sms.text,
      segments: counted.segments,
      encoding: counted.encoding,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}
