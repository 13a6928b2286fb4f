import { sql, type Kysely, type Transaction } from 'kysely';
import type { DeskHeldConversation } from '../../contract/desk';
import type { Database } from '../db/schema';
import { heldMessageMailSql, type HeldMessageEmail } from '../mail/held-message-email';

/**
 * Conversations held by e-mail: an agent whose SMS delivery is e-mail got the offer by mail, the
 * media event ended `delivered` (their slot is free again), and the conversation stayed theirs —
 * `assigned`, with no live media event — so the customer's next SMS reach them by mail (the
 * intake statement writes those) and they answer and close it from the desk.
 */

/** An SQL condition on `c` (conversation): held by an agent, with no media event in the queue or on a desk. */
export const heldWithoutLiveEvent = sql`c.state = 'assigned' and c.agent_id is not null and not exists (
    select 1 from media_event le where le.conversation_id = c.id and le.state in ('queued', 'offered', 'accepted'))`;

/**
 * The conversation of an e-mail agent's delivered media event becomes theirs (waiting → assigned),
 * in the transaction that records the offer mail as sent.
 */
export async function holdConversationOfDeliveredEvent(
  trx: Transaction<Database>,
  mediaEventId: string,
  agentId: string,
): Promise<void> {
  await sql`
    update conversation c set state = 'assigned', agent_id = ${agentId}
    from media_event e
    where e.id = ${mediaEventId} and c.id = e.conversation_id and c.state = 'waiting'`.execute(trx);
}

/**
 * The customer's SMS that joined the conversation while its offer was on its way to the e-mail
 * agent (it was waiting, so the intake statement mailed nobody): each gets the mail it would have
 * got had the conversation been held already, written in the transaction that holds it. The
 * Message-ID is the SMS's own, so one mailed already is not written twice.
 */
export async function mailMessagesThatCameMeanwhile(
  trx: Transaction<Database>,
  mediaEventId: string,
  agentId: string,
  mail: HeldMessageEmail,
): Promise<void> {
  // `sms` and `threaded` as the intake statement has them, for the SMS after the event's own.
  await sql`
    with meanwhile as (
      select s.id, s.client_id, s.received_at, s.conversation_id, s.message, s.sender, s.receiver
      from media_event e
      join inbound_sms first on first.id = e.sms_id
      join inbound_sms s on s.conversation_id = e.conversation_id and s.id <> first.id
        and s.received_at >= first.received_at
      where e.id = ${mediaEventId}
    ), sms as (
      select id, client_id, received_at, conversation_id from meanwhile
    ), threaded as (
      select id, message, sender, receiver, ${agentId}::uuid as held_by from meanwhile
    ), ${heldMessageMailSql(mail)}
    select count(*) from held_mail`.execute(trx);
}

interface HeldRow {
  id: string;
  customer_number: string;
  our_number: string;
  acd_group_id: string | null;
  acd_group_name: string | null;
  opened_at: Date;
  last_message_at: Date;
  sms_id: string | null;
  message: string | null;
  received_at: Date | null;
}

/** How many of them the desk lists at most, newest message first. */
const DESK_HELD_LENGTH = 200;

/** The conversations an agent holds by e-mail, as their desk lists them, newest message first. */
export async function selectDeskHeldConversations(
  db: Kysely<Database>,
  agentId: string,
): Promise<DeskHeldConversation[]> {
  const rows = await sql<HeldRow>`
    select c.id, c.customer_number, c.our_number, c.acd_group_id, g.name as acd_group_name, c.opened_at,
      c.last_message_at, s.id as sms_id, s.message, s.received_at
    from conversation c
    left join acd_group g on g.id = c.acd_group_id
    left join lateral (
      select id, message, received_at from inbound_sms
      where conversation_id = c.id order by received_at desc, id desc limit 1) s on true
    where c.agent_id = ${agentId} and ${heldWithoutLiveEvent}
    order by c.last_message_at desc, c.id desc
    limit ${DESK_HELD_LENGTH}`.execute(db);
  return rows.rows.map((row) => ({
    id: row.id,
    customerNumber: row.customer_number,
    ourNumber: row.our_number,
    acdGroupId: row.acd_group_id,
    acdGroupName: row.acd_group_name,
    openedAt: iso(row.opened_at),
    lastMessageAt: iso(row.last_message_at),
    lastInbound:
      row.sms_id !== null && row.message !== null && row.received_at !== null
        ? { smsId: row.sms_id, message: row.message, receivedAt: iso(row.received_at) }
        : null,
  }));
}

export interface CloseHeld {
  clientId: string;
  agentId: string;
  conversationId: string;
  wrapUpCodeId: string | null;
}

/**
 * The agent closes a conversation they hold by e-mail, as completing would close it on their
 * desk: closed now, nobody's, the agent its last (a reopening SMS is offered to them first), with
 * the wrap-up code. One conditional statement: false when it is no longer held so (closed by the
 * sweep, or another change got there first).
 */
export async function closeHeldConversation(db: Kysely<Database>, close: CloseHeld): Promise<boolean> {
  const result = await sql`
    update conversation c set state = 'closed', closed_at = now(), agent_id = null, last_agent_id = ${close.agentId},
      wrap_up_code_id = ${close.wrapUpCodeId}
    where c.id = ${close.conversationId} and c.client_id = ${close.clientId} and c.agent_id = ${close.agentId}
      and ${heldWithoutLiveEvent}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** The reopen window of a group that sets none (the column's default, Genesys' default). */
const DEFAULT_REOPEN_WINDOW_HOURS = 72;

/**
 * Closes conversations held by e-mail in which no message went either way for their group's
 * reopen window (72 hours without a group). Without it such a conversation would be held for
 * ever: every later SMS of the customer would go to that one agent's mailbox, also years later
 * and also when they left. The reopen window is the setting for it because it is the group's own
 * answer to "how long is a quiet customer still the same matter": a message after it reopens the
 * conversation (for as long again) and is offered first to the same agent (`last_agent_id`), so
 * nothing changes for the customer while the agent is available, and the group takes over when
 * they are not.
 *
 * Safe on every instance at once: rows are claimed with SKIP LOCKED, and the update checks again
 * (under the lock) that the conversation is still held so and still quiet — an SMS or a reply
 * committed meanwhile moved `last_message_at` on. Closed without a wrap-up code: nobody chose
 * one. Answers how many it closed.
 */
export async function closeQuietHeldConversations(db: Kysely<Database>, limit = 500): Promise<number> {
  const closed = await sql<{ id: string }>`
    with due as (
      select c.id, coalesce(g.reopen_window_hours, ${DEFAULT_REOPEN_WINDOW_HOURS}) as window_hours
      from conversation c
      left join acd_group g on g.id = c.acd_group_id
      where ${heldWithoutLiveEvent}
        and c.last_message_at < now() - make_interval(hours => coalesce(g.reopen_window_hours, ${DEFAULT_REOPEN_WINDOW_HOURS}))
      order by c.last_message_at
      limit ${limit}
      for update of c skip locked
    )
    update conversation c set state = 'closed', closed_at = now(), last_agent_id = c.agent_id, agent_id = null
    from due
    where c.id = due.id and ${heldWithoutLiveEvent}
      and c.last_message_at < now() - make_interval(hours => due.window_hours)
    returning c.id`.execute(db);
  return closed.rows.length;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
