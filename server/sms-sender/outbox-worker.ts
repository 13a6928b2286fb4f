import { sql, type Kysely } from 'kysely';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { holdingAgentOfMessage, logMessageStatus } from '../conversations/message-status-event';
import type { Database, OutboundStatus } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { Network } from '../routing/safe-http-client';
import type { SecretKey } from './credential-cipher';
import type { OutboundSmsRow } from './enqueue-sms';
import { loadSendDriver, type LoadedSendConnector } from './load-send-driver';
import type { SendResult } from './send-driver';
import { statusCallbackUrl } from './status-callback';

export interface SmsOutboxWorkerOptions {
  db: Kysely<Database>;
  logger: Logger;
  secretKey: SecretKey | undefined;
  /** Where providers are reached; tests stand in for the machine's network. */
  network?: Network | undefined;
  /** SWITCHBOARD_PUBLIC_URL, or the address the server listens on: the base of status callback URLs. */
  baseUrl: () => string;
  /** The sweep's interval, for rows whose wait ended and notifications missed. */
  pollMs?: number;
  /** How long a claimed row belongs to this instance (longer than a send may take: 30 s at most). */
  leaseSeconds?: number;
  maxAttempts?: number;
  /** The wait after the first retryable failure; it doubles with each further one, up to 10 minutes. */
  retryBaseMs?: number;
  /** Sends at once at most. */
  concurrency?: number;
  /** A reply's status changed: the desk event logged for its agent is to be handed to their desk streams. */
  onAcdChange?: (effects: AcdEffects) => void;
}

/** Attempts before a message the provider keeps refusing for a passing reason ends as failed. */
export const DEFAULT_MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 10 * 60_000;
/** The wait before looking again when a connector's rate limit held rows back. */
const RATE_WAIT_MS = 100;
/**
 * Sends in flight at most, per instance. A provider's API answers in 100-300 ms, so this bounds
 * what one instance sends per second (128 at 200 ms: 640/s); a send holds no database connection
 * (claims and records are batched), only a socket.
 */
const DEFAULT_CONCURRENCY = 128;
/** Outcomes recorded in one transaction at most. */
const RECORD_BATCH = 200;
/** While sends are in flight, the least time between two claims (what became due meanwhile is claimed together). */
const CLAIM_INTERVAL_MS = 20;

/**
 * The wait before attempt `failedAttempts + 1`: base × 2^(failed − 1), at most 10 minutes, with
 * ±25 % jitter so that messages failed together do not retry in step.
 */
export function smsBackoffMs(baseMs: number, failedAttempts: number, random: () => number = Math.random): number {
  const plain = Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), MAX_BACKOFF_MS);
  return Math.round(plain * (0.75 + random() * 0.5));
}

/** What a driver may do when the instance that was sending a message died before recording the answer. */
export function resendsAfterLostAnswer(driver: string, settings: unknown): boolean {
  // Only a generic gateway that is given our reference ({{reference}}: an idempotency key, a
  // client reference) can recognise a second copy; Twilio, Vonage and Plivo take no idempotency key.
  return driver === 'http' && JSON.stringify(settings ?? {}).includes('{{reference}}');
}

/** A send's outcome as recordOutcomes writes it (the shape of its json_to_recordset). */
interface Outcome {
  id: string;
  /** The claim's attempt number: the outcome is written only while the row still carries it. */
  attempts: number;
  status: Extract<OutboundStatus, 'sent' | 'queued' | 'failed'>;
  provider_message_id: string | null;
  error: string | null;
  /** Until the next attempt, for `queued` (retry) and `failed` alike, as before batching. */
  backoff_ms: number;
}

