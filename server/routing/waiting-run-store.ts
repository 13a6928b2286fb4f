import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { PersistedRun, WaitingRun, WaitWake } from '../../workflows';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';

/** What a run that reached a wait node is stored with. */
export interface NewWait {
  executionId: string;
  smsId: string;
  clientId: string;
  routingApplicationId: string | null;
  versionId: string;
  startedAt: Date;
  run: WaitingRun;
}

/**
 * Keeps a run that reached its first wait: its execution (status `waiting`, the trace so far)
 * and its waiting row commit together, and the SMS's routing lease is released: its run is in
 * the database now, and the recovery sweep leaves SMS with an execution alone. Answers `taken`
 * when another instance wrote the SMS's run first, or `no_conversation` when the SMS has none to
 * wait in. A reply that arrived while the run went on (before this wait existed for the intake
 * statement to wake) wakes it here: the wait is stored woken (`woken`), for the sweep to resume.
 */
export async function persistFirstWait(
  db: Kysely<Database>,
  wait: NewWait,
): Promise<'stored' | 'woken' | 'taken' | 'no_conversation'> {
  return db.transaction().execute(async (trx) => {
    const sms = await trx
      .selectFrom('inbound_sms')
      .select(['conversation_id', 'connector_id', 'sender_normalized', 'receiver_normalized', 'status'])
      .where('id', '=', wait.smsId)
      .forUpdate()
      .executeTakeFirst();
    if (!sms || sms.status !== 'received') return 'taken';
    if (sms.conversation_id === null) return 'no_conversation';
    const inserted = await sql<{ id: string }>`
      insert into workflow_execution (id, client_id, sms_id, routing_application_id, version_id, status, outcome,
        trace, started_at)
      values (${wait.executionId}, ${wait.clientId}, ${wait.smsId}, ${wait.routingApplicationId}, ${wait.versionId},
        'waiting', null, ${JSON.stringify(wait.run.trace)}::jsonb, ${wait.startedAt.toISOString()}::timestamptz)
      on conflict (sms_id) do nothing
      returning id`.execute(trx);
    if (inserted.rows.length === 0) return 'taken';
    await trx.updateTable('inbound_sms').set({ routing_lease_until: null }).where('id', '=', wait.smsId).execute();
    const reply = await firstUntakenReply(trx, sms.conversation_id, wait.smsId);
    await trx
      .insertInto('waiting_run')
      .values({
        execution_id: wait.executionId,
        client_id: wait.clientId,
        sms_id: wait.smsId,
        conversation_id: sms.conversation_id,
        connector_id: sms.connector_id,
        receiver: sms.receiver_normalized,
        sender: sms.sender_normalized,
        version_id: wait.versionId,
        node_id: wait.run.nodeId,
        snapshot: JSON.stringify(wait.run.state),
        waiting_since: new Date(wait.run.since),
        wake_at: new Date(wait.run.until),
        replies_after_sms_id: wait.smsId,
        ...(reply ? { wake_kind: 'reply' as const, wake_sms_id: reply.id, wake_text: reply.message } : {}),
      })
      .execute();
    return reply ? 'woken' : 'stored';
  });
}

/** A waiting run claimed by this instance: woken by a reply, or due. */
export interface ClaimedWait {
  executionId: string;
  claimToken: string;
  attempts: number;
  versionId: string | null;
  routingApplicationId: string | null;
  state: PersistedRun;
  wake: WaitWake;
  sms: {
    id: string;
    clientId: string;
    connectorId: string | null;
    sender: string;
    receiver: string;
    message: string;
    keyword: string | null;
    receivedAt: Date;
  };
}

/** A claimed wait's row as the claims read it. */
interface ClaimedRow {
  execution_id: string;
  attempts: number;
  version_id: string | null;
  routing_application_id: string | null;
  snapshot: unknown;
  wake_kind: 'reply' | 'timeout';
  wake_text: string | null;
  sms_id: string;
  client_id: string;
  connector_id: string | null;
  sender_normalized: string;
  receiver_normalized: string;
  message: string;
  keyword: string | null;
  received_at: Date;
}

/** What a claim reads of each claimed wait (`c`), its execution and its SMS. */
const CLAIMED_COLUMNS = sql`c.execution_id, c.attempts, c.version_id, e.routing_application_id, c.snapshot,
  c.wake_kind, c.wake_text, s.id as sms_id, s.client_id, s.connector_id, s.sender_normalized, s.receiver_normalized,
  s.message, s.keyword, s.received_at`;

