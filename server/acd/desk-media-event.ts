import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database, MediaEventState } from '../db/schema';
import type { DeskMediaEvent } from '../../contract/desk';

export type { DeskMediaEvent };

export interface DeskMediaEventRow {
  id: string;
  subject: string;
  priority: number;
  state: MediaEventState;
  acd_group_id: string | null;
  acd_group_name: string | null;
  created_at: Date;
  offered_at: Date | null;
  offer_deadline: Date | null;
  accepted_at: Date | null;
  finished_at: Date | null;
  conversation_id: string | null;
  sms_id: string;
  sender: string;
  receiver: string;
  message: string;
  received_at: Date;
  /** A transferred-in event: the note, and who handed it on (null: not transferred). */
  transferred_by: string | null;
  transferred_by_name: string | null;
  transfer_note: string | null;
}

/** The columns of a desk media event, for a query joining `e` (media_event), `s` (its SMS), `g` (its group) and `tu` (who transferred it). */
export const deskMediaEventColumns = sql`e.id, e.subject, e.priority, e.state, e.acd_group_id, g.name as acd_group_name,
  e.created_at, e.offered_at, e.offer_deadline, e.accepted_at, e.finished_at, e.conversation_id,
  s.id as sms_id, s.sender, s.receiver, s.message, s.received_at,
  e.transferred_by, tu.display_name as transferred_by_name, e.transfer_note`;

/** Selects desk media events matching `where` (an SQL condition on `e`, the media event). */
export async function selectDeskMediaEvents(
  db: Kysely<Database> | Transaction<Database>,
  where: RawBuilder<unknown>,
  order: RawBuilder<unknown> = sql`e.created_at, e.id`,
  limit = 500,
): Promise<DeskMediaEvent[]> {
  const result = await sql<DeskMediaEventRow>`
    select ${deskMediaEventColumns}
    from media_event e
    join inbound_sms s on s.id = e.sms_id
    left join acd_group g on g.id = e.acd_group_id
    left join app_user tu on tu.id = e.transferred_by
    where ${where}
    order by ${order}
    limit ${limit}`.execute(db);
  return result.rows.map(presentDeskMediaEvent);
}

export function presentDeskMediaEvent(row: DeskMediaEventRow): DeskMediaEvent {
  return {
    id: row.id,
    subject: row.subject,
    priority: row.priority,
    state: row.state,
    acdGroupId: row.acd_group_id,
    acdGroupName: row.acd_group_name,
    createdAt: iso(row.created_at),
    conversationId: row.conversation_id,
    sms: {
      id: row.sms_id,
      sender: row.sender,
      receiver: row.receiver,
      message: row.message,
      receivedAt: iso(row.received_at),
    },
    ...(row.offered_at ? { offeredAt: iso(row.offered_at) } : {}),
    ...(row.offer_deadline ? { deadline: iso(row.offer_deadline) } : {}),
    ...(row.accepted_at ? { acceptedAt: iso(row.accepted_at) } : {}),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    ...(row.transferred_by || row.transfer_note
      ? { transfer: { note: row.transfer_note, by: row.transferred_by_name } }
      : {}),
  };
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
