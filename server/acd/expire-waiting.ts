import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Queued media events that waited longer than their group allows (`max_wait_seconds`) become
 * `expired`. Events being dispatched this moment are skipped (SKIP LOCKED): they are leaving the
 * queue anyway. Answers how many expired.
 */
export async function expireWaitingEvents(db: Kysely<Database>, limit = 500): Promise<number> {
  const expired = await sql<{ id: string }>`
    with expired as (
    update media_event set state = 'expired', finished_at = now(), updated_at = now()
    where id in (
      select e.id from acd_group g
      cross join lateral (
        select id from media_event e
        where e.acd_group_id = g.id and e.state = 'queued'
          and e.created_at < now() - make_interval(secs => g.max_wait_seconds)
        limit ${limit}
        for update of e skip locked) e
      where g.max_wait_seconds is not null
      limit ${limit})
    returning id, conversation_id
    ), closed as (
      -- Nobody took the conversation up: it is closed (a later SMS opens a new one).
      update conversation set state = 'closed', closed_at = now()
      where id in (select conversation_id from expired) and state = 'waiting'
    )
    select id from expired`.execute(db);
  return expired.rows.length;
}