/**
 * Claims waiting runs that a reply woke or whose timeout passed, and that no live claim holds,
 * for `leaseSeconds`; skip locked, so every instance can sweep at once. A due run without a
 * reply is woken by its timeout here, under the row lock the intake statement also takes:
 * whichever comes first ends the wait, the other finds it taken. Two index scans, each reading
 * only its own rows: the woken waits (by their own partial index), and the waits not woken whose
 * timeout passed (the timeout index up to now, which the waits still running, answered or not,
 * are past). Up to `limit` of each.
 */
export async function claimWakes(db: Kysely<Database>, leaseSeconds: number, limit = 100): Promise<ClaimedWait[]> {
  const token = uuid7();
  const { rows } = await sql<ClaimedRow>`
    with woken as (
      select execution_id from waiting_run
      where state = 'waiting' and wake_kind is not null and (claimed_until is null or claimed_until < now())
      order by updated_at limit ${limit} for update skip locked
    ), due as (
      select execution_id from waiting_run
      where state = 'waiting' and wake_kind is null and wake_at <= now()
      order by wake_at limit ${limit} for update skip locked
    ), claimed as (
      update waiting_run w
      set claimed_until = now() + ${sql.lit(`${leaseSeconds} seconds`)}::interval, claim_token = ${token},
        attempts = w.attempts + 1, wake_kind = coalesce(w.wake_kind, 'timeout'), updated_at = now()
      from (select execution_id from woken union all select execution_id from due) d
      where w.execution_id = d.execution_id
      returning w.*
    )
    select ${CLAIMED_COLUMNS}
    from claimed c
    join workflow_execution e on e.id = c.execution_id
    join inbound_sms s on s.id = c.sms_id`.execute(db);
  return rows.map((row) => toClaimedWait(row, token));
}

/**
 * Reads waits claimed elsewhere with `claimToken` (by the intake statement that woke them, see
 * sms-store.ts), those still waiting under that claim.
 */
export async function readClaimedWakes(
  db: Kysely<Database>,
  claimToken: string,
  executionIds: string[],
): Promise<ClaimedWait[]> {
  if (executionIds.length === 0) return [];
  const { rows } = await sql<ClaimedRow>`
    select ${CLAIMED_COLUMNS}
    from waiting_run c
    join workflow_execution e on e.id = c.execution_id
    join inbound_sms s on s.id = c.sms_id
    where c.execution_id = any(${executionIds}::uuid[]) and c.claim_token = ${claimToken}::uuid
      and c.state = 'waiting' and c.wake_kind is not null`.execute(db);
  return rows.map((row) => toClaimedWait(row, claimToken));
}

