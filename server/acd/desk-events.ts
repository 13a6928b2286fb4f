import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { deskLogged, type AcdEffects, type LoggedDeskEvent } from './acd-effects';
import type { DeskEventKind, WithdrawReason } from '../../contract/desk';

export const DESK_CHANNEL = 'switchboard_desk';
/** Room for about 190 agent ids in one notification (PostgreSQL allows 8000 bytes). */
const IDS_PER_NOTIFICATION = 190;

export type { DeskEventKind, WithdrawReason };

export interface DeskEvent {
  agentId: string;
  kind: DeskEventKind;
  payload: unknown;
}

export interface StoredDeskEvent {
  seq: number;
  kind: DeskEventKind;
  payload: unknown;
}

/**
 * Appends events to agents' desk logs under each agent's agent_state row lock (the caller's, or
 * taken here), so every agent's sequence numbers are gapless and commit in order: a stream that read up to N
 * can never later find an N-1 appear. The events are recorded in `effects`, so that after commit
 * the caller wakes the streams and hands them the events.
 */
export async function appendDeskEvents(
  trx: Transaction<Database>,
  events: DeskEvent[],
  effects: AcdEffects,
): Promise<void> {
  if (events.length === 0) return;
  const agentIds = [...new Set(events.map((event) => event.agentId))];
  // Several agents at once (new messages of a whole intake batch): their rows are locked in id
  // order first, as a dispatch locks them, so two such transactions wait instead of deadlocking.
  if (agentIds.length > 1) {
    await sql`select agent_id from agent_state where agent_id = any(${agentIds.sort()}::uuid[])
      order by agent_id for update`.execute(trx);
  }
  // One statement: number each agent's new events after its sequence and log them.
  const result = await sql<{ agent_id: string; event_seq: string }>`
    with e as (
      select agent_id, kind, payload, row_number() over (partition by agent_id order by i) as n,
        count(*) over (partition by agent_id) as total
      from unnest(${events.map((e) => e.agentId)}::uuid[], ${events.map((e) => e.kind)}::text[],
        ${events.map((e) => JSON.stringify(e.payload))}::jsonb[]) with ordinality as t(agent_id, kind, payload, i)
    ), bumped as (
      update agent_state a set event_seq = a.event_seq + c.total
      from (select distinct agent_id, total from e) c
      where a.agent_id = c.agent_id
      returning a.agent_id, a.event_seq
    ), logged as (
      insert into desk_event (agent_id, seq, kind, payload)
      select e.agent_id, b.event_seq - e.total + e.n, e.kind, e.payload from e join bumped b using (agent_id)
    )
    select agent_id, event_seq from bumped`.execute(trx);
  if (result.rows.length !== agentIds.length) {
    throw new Error(`Some of agents ${agentIds.join(', ')} have no ACD state to log desk events on`);
  }
  // Each agent's events were numbered in the order given, ending at its new sequence number.
  const next = new Map(
    result.rows.map((row) => {
      const total = events.filter((event) => event.agentId === row.agent_id).length;
      return [row.agent_id, Number(row.event_seq) - total + 1];
    }),
  );
  deskLogged(
    effects,
    events.map((event) => {
      const seq = next.get(event.agentId)!;
      next.set(event.agentId, seq + 1);
      return { agentId: event.agentId, seq, kind: event.kind, payload: event.payload };
    }),
  );
}

/**
 * Which of the events a stream was handed (committed by this instance) continue it after `last`
 * without a gap, in order. A gap means an event committed elsewhere, or handed over later than a
 * newer one: the stream then reads its log.
 */
export function continueFromMemory(handed: StoredDeskEvent[], last: number): { next: StoredDeskEvent[]; gap: boolean } {
  const ahead = handed.filter((event) => event.seq > last).sort((a, b) => a.seq - b.seq);
  const next: StoredDeskEvent[] = [];
  for (const event of ahead) {
    const expected = (next.at(-1)?.seq ?? last) + 1;
    if (event.seq < expected) continue; // handed twice
    if (event.seq > expected) return { next, gap: true };
    next.push(event);
  }
  return { next, gap: false };
}

