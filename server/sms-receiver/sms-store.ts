import { sql, type Kysely } from 'kysely';
import type { Database, SmsStatus } from '../db/schema';
import { BatchCommitter } from '../db/batch-committer';
import { uuid7 } from '../db/uuid7';
import type { Logger } from '../logging/logger';
import { storedForm, type AcceptedLine } from '../delivery-log/accepted-line';
import { heldMessageMailSql, type HeldMessageEmail } from '../mail/held-message-email';
import { matchOptOutKeyword } from '../../contract/opt-out-keywords';
import { canOptOut, storeKeywordSms } from '../opt-outs/keyword-sms';
import type { OptOutSettingsCache } from '../opt-outs/opt-out-settings';
import type { SecretKey } from '../sms-sender/credential-cipher';

export interface NewInboundSms {
  id: string;
  clientId: string;
  connectorId: string;
  sender: string;
  senderNormalized: string;
  receiver: string;
  receiverNormalized: string;
  message: string;
  keyword: string | null;
  messageId: string | null;
  status: SmsStatus;
  /** For Routing Application connectors: the application that routes it (not stored with the SMS). */
  routingApplicationId: string | null;
  /** JSON text of the request's fields. */
  raw: string;
  receivedAt: Date;
  /** A multipart SMS joined from its parts: how many it has, and how many had arrived. */
  partsTotal: number | null;
  partsReceived: number | null;
  /** For Direct ACD Group connectors: the media event created with the SMS. */
  mediaEvent: { id: string; acdGroupId: string; subject: string } | null;
  /** The delivery log's line, written with the SMS (none: the caller logs the delivery itself). */
  deliveryLine?: AcceptedLine | undefined;
}

/** How long an instance owns an SMS it is routing before another may take it over. */
export const DEFAULT_ROUTING_LEASE_SECONDS = 60;

export interface StoredSms {
  id: string;
  /** True when an earlier delivery with the same provider message id was stored already. */
  duplicate: boolean;
  /** The conversation it joined (for a stored SMS; undefined for a duplicate). */
  conversationId?: string;
  /** It opened or reopened its conversation: routed or queued as an SMS of its own. */
  startsWork?: boolean;
  /** The agent holding its conversation, whose desk gets it live. */
  heldBy?: string | null;
  /** An e-mail to that agent (their delivery is e-mail) was written to the outbox with it. */
  mailed?: boolean;
  /** The ACD group its media event was queued in, if one was. */
  queuedIn?: string | null;
  /** It woke a run waiting for a reply in its conversation. */
  woke?: boolean;
  /** The run it woke, claimed for this instance by the intake statement (only with `onWoken`). */
  claimedWake?: ClaimedWake;
}

/** A waiting run woken by a reply and claimed in the same statement: this instance resumes it at once. */
export interface ClaimedWake {
  executionId: string;
  claimToken: string;
}

/** An SMS that arrived in a conversation an agent holds. */
export interface HeldMessage {
  agentId: string;
  conversationId: string;
  smsId: string;
  message: string;
  sender: string;
  receivedAt: Date;
}

/** The messages among stored SMS that go straight to an agent's desk. */
export function heldMessages(batch: NewInboundSms[], results: Map<NewInboundSms, StoredSms>): HeldMessage[] {
  return batch.flatMap((sms) => {
    const stored = results.get(sms)!;
    if (stored.duplicate || !stored.heldBy || !stored.conversationId) return [];
    return [
      {
        agentId: stored.heldBy,
        conversationId: stored.conversationId,
        smsId: sms.id,
        message: sms.message,
        sender: sms.sender,
        receivedAt: sms.receivedAt,
      },
    ];
  });
}