function toClaimedWait(row: ClaimedRow, token: string): ClaimedWait {
  return {
    executionId: row.execution_id,
    claimToken: token,
    attempts: row.attempts,
    versionId: row.version_id,
    routingApplicationId: row.routing_application_id,
    state: (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as PersistedRun,
    wake: row.wake_kind === 'reply' ? { kind: 'reply', text: row.wake_text ?? '' } : { kind: 'timeout' },
    sms: {
      id: row.sms_id,
      clientId: row.client_id,
      connectorId: row.connector_id,
      sender: row.sender_normalized,
      receiver: row.receiver_normalized,
      message: row.message,
      keyword: row.keyword,
      receivedAt: new Date(row.received_at),
    },
  };
}

/**
 * A resumed run that reached another wait: the row waits again with the new state and timer,
 * unclaimed, and the execution gets the trace so far. Replies now count after the one that
 * resumed it (after the same SMS as before, when the timeout did); one that arrived while the run
 * went on wakes the wait at once (`woken`). Only under this instance's claim: `lost` when the
 * claim was lost (it expired and another instance took the run over).
 */
export async function persistNextWait(
  db: Kysely<Database>,
  claim: ClaimedWait,
  run: WaitingRun,
): Promise<'stored' | 'woken' | 'lost'> {
  return db.transaction().execute(async (trx) => {
    // The SET reads the row as it was: the reply that ended the last wait is where replies now start.
    const updated = await sql<{ conversation_id: string; replies_after: string }>`
      update waiting_run
      set node_id = ${run.nodeId}, snapshot = ${JSON.stringify(run.state)}::jsonb,
        waiting_since = ${new Date(run.since).toISOString()}::timestamptz,
        wake_at = ${new Date(run.until).toISOString()}::timestamptz,
        replies_after_sms_id = coalesce(wake_sms_id, replies_after_sms_id, sms_id),
        wake_kind = null, wake_sms_id = null, wake_text = null, claimed_until = null, claim_token = null,
        attempts = 0, updated_at = now()
      where execution_id = ${claim.executionId} and claim_token = ${claim.claimToken} and state = 'waiting'
      returning conversation_id, replies_after_sms_id as replies_after`.execute(trx);
    const row = updated.rows[0];
    if (!row) return 'lost';
    await trx
      .updateTable('workflow_execution')
      .set({ trace: JSON.stringify(run.trace) })
      .where('id', '=', claim.executionId)
      .execute();
    const reply = await firstUntakenReply(trx, row.conversation_id, row.replies_after);
    if (!reply) return 'stored';
    await trx
      .updateTable('waiting_run')
      .set({ wake_kind: 'reply', wake_sms_id: reply.id, wake_text: reply.message })
      .where('execution_id', '=', claim.executionId)
      .execute();
    return 'woken';
  });
}

/**
 * How long after a wait was stored the sweeps still look for a reply it missed. The intake
 * statement wakes a wait it sees; a wait looks for the replies committed before it is stored.
 * Between the two is an intake statement that began before the wait was committed (its snapshot
 * has no wait) and commits after the wait looked: only a later look finds its SMS. One that
 * takes longer than this to commit is not looked for. Each look costs about 15 µs per wait stored
 * in the window (PostgreSQL, 2000 waits: 30 ms), every second on every instance: the window is
 * seconds, for intake statements held up by locks or a slow disk, not minutes.
 */
export const MISSED_REPLY_WINDOW_SECONDS = 30;

/**
 * Wakes waits stored in the last `MISSED_REPLY_WINDOW_SECONDS` and not woken whose conversation
 * has a reply no wait took; the sweep then claims and resumes them. Under the row lock the intake
 * statement and the claims also take, with `wake_kind` rechecked, so a wait is woken once.
 * Answers how many it woke.
 */
export async function wakeMissedReplies(db: Kysely<Database>, limit = 100): Promise<number> {
  const { rows } = await sql<{ execution_id: string }>`
    -- Materialized: looked for once, not again for each row of the update (as a plan made on
    -- statistics of a table that just grew from empty would).
    with found as materialized (
      -- Only the waits with such a reply are locked: the others are left to the intake and the claims.
      select u.execution_id, reply.id, reply.message
      from waiting_run u
      cross join lateral (${untakenReplies(sql.ref('u.conversation_id'), sql`coalesce(u.replies_after_sms_id, u.sms_id)`)}) reply
      where u.state = 'waiting' and u.wake_kind is null
        and u.updated_at > now() - ${sql.lit(`${MISSED_REPLY_WINDOW_SECONDS} seconds`)}::interval
      order by u.updated_at limit ${limit}
      for update of u skip locked
    )
    update waiting_run w set wake_kind = 'reply', wake_sms_id = r.id, wake_text = r.message, updated_at = now()
    from found r
    where w.execution_id = r.execution_id and w.state = 'waiting' and w.wake_kind is null
    returning w.execution_id`.execute(db);
  return rows.length;
}

/** The reply a wait stored after it arrived is woken by (see `untakenReplies`). */
async function firstUntakenReply(
  trx: Transaction<Database>,
  conversationId: string,
  afterSmsId: string,
): Promise<{ id: string; message: string } | undefined> {
  const { rows } = await sql<{ id: string; message: string }>`${untakenReplies(
    sql`${conversationId}::uuid`,
    sql`${afterSmsId}::uuid`,
  )}`.execute(trx);
  return rows[0];
}

/**
 * The first SMS of the conversation after `afterSmsId` that is a reply no wait took: it joined the
 * conversation (`routed` without a run or a media event of its own, as the intake statement
 * stores an SMS into an open conversation; a keyword SMS is `opted_out`/`opted_in`), and woke no
 * wait. Such an SMS is what the intake statement would have woken the wait with, had it existed.
 */
function untakenReplies(conversationId: RawBuilder<unknown>, afterSmsId: RawBuilder<unknown>) {
  return sql<{ id: string; message: string }>`
    select s.id, s.message from inbound_sms s
    where s.conversation_id = ${conversationId}
      and (s.received_at, s.id) > (select a.received_at, a.id from inbound_sms a where a.id = ${afterSmsId})
      and s.status = 'routed'
      and not exists (select 1 from workflow_execution e where e.sms_id = s.id)
      and not exists (select 1 from media_event m where m.sms_id = s.id)
      and not exists (select 1 from waiting_run o where o.wake_sms_id = s.id)
    order by s.received_at, s.id
    limit 1`;
}

/** With the embedded database this process is the only one: claims of a previous life are void. */
export async function releaseAllWaitClaims(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('waiting_run')
    .set({ claimed_until: null })
    .where('state', '=', 'waiting')
    .where('claimed_until', 'is not', null)
    .execute();
}