interface PendingRead {
  agentId: string;
  afterSeq: number;
  limit: number;
  resolve: (events: StoredDeskEvent[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Reads desk logs for many open streams in one query: an offer burst wakes hundreds of desks
 * at once, and one query per desk would queue them all behind each other for a connection.
 * One read runs at a time; the reads asked for meanwhile go together in the next.
 */
export class DeskLogReader {
  private pending: PendingRead[] = [];
  private reading = false;

  constructor(private readonly db: Kysely<Database>) {}

  read(agentId: string, afterSeq: number, limit: number): Promise<StoredDeskEvent[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ agentId, afterSeq, limit, resolve, reject });
      if (!this.reading && this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.reading || this.pending.length === 0) return;
    this.reading = true;
    const batch = this.pending;
    this.pending = [];
    try {
      const rows = await sql<{ i: string; seq: string; kind: DeskEventKind; payload: unknown }>`
        select q.i, d.seq, d.kind, d.payload
        from unnest(${batch.map((r) => r.agentId)}::uuid[], ${batch.map((r) => r.afterSeq)}::bigint[],
          ${batch.map((r) => r.limit)}::int[]) with ordinality as q(agent_id, after_seq, max_rows, i)
        cross join lateral (
          select seq, kind, payload from desk_event
          where agent_id = q.agent_id and seq > q.after_seq order by seq limit q.max_rows) d
        order by q.i, d.seq`.execute(this.db);
      const results = batch.map((): StoredDeskEvent[] => []);
      for (const row of rows.rows) {
        results[Number(row.i) - 1]!.push({ seq: Number(row.seq), kind: row.kind, payload: row.payload });
      }
      batch.forEach((request, index) => request.resolve(results[index]!));
    } catch (err) {
      for (const request of batch) request.reject(err);
    } finally {
      this.reading = false;
      if (this.pending.length > 0) void this.flush();
    }
  }
}

/** Where a desk's log stands: its last sequence number and the oldest one still kept. */
export async function deskLogBounds(
  db: Kysely<Database>,
  agentId: string,
): Promise<{ last: number; oldestKept: number | null }> {
  const row = await sql<{ last: number | null; oldest: number | null }>`
    select (select event_seq from agent_state where agent_id = ${agentId}) as last,
      (select min(seq) from desk_event where agent_id = ${agentId}) as oldest`.execute(db);
  return {
    last: Number(row.rows[0]?.last ?? 0),
    oldestKept: row.rows[0]?.oldest == null ? null : Number(row.rows[0].oldest),
  };
}

/** Desk logs are for catching up after a dropped connection, not an archive. */
export async function pruneDeskEvents(db: Kysely<Database>, keepHours: number): Promise<number> {
  const result =
    await sql`delete from desk_event where created_at < now() - make_interval(hours => ${keepHours})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Wakes this instance's open desk streams when an agent's log grew (here or, through NOTIFY,
 * on another instance). A wake-up carries the events this instance committed, which continue
 * the stream; one without events (another instance's, a heartbeat) says "read the log", which is
 * the truth.
 */
export class DeskEventBus {
  private readonly listeners = new Map<string, Set<(events: StoredDeskEvent[]) => void>>();
  private closed = false;

  subscribe(agentId: string, wake: (events: StoredDeskEvent[]) => void): () => void {
    let set = this.listeners.get(agentId);
    if (!set) this.listeners.set(agentId, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.listeners.delete(agentId);
    };
  }

  publish(agentIds: Iterable<string>, logged: LoggedDeskEvent[] = []): void {
    const byAgent = new Map<string, StoredDeskEvent[]>();
    for (const { agentId, seq, kind, payload } of logged) {
      const list = byAgent.get(agentId);
      if (list) list.push({ seq, kind, payload });
      else byAgent.set(agentId, [{ seq, kind, payload }]);
    }
    for (const agentId of agentIds) {
      const listeners = this.listeners.get(agentId);
      if (!listeners) continue;
      const events = byAgent.get(agentId) ?? [];
      for (const wake of listeners) wake(events);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Makes every open stream read its log: after a loss of the connection that hears other
   * instances' wake-ups, any of them may have been missed.
   */
  wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake([]);
  }

  /** Ends every open stream (at shutdown, so the HTTP server can close). */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }
}

/**
 * Tells the other instances, through NOTIFY, whose desk logs grew: after commit and in batches.
 * NOTIFY inside the writing transactions would serialise their commits, because PostgreSQL
 * holds one lock per database from a transaction's NOTIFY until its commit is flushed. A wake
 * lost here (a crash right after a commit) is made good by the streams re-reading their log at
 * every heartbeat.
 */
export class DeskNotifier {
  private pending = new Set<string>();
  private sending = false;

  constructor(
    private readonly origin: string,
    private readonly send: (payloads: string[]) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  notify(agentIds: Iterable<string>): void {
    const before = this.pending.size;
    for (const id of agentIds) this.pending.add(id);
    if (!this.sending && before === 0 && this.pending.size > 0) setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    if (this.sending || this.pending.size === 0) return;
    this.sending = true;
    const ids = [...this.pending];
    this.pending = new Set();
    try {
      const payloads: string[] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_NOTIFICATION) {
        payloads.push(`${this.origin} ${ids.slice(i, i + IDS_PER_NOTIFICATION).join(',')}`);
      }
      await this.send(payloads);
    } catch (err) {
      this.onError(err);
    } finally {
      this.sending = false;
      if (this.pending.size > 0) void this.flush();
    }
  }
}

/** The agents of a desk notification, unless it came from `self` (whose streams were woken already). */
export function notifiedAgents(payload: string, self: string): string[] {
  const [origin, ids] = payload.split(' ');
  if (origin === self || !ids) return [];
  return ids.split(',');
}