export interface SmsStoreOptions {
  maxBatch?: number;
  maxConcurrentBatches?: number;
  /** Called after a commit with the new SMS that wait for the routing engine. */
  onReceived?: (sms: NewInboundSms[]) => void;
  /** Called after a commit with the ACD groups that got new queued media events. */
  onQueued?: (acdGroupIds: Set<string>) => void;
  /** Called after a commit with the SMS that joined conversations agents hold. */
  onHeld?: (messages: HeldMessage[]) => void;
  /**
   * Mail each SMS into a conversation held by an e-mail agent, in the intake statement (none:
   * no mail server, so nobody gets SMS by e-mail).
   */
  heldMessageEmail?: HeldMessageEmail;
  /** Called after a commit that wrote such e-mail to the outbox. */
  onMail?: () => void;
  /**
   * Called after a commit in which SMS woke waiting runs (replies to "Wait for reply" nodes) with
   * those runs: with this option the intake statement also claims them for this instance (for the
   * routing lease), so it resumes them from memory; a claim it does not finish expires and a
   * sweep takes the run over.
   */
  onWoken?: (claimed: ClaimedWake[]) => void;
  routingLeaseSeconds?: number;
  logger?: Logger;
  /**
   * The clients' opt-out keywords (issue 15): a keyword SMS is stored apart, with its change to
   * the opt-out list, and routed nowhere. None: every SMS is routed (no keyword is recognised).
   */
  optOuts?: OptOutIntake;
}

export interface OptOutIntake {
  settings: OptOutSettingsCache;
  /** To read the send connector a confirmation goes through. */
  secretKey?: SecretKey | undefined;
  /** Called after a commit that wrote a confirmation to the outbox. */
  onSmsEnqueued?: () => void;
}

/**
 * Stores inbound SMS durably. Concurrent deliveries share one transaction (see BatchCommitter);
 * each delivery is answered only after the transaction holding its row has committed.
 */