/**
 * Sends what the SMS outbox holds.
 *
 * - **Claim.** A transaction per connector with due rows: the connector's row is locked (FOR NO
 *   KEY UPDATE, which enqueues do not wait for), the attempts it started within the last second
 *   are counted, and at most `rate_per_second` minus that many due rows are claimed with SKIP
 *   LOCKED: marked `sending`, `attempts` + 1, `attempted_at` = now, and leased. The lock
 *   serialises claims of one connector across instances, so the rate holds in any one-second
 *   window for all instances together (a per-instance limit would let two instances send twice
 *   the rate).
 * - **Send.** Through the connector's driver, after the claim committed (the row says `sending`
 *   before the provider hears of it). The answer is recorded only if the row still carries this
 *   claim's attempt number: an instance whose lease was taken over records nothing. Answers that
 *   come in together are recorded together, in one transaction (see record()).
 * - **Outcome.** Accepted → `sent` with the provider's id. A retryable failure → `queued` again
 *   after smsBackoffMs, until maxAttempts (default 8) → `failed`. Not retryable → `failed` at once.
 *   The provider's words are kept in `error` either way.
 * - **Takeover.** A `sending` row whose lease expired belongs to an instance that died (or lost
 *   the database) between claiming and recording: whether the provider took the message is
 *   unknown. Twilio, Vonage and Plivo take no idempotency key, so sending again could reach the
 *   customer twice: the row ends `failed` with an error saying the outcome is unknown (a human
 *   looks; a delivery report cannot be matched, the provider's id was never recorded). A generic
 *   gateway given `{{reference}}` can recognise a copy, so its row is queued again.
 */