export class SmsStore {
  private readonly committer: BatchCommitter<NewInboundSms, StoredSms>;
  /** Keyword SMS being stored, apart from the batches (drain waits for them too). */
  private readonly keywordWrites = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: SmsStoreOptions = {},
  ) {
    this.committer = new BatchCommitter({
      what: 'storing SMS',
      commit: (batch) =>
        insertBatch(
          db,
          batch,
          options.routingLeaseSeconds ?? DEFAULT_ROUTING_LEASE_SECONDS,
          options.heldMessageEmail,
          options.onWoken !== undefined,
        ).catch((error) => {
          throw new SmsStoreError(batch, error);
        }),
      afterCommit: (batch, results) => {
        const starting = batch.filter((sms) => startsWork(results.get(sms)!));
        const waiting = starting.filter((sms) => sms.status === 'received');
        if (waiting.length > 0) options.onReceived?.(waiting);
        const groups = new Set<string>();
        for (const sms of starting) {
          const group = results.get(sms)!.queuedIn;
          if (group) groups.add(group);
        }
        if (groups.size > 0) options.onQueued?.(groups);
        const held = heldMessages(batch, results);
        if (held.length > 0) options.onHeld?.(held);
        if (batch.some((sms) => results.get(sms)!.mailed)) options.onMail?.();
        const claimed = batch.flatMap((sms) => results.get(sms)!.claimedWake ?? []);
        if (claimed.length > 0) options.onWoken?.(claimed);
      },
      ...(options.maxBatch ? { maxBatch: options.maxBatch } : {}),
      ...(options.maxConcurrentBatches ? { maxConcurrentBatches: options.maxConcurrentBatches } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  store(sms: NewInboundSms): Promise<StoredSms> {
    const optOuts = this.options.optOuts;
    // A string test on the text (a long text is passed at once): only a keyword SMS costs more.
    const kind = optOuts && matchOptOutKeyword(sms.message, optOuts.settings.get(sms.clientId));
    if (!optOuts || !kind || !canOptOut(sms.senderNormalized)) return this.committer.submit(sms);
    return this.storeKeyword(sms, kind, optOuts);
  }

  private storeKeyword(sms: NewInboundSms, kind: 'optOut' | 'optIn', optOuts: OptOutIntake): Promise<StoredSms> {
    const { logger, onHeld } = this.options;
    const settings = optOuts.settings.get(sms.clientId);
    const write = storeKeywordSms(this.db, sms, kind, settings, { secretKey: optOuts.secretKey, logger }).then(
      (stored) => {
        if (stored.confirmationQueued) optOuts.onSmsEnqueued?.();
        const held = heldMessages([sms], new Map([[sms, stored]]));
        if (held.length > 0) onHeld?.(held);
        return stored;
      },
      (error: unknown) => {
        const failed = new SmsStoreError([sms], error);
        logger?.error({ err: failed }, 'storing a keyword SMS failed');
        throw failed;
      },
    );
    this.keywordWrites.add(write);
    const forget = () => this.keywordWrites.delete(write);
    write.then(forget, forget);
    return write;
  }

  async drain(): Promise<void> {
    await this.committer.drain();
    await Promise.allSettled([...this.keywordWrites]);
  }
}

/**
 * Storing failed. Logged in place of the database's error, which may quote what was being
 * written (the SMS text, the sender's number): it keeps the SMS ids and the error code only.
 */
export class SmsStoreError extends Error {
  readonly code: string | undefined;
  readonly smsIds: string[];

  constructor(batch: NewInboundSms[], cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const known = typeof code === 'string' ? code : undefined;
    const why = known ? `PostgreSQL error ${known}` : cause instanceof Error ? cause.name : 'unknown error';
    super(`storing ${batch.length} SMS failed (${why})`);
    this.name = 'SmsStoreError';
    this.code = known;
    this.smsIds = batch.map((sms) => sms.id);
  }
}

const startsWork = (stored: StoredSms) => !stored.duplicate && stored.startsWork === true;

const dedupeKey = (sms: NewInboundSms) => (sms.messageId === null ? null : `${sms.connectorId}\u0000${sms.messageId}`);

async function insertBatch(
  db: Kysely<Database>,
  batch: NewInboundSms[],
  leaseSeconds: number,
  mail: HeldMessageEmail | undefined,
  claimWakes: boolean,
): Promise<Map<NewInboundSms, StoredSms>> {
  // Retries of one message inside a batch collapse onto the first; across concurrent batches the
  // unique index decides, and sorting by key keeps two batches from locking in opposite orders.
  const firstByKey = new Map<string, NewInboundSms>();
  const candidates: NewInboundSms[] = [];
  for (const sms of batch) {
    const key = dedupeKey(sms);
    if (key === null) candidates.push(sms);
    else if (!firstByKey.has(key)) {
      firstByKey.set(key, sms);
      candidates.push(sms);
    }
  }
  candidates.sort((a, b) => (dedupeKey(a) ?? '').localeCompare(dedupeKey(b) ?? ''));

  // One statement, so one round trip and its own atomic commit: the SMS rows and their media
  // events are stored together or not at all.
  const claim = claimWakes ? { token: uuid7() } : undefined;
  const inserted = new Map(
    (await insertThreadingRetried(db, candidates, leaseSeconds, mail, claim)).rows.map((row) => [row.id, row]),
  );
  const earlierIds = await findEarlierDeliveries(
    db,
    candidates.filter((sms) => !inserted.has(sms.id)),
  );
  const results = new Map<NewInboundSms, StoredSms>();
  for (const sms of batch) {
    const key = dedupeKey(sms);
    const first = key === null ? sms : firstByKey.get(key)!;
    const row = inserted.get(first.id);
    if (row) {
      results.set(
        sms,
        first === sms
          ? {
              id: row.id,
              duplicate: false,
              conversationId: row.conversation_id,
              startsWork: row.starts_work,
              heldBy: row.held_by,
              mailed: row.mailed,
              queuedIn: row.queued_in,
              woke: row.woke,
              ...(claim && row.woken_execution_id
                ? { claimedWake: { executionId: row.woken_execution_id, claimToken: claim.token } }
                : {}),
            }
          : { id: first.id, duplicate: true },
      );
    } else {
      const earlier = earlierIds.get(key!);
      if (!earlier) throw new Error('A duplicate delivery vanished before it could be answered');
      results.set(sms, { id: earlier, duplicate: true });
    }
  }
  return results;
}

/** Statement-level races a fresh snapshot resolves: a reopen beside another batch's open, a lock cycle. */
const RETRIED_CODES = new Set(['23505', '40P01']);
const RETRIES = 3;

/**
 * Runs the intake statement, again when it lost a race on the conversation index (another
 * batch opened the key after this statement's snapshot) or a deadlock: nothing of a failed
 * statement was written, and the next one sees what the other batch committed.
 */
async function insertThreadingRetried(
  db: Kysely<Database>,
  rows: NewInboundSms[],
  leaseSeconds: number,
  mail: HeldMessageEmail | undefined,
  claim: { token: string } | undefined,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertSmsWithEvents(db, rows, leaseSeconds, mail, claim);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const constraint = (error as { constraint?: unknown } | null)?.constraint;
      const retried =
        typeof code === 'string' &&
        RETRIED_CODES.has(code) &&
        (code !== '23505' || constraint === undefined || constraint === 'conversation_open_key');
      if (!retried || attempt >= RETRIES) throw error;
    }
  }
}

/** What the intake statement answers for each SMS it inserted. */
export interface InsertedSms {
  id: string;
  conversation_id: string;
  /** The SMS opened or reopened its conversation: it is routed (or queued) as before conversations. */
  starts_work: boolean;
  /** The agent who holds its conversation: the SMS goes straight to their desk. */
  held_by: string | null;
  /** An e-mail to that agent was written to the outbox in the same statement. */
  mailed: boolean;
  /** The group its media event was queued in (a reopened conversation's own, else the connector's). */
  queued_in: string | null;
  /** It woke the run waiting in its conversation (a "Wait for reply" node). */
  woke: boolean;
  /** That run's execution (null when it woke none). */
  woken_execution_id: string | null;
}

/**
 * Inserts SMS, threads them into conversations and creates the media events of those that open
 * one, in one statement (a Transaction is a Kysely too, so the multipart join runs it inside its
 * own); answers the SMS inserted, leaving out repeated message ids.
 *
 * Threading: each conversation key of the batch (client, number written to, sender) is first
 * looked up as a closed conversation within its group's reopen window (reopened: its row goes
 * back to waiting, `state = 'closed'` rechecked under the row lock), the others are upserted on
 * the partial unique index of open conversations, which waits for a concurrent inserter of the
 * same key and then joins its row. The first SMS of an opened or reopened conversation starts
 * work (a media event, or the routing run); the others join it. Repeats (a provider message id
 * stored before this statement's snapshot) touch no conversation. A reopen that races another
 * batch opening the key fails on the unique index; the caller runs the statement again.
 *
 * With `mail`, an SMS into a conversation held by an agent whose delivery is e-mail also gets
 * its e-mail written to the outbox by this statement (see mail/held-message-email.ts).
 *
 * With `claim`, a run an SMS wakes is also claimed with its token for `leaseSeconds`, as
 * `claimWakes` (routing/waiting-run-store.ts) claims one: the caller resumes it without a claim
 * query of its own.
 */
export function insertSmsWithEvents(
  db: Kysely<Database>,
  rows: NewInboundSms[],
  leaseSeconds: number,
  mail?: HeldMessageEmail,
  claim?: { token: string },
) {
  // An SMS for the routing engine is leased to this instance from the start: it runs it from
  // memory right after the commit, and only an expired lease lets anyone else pick it up.
  return sql<InsertedSms>`
    with input as (
      select * from json_to_recordset(${rowsDocument(rows)}::json) as t(raw jsonb, id uuid, client_id uuid,
        connector_id uuid, sender text, sender_normalized text, receiver text, receiver_normalized text, message text,
        keyword text, message_id text, status text, received_at timestamptz, parts_total int, parts_received int,
        delivery jsonb, event_id uuid, acd_group_id uuid, subject text, conversation_id uuid)
    ), fresh as (
      -- An anti join, probing the message id index per row (no message id: never a repeat).
      select * from input i
      where not exists (
        select 1 from inbound_sms s where s.connector_id = i.connector_id and s.message_id = i.message_id)
    ), keys as (
      select distinct on (client_id, receiver_normalized, sender_normalized)
        client_id, receiver_normalized as our_number, sender_normalized as customer_number,
        conversation_id as new_id, connector_id, acd_group_id, id as first_sms_id, received_at as first_at,
        max(received_at) over (partition by client_id, receiver_normalized, sender_normalized) as last_at
      from fresh
      order by client_id, receiver_normalized, sender_normalized, received_at, id
    ), reopened as (
      -- It waits in its own group again: the one it was last in (a transfer moved it), not the
      -- connector's (the group the conversation points to exists: the reopen window is read from it).
      update conversation c set state = 'waiting', closed_at = null, agent_id = null, wrap_up_code_id = null,
        last_message_at = r.last_at
      from (
        select distinct on (k.client_id, k.our_number, k.customer_number) c.id, k.last_at
        from keys k
        join conversation c on c.client_id = k.client_id and c.our_number = k.our_number
          and c.customer_number = k.customer_number and c.state = 'closed'
        join acd_group g on g.id = c.acd_group_id
        where c.closed_at > now() - make_interval(hours => g.reopen_window_hours)
          and not exists (select 1 from conversation o where o.client_id = k.client_id
            and o.our_number = k.our_number and o.customer_number = k.customer_number and o.state <> 'closed')
        order by k.client_id, k.our_number, k.customer_number, c.closed_at desc
      ) r
      where c.id = r.id and c.state = 'closed'
      returning c.id, c.client_id, c.our_number, c.customer_number, c.acd_group_id
    ), upserted as (
      insert into conversation as c (id, client_id, connector_id, our_number, customer_number, state, acd_group_id,
        opened_at, last_message_at)
      select k.new_id, k.client_id, k.connector_id, k.our_number, k.customer_number, 'waiting', k.acd_group_id,
        k.first_at, k.last_at
      from keys k
      where not exists (select 1 from reopened r where r.client_id = k.client_id and r.our_number = k.our_number
        and r.customer_number = k.customer_number)
      -- In key order, so two batches with the same keys wait for each other instead of deadlocking.
      order by k.client_id, k.our_number, k.customer_number
      on conflict (client_id, our_number, customer_number) where state <> 'closed'
      do update set last_message_at = greatest(c.last_message_at, excluded.last_message_at)
      returning c.id, c.client_id, c.our_number, c.customer_number, c.state, c.agent_id
    ), threads as (
      select r.id, r.client_id, r.our_number, r.customer_number, k.first_sms_id as starter, null::uuid as held_by,
        r.acd_group_id as reopened_in
      from reopened r join keys k on k.client_id = r.client_id and k.our_number = r.our_number
        and k.customer_number = r.customer_number
      union all
      select u.id, u.client_id, u.our_number, u.customer_number, case when u.id = k.new_id then k.first_sms_id end,
        case when u.state = 'assigned' then u.agent_id end, null::uuid
      from upserted u join keys k on k.client_id = u.client_id and k.our_number = u.our_number
        and k.customer_number = u.customer_number
    ), threaded as (
      select i.*, t.id as thread_id, t.held_by, coalesce(t.starter = i.id, false) as starts_work,
        coalesce(t.reopened_in, i.acd_group_id) as event_group_id,
        -- A message into an open conversation is not routed again.
        case when t.starter = i.id or i.status <> 'received' then i.status else 'routed' end as new_status
      from input i
      left join threads t on t.client_id = i.client_id and t.our_number = i.receiver_normalized
        and t.customer_number = i.sender_normalized
    ), sms as (
      insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver,
        receiver_normalized, message, keyword, message_id, status, raw, received_at, parts_total, parts_received,
        delivery, routing_lease_until, conversation_id)
      select id, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized, message,
        keyword, message_id, new_status, raw, received_at, parts_total, parts_received, delivery,
        case when new_status = 'received' then now() + ${sql.lit(`${leaseSeconds} seconds`)}::interval end, thread_id
      from threaded
      on conflict (connector_id, message_id) where message_id is not null do nothing
      returning id, client_id, received_at, conversation_id
    ), events as (
      insert into media_event (id, client_id, sms_id, acd_group_id, subject, state, created_at, conversation_id)
      select i.event_id, sms.client_id, sms.id, i.event_group_id, i.subject, 'queued', sms.received_at, sms.conversation_id
      from threaded i join sms on sms.id = i.id
      where i.event_id is not null and i.starts_work
    ), woken as (
      -- A run waiting in the conversation (a "Wait for reply" node) is woken by its first new SMS, in
      -- this transaction: the row lock and the recheck of wake_kind let exactly one SMS (or the
      -- timeout sweep) end the wait. With a claim token the row is claimed here too, and this instance
      -- resumes the run at once; without one, the sweep claims and resumes it. An SMS that
      -- comes before its run's wait is stored is found by the wait (see waiting-run-store.ts).
      update waiting_run w set wake_kind = 'reply', wake_sms_id = r.id, wake_text = r.message, updated_at = now()${
        claim
          ? sql`,
        claimed_until = now() + ${sql.lit(`${leaseSeconds} seconds`)}::interval, claim_token = ${claim.token}::uuid,
        attempts = w.attempts + 1`
          : sql``
      }
      from (
        select distinct on (t.thread_id) t.thread_id, t.id, t.message
        from threaded t join sms on sms.id = t.id
        where not t.starts_work and t.thread_id is not null
        order by t.thread_id, t.received_at, t.id
      ) r
      where w.conversation_id = r.thread_id and w.state = 'waiting' and w.wake_kind is null
      returning w.wake_sms_id, w.execution_id
    )${mail ? sql`, ${heldMessageMailSql(mail)}` : sql``}
    select sms.id, sms.conversation_id, t.starts_work, t.held_by,
      case when t.event_id is not null and t.starts_work then t.event_group_id end as queued_in,
      ${mail ? sql`exists (select 1 from held_mail m where m.sms_id = sms.id)` : sql`false`} as mailed,
      exists (select 1 from woken k where k.wake_sms_id = sms.id) as woke,
      (select k.execution_id from woken k where k.wake_sms_id = sms.id limit 1) as woken_execution_id
    from sms join threaded t on t.id = sms.id`.execute(db);
}

/**
 * The rows as one JSON text: one parameter the driver sends as it is, where arrays of each
 * column are escaped by it element by element. `raw` is JSON text already and goes in as it is.
 */
function rowsDocument(rows: NewInboundSms[]): string {
  const documents = rows.map((r) => {
    const columns = JSON.stringify({
      id: r.id,
      client_id: r.clientId,
      connector_id: r.connectorId,
      sender: r.sender,
      sender_normalized: r.senderNormalized,
      receiver: r.receiver,
      receiver_normalized: r.receiverNormalized,
      message: r.message,
      keyword: r.keyword,
      message_id: r.messageId,
      status: r.status,
      received_at: r.receivedAt.toISOString(),
      parts_total: r.partsTotal,
      parts_received: r.partsReceived,
      delivery: r.deliveryLine ? storedForm(r.deliveryLine) : null,
      event_id: r.mediaEvent?.id ?? null,
      acd_group_id: r.mediaEvent?.acdGroupId ?? null,
      subject: r.mediaEvent?.subject ?? null,
      // The id of the conversation this SMS opens, should it be the first of its key to open one.
      conversation_id: uuid7(),
    });
    return `{"raw":${r.raw},${columns.slice(1)}`;
  });
  return `[${documents.join(',')}]`;
}

async function findEarlierDeliveries(db: Kysely<Database>, rows: NewInboundSms[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const found = await sql<{ id: string; connector_id: string; message_id: string }>`
    select s.id, s.connector_id, s.message_id from inbound_sms s
    join unnest(${rows.map((r) => r.connectorId)}::uuid[], ${rows.map((r) => r.messageId)}::text[]) as k(connector_id, message_id)
      on s.connector_id = k.connector_id and s.message_id = k.message_id`.execute(db);
  return new Map(found.rows.map((row) => [`${row.connector_id}\u0000${row.message_id}`, row.id]));
}