export class SmsOutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** With the embedded database this process is the only one: every lease is of a previous life. */
  private voidAllLeases = false;
  /** The soonest retry this instance scheduled in the drain that just ran: the next look is no later. */
  private soonestRetry: number | undefined;
  /** When expired claims were last looked for: once a second is enough (a lease lasts a minute). */
  private lastTakeOver = 0;
  /** Outcomes waiting for the record being written to commit (see record()). */
  private pendingRecords: { outcome: Outcome; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private recording: Promise<void> | undefined;
  /** Wakes a drain that waits for a lane to finish: kick() was called. */
  private wake: (() => void) | undefined;

  constructor(private readonly options: SmsOutboxWorkerOptions) {}

  start(options: { releaseAllLeases?: boolean } = {}): void {
    this.stopped = false;
    this.voidAllLeases = options.releaseAllLeases ?? false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Something was written to the outbox (here or, notified, at another instance): look now. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      this.wake?.();
      this.wake = undefined;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().then(
      (rateLimited) => this.schedule(rateLimited ? RATE_WAIT_MS : undefined),
      () => this.schedule(undefined),
    );
  }

  private schedule(waitMs: number | undefined): void {
    this.running = undefined;
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.kick();
      return;
    }
    const retryIn = this.soonestRetry === undefined ? undefined : Math.max(0, this.soonestRetry - Date.now());
    this.soonestRetry = undefined;
    const poll = this.options.pollMs ?? 1000;
    this.timer = setTimeout(() => this.kick(), Math.min(waitMs ?? poll, retryIn ?? poll, poll));
  }

  /** Claims and sends until nothing is due; true when a rate limit held due rows back. */
  private async drain(): Promise<boolean> {
    try {
      if (this.voidAllLeases || Date.now() - this.lastTakeOver >= 1000) {
        await this.takeOverExpired();
        this.lastTakeOver = Date.now();
      }
      return await this.sendWhileDue();
    } catch (err) {
      this.options.logger.error({ err }, 'sending SMS from the outbox failed; trying again shortly');
      return false;
    }
  }

  /** Expired claims of instances that died: see the class comment. */
  private async takeOverExpired(): Promise<void> {
    const all = this.voidAllLeases;
    const maxAttempts = this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // A transaction, so that a reply written off tells its agent's desk in the same commit.
    const effects = noEffects();
    const result = await this.options.db.transaction().execute(async (trx) => {
      const result = await sql<{
        id: string;
        status: OutboundStatus;
        driver: string;
        conversation_id: string | null;
        error: string | null;
        agent_id: string | null;
      }>`
      with expired as (
        select o.id, (c.driver = 'http' and c.settings::text like '%{{reference}}%' and o.attempts < ${maxAttempts}) as resend
        from outbound_sms o join sms_send_connector c on c.id = o.send_connector_id
        where o.status = 'sending' and (${all}::boolean or o.lease_until < now())
        limit 200
        for update of o skip locked)
      update outbound_sms o set
        status = case when e.resend then 'queued' else 'failed' end,
        next_attempt_at = now(), lease_until = null, updated_at = now(),
        status_at = case when e.resend then o.status_at else now() end,
        error = case when e.resend then o.error else
          'Outcome unknown: the instance sending this SMS stopped before it recorded the provider''s answer (attempt '
          || o.attempts || '). The provider may have sent it; it is not sent again because the provider takes no '
          || 'idempotency key. Look for reference ' || o.id || ' or the recipient in the provider''s log.' end
      from expired e, sms_send_connector c
      where o.id = e.id and c.id = o.send_connector_id
      returning o.id, o.status, c.driver, o.conversation_id, o.error, ${holdingAgentOfMessage('o')} as agent_id`.execute(
        trx,
      );
      const writtenOff = result.rows.filter((row) => row.status === 'failed');
      await logMessageStatus(
        trx,
        writtenOff.map((row) => ({
          agentId: row.agent_id,
          conversationId: row.conversation_id,
          messageId: row.id,
          status: row.status,
          error: row.error,
        })),
        effects,
      );
      return result;
    });
    this.options.onAcdChange?.(effects);
    this.voidAllLeases = false;
    for (const row of result.rows)
      this.options.logger.warn(
        { outboundSmsId: row.id, driver: row.driver, status: row.status },
        row.status === 'queued'
          ? 'an SMS whose sending instance stopped is sent again (its gateway is given the reference)'
          : 'an SMS whose sending instance stopped before the provider answered is marked failed: its outcome is unknown',
      );
  }

  /** Claims at most `room` due rows, within each connector's rate. */
  private async claim(room: number): Promise<{ rows: OutboundSmsRow[]; rateLimited: boolean }> {
    const { db } = this.options;
    const due = await sql<{ send_connector_id: string }>`
      select distinct send_connector_id from outbound_sms
      where status = 'queued' and next_attempt_at <= now()
      order by send_connector_id limit 50`.execute(db);
    const rows: OutboundSmsRow[] = [];
    let rateLimited = false;
    for (const { send_connector_id: connectorId } of due.rows) {
      if (rows.length >= room) break;
      const claimed = await db.transaction().execute(async (trx) => {
        const connector = await sql<{ rate_per_second: number }>`
          select rate_per_second from sms_send_connector where id = ${connectorId} for no key update`.execute(trx);
        const rate = connector.rows[0]?.rate_per_second;
        if (rate === undefined) return { rows: [], limited: false };
        // now(), the transaction's start (before the lock wait): an index bound, where the volatile
        // clock_timestamp() made it a filter over every attempt the connector ever made.
        const recent = await sql<{ n: number }>`
          select count(*)::int as n from outbound_sms
          where send_connector_id = ${connectorId} and attempted_at > now() - interval '1 second'`.execute(trx);
        // No more than this instance sends at once: the rest stay free for other instances.
        const budget = Math.min(rate - (recent.rows[0]?.n ?? 0), room - rows.length);
        if (budget <= 0) return { rows: [], limited: true };
        const result = await sql<OutboundSmsRow>`
          update outbound_sms set status = 'sending', attempts = attempts + 1, attempted_at = clock_timestamp(),
            lease_until = clock_timestamp() + make_interval(secs => ${this.options.leaseSeconds ?? 60}),
            updated_at = now()
          where id in (
            select id from outbound_sms
            where send_connector_id = ${connectorId} and status = 'queued' and next_attempt_at <= now()
            order by next_attempt_at, id limit ${budget}
            for update skip locked)
          returning *`.execute(trx);
        return { rows: result.rows, limited: result.rows.length === budget };
      });
      rows.push(...claimed.rows);
      if (claimed.limited) rateLimited = true;
    }
    return { rows, rateLimited };
  }

  /**
   * Claims and sends until nothing is due, keeping up to `concurrency` sends in flight: a lane that
   * finishes makes room for the next claim at once, so one slow provider answer does not hold up a
   * whole round. Answers true when a rate limit held due rows back; throws (once every send in
   * flight settled) if claiming or recording failed.
   */
  private async sendWhileDue(): Promise<boolean> {
    const concurrency = this.options.concurrency ?? DEFAULT_CONCURRENCY;
    const connectors = new Map<string, Promise<LoadedSendConnector | undefined>>();
    const connectorOf = (id: string) => {
      let loaded = connectors.get(id);
      if (!loaded) {
        loaded = loadSendDriver(this.options.db, id, {
          secretKey: this.options.secretKey,
          network: this.options.network,
        });
        connectors.set(id, loaded);
      }
      return loaded;
    };
    const inFlight = new Set<Promise<void>>();
    const failures: unknown[] = [];
    let rateLimited = false;
    let lastClaim = -Infinity;
    try {
      while (!this.stopped) {
        // Under steady load a drain never ends: dead instances' claims are looked for within it too.
        if (Date.now() - this.lastTakeOver >= 1000) {
          await this.takeOverExpired();
          this.lastTakeOver = Date.now();
        }
        const free = concurrency - inFlight.size;
        // A claim costs a transaction: while sends are in flight, claims come at most every
        // CLAIM_INTERVAL_MS and take what became due meanwhile together; an idle worker claims at once.
        const sinceClaim = performance.now() - lastClaim;
        const claimNow = free > 0 && (inFlight.size === 0 || sinceClaim >= CLAIM_INTERVAL_MS);
        const claimed = claimNow ? await this.claim(free) : { rows: [], rateLimited: false };
        if (claimNow) lastClaim = performance.now();
        rateLimited = claimed.rateLimited;
        for (const row of claimed.rows) {
          const send = connectorOf(row.send_connector_id)
            .then((connector) => this.sendOne(row, connector))
            .catch((err: unknown) => void failures.push(err))
            .finally(() => inFlight.delete(send));
          inFlight.add(send);
        }
        if (failures.length > 0) break;
        if (inFlight.size === 0) {
          if (claimed.rows.length === 0) break;
          continue;
        }
        // Wait for a lane to finish, a new message, or the next claim's turn, and look again.
        this.again = false;
        const waits: Promise<unknown>[] = [...inFlight, this.woken()];
        if (inFlight.size < concurrency && !claimNow) {
          const turn = Math.max(0, CLAIM_INTERVAL_MS - (performance.now() - lastClaim));
          waits.push(new Promise((resolve) => setTimeout(resolve, turn)));
        }
        await Promise.race(waits);
      }
    } finally {
      await Promise.all(inFlight);
    }
    if (failures.length > 0) throw failures[0];
    return rateLimited;
  }

  /** Resolves at the next kick() while a drain runs: a new message may be due. */
  private woken(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private async sendOne(row: OutboundSmsRow, connector: LoadedSendConnector | undefined): Promise<void> {
    // The connector was deleted meanwhile: its rows went with it (on delete cascade).
    if (!connector) return;
    const callback = statusCallbackUrl(
      this.options.baseUrl(),
      connector.driver.driver,
      connector.id,
      this.options.secretKey,
    );
    const result = await connector.driver.send({
      to: row.to,
      from: row.from,
      text: row.text,
      reference: row.id,
      statusCallbackUrl: callback,
    });
    await this.record(row, result);
  }

  /** The outcome of a send, as it is to be recorded (see recordOutcomes). */
  private outcomeOf(row: OutboundSmsRow, result: SendResult): Outcome {
    if (result.kind === 'sent') {
      return {
        id: row.id,
        attempts: row.attempts,
        status: 'sent',
        provider_message_id: result.providerMessageId,
        error: null,
        backoff_ms: 0,
      };
    }
    const giveUp = !result.retryable || row.attempts >= (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const backoff = smsBackoffMs(this.options.retryBaseMs ?? 2000, row.attempts);
    if (!giveUp) this.soonestRetry = Math.min(this.soonestRetry ?? Infinity, Date.now() + backoff);
    this.options.logger.warn(
      {
        outboundSmsId: row.id,
        sendConnectorId: row.send_connector_id,
        attempts: row.attempts,
        giveUp,
        error: result.error,
      },
      giveUp ? 'an SMS could not be sent; giving up' : 'an SMS could not be sent; will retry',
    );
    return {
      id: row.id,
      attempts: row.attempts,
      status: giveUp ? 'failed' : 'queued',
      provider_message_id: null,
      error: result.error,
      backoff_ms: backoff,
    };
  }

  /**
   * Records a send's outcome; resolves once it committed. Outcomes that come in while a record
   * is being written are written together next, in one transaction: under load the sends of a
   * whole round cost one commit instead of one each, and the lanes are not held up by the
   * database (a lane is free again once its outcome is recorded).
   */
  private record(row: OutboundSmsRow, result: SendResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pendingRecords.push({ outcome: this.outcomeOf(row, result), resolve, reject });
      this.startRecording();
    });
  }

  private startRecording(): void {
    if (this.recording) return;
    this.recording = this.recordPending().finally(() => {
      this.recording = undefined;
      // An outcome that came in after the loop saw the list empty, before this ran.
      if (this.pendingRecords.length > 0) this.startRecording();
    });
  }

  private async recordPending(): Promise<void> {
    while (this.pendingRecords.length > 0) {
      const batch = this.pendingRecords.splice(0, RECORD_BATCH);
      try {
        await this.recordOutcomes(batch.map((pending) => pending.outcome));
        for (const pending of batch) pending.resolve();
      } catch (err) {
        for (const pending of batch) pending.reject(err);
      }
    }
  }

  /**
   * Writes outcomes in one transaction, each only if its row still carries this claim's attempt
   * number (a row taken over meanwhile is another instance's now). A reply in a conversation
   * that an agent holds also tells their desk (a `message-status` event, in the same
   * transaction). A retry (back to `queued`) tells nobody: the desk still says queued.
   */
  private async recordOutcomes(outcomes: Outcome[]): Promise<void> {
    const effects = await this.options.db.transaction().execute(async (trx) => {
      const effects = noEffects();
      const ids = outcomes.map((outcome) => outcome.id);
      // Locked in id order, as every batch is, so two batches (or a delivery report) wait rather than deadlock.
      const changed = await sql<{
        id: string;
        status: OutboundStatus;
        error: string | null;
        conversation_id: string | null;
        agent_id: string | null;
      }>`
        with input as (
          select * from json_to_recordset(${JSON.stringify(outcomes)}::json) as t(
            id uuid, attempts int, status text, provider_message_id text, error text, backoff_ms double precision)
        ), ours as (
          -- By primary key (= any): joined to the function's rows, the planner scanned the table instead.
          select o.id from outbound_sms o where o.id = any(${ids}::uuid[]) and o.status = 'sending'
          order by o.id for update of o
        )
        update outbound_sms o set
          status = i.status, error = i.error, lease_until = null, updated_at = now(),
          provider_message_id = case when i.status = 'sent' then i.provider_message_id else o.provider_message_id end,
          sent_at = case when i.status = 'sent' then now() else o.sent_at end,
          status_at = case when i.status = 'queued' then o.status_at else now() end,
          next_attempt_at = case when i.status = 'sent' then o.next_attempt_at
            else now() + make_interval(secs => i.backoff_ms / 1000) end
        from input i
        where o.id = any(${ids}::uuid[]) and o.id in (select id from ours) and i.id = o.id and o.attempts = i.attempts
        returning o.id, o.status, o.error, o.conversation_id, ${holdingAgentOfMessage('o')} as agent_id`.execute(trx);
      const told = changed.rows.filter((row) => row.status !== 'queued' && row.conversation_id !== null);
      await logMessageStatus(
        trx,
        told.map((row) => ({
          agentId: row.agent_id,
          conversationId: row.conversation_id,
          messageId: row.id,
          status: row.status,
          error: row.error,
        })),
        effects,
      );
      return effects;
    });
    this.options.onAcdChange?.(effects);
  }
}
