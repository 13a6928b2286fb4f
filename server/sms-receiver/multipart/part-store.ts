import type { Kysely } from 'kysely';
import { BatchCommitter } from '../../db/batch-committer';
import type { Database } from '../../db/schema';
import type { Logger } from '../../logging/logger';
import type { ArrivedSms } from '../build-sms';
import type { CachedConnector } from '../connector-cache';
import type { PartOf } from '../providers/provider-adapter';
import { DEFAULT_ROUTING_LEASE_SECONDS, type SmsStoreOptions } from '../sms-store';
import { deleteTombstones, findJoinable, joinMessage } from './join-message';
import { insertParts, messageKeyText, newPart, type MessageKey, type NewPart } from './store-parts';

export interface PartStoreOptions extends Pick<
  SmsStoreOptions,
  'onReceived' | 'onQueued' | 'onHeld' | 'heldMessageEmail' | 'onMail' | 'logger'
> {
  /** The connector a part's message belongs to, as the receiver knows it (ConnectorCache.byId). */
  connectorById: (id: string) => CachedConnector | undefined;
  routingLeaseSeconds?: number;
  maxConcurrentBatches?: number;
  /** How often the sweep looks for messages to join and tombstones to forget. */
  sweepIntervalMs?: number;
  /** The clock the sweep reads; tests move it past a window. */
  now?: () => Date;
}

const DEFAULT_SWEEP_INTERVAL_MS = 5000;
/** Messages one sweep joins at most; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

/**
 * The parts of multipart SMS. Each part is answered once its row has committed (concurrent parts
 * share a transaction, see BatchCommitter); then its message is joined in the background if all
 * its parts are there. A sweep joins what that missed (a crash between a part's commit and the
 * join, a failed join) and messages whose window is over, and forgets tombstones after a day.
 * Joined SMS go to the same callbacks as the SmsStore's.
 */
export class PartStore {
  private readonly committer: BatchCommitter<NewPart, { duplicate: boolean }>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: PartStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.committer = new BatchCommitter({
      what: 'storing SMS parts',
      commit: (batch) =>
        insertParts(db, batch).catch((error: unknown) => {
          throw new PartStoreError(`storing ${batch.length} SMS parts failed`, error);
        }),
      afterCommit: (batch, results) => {
        const keys = new Map<string, MessageKey>();
        for (const part of batch) if (!results.get(part)!.duplicate) keys.set(messageKeyText(part), part);
        for (const key of keys.values()) this.track(this.join(key, this.now()));
      },
      ...(options.maxConcurrentBatches ? { maxConcurrentBatches: options.maxConcurrentBatches } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** Stores one part; resolves once it has committed, `duplicate` when it repeated a part stored already. */
  store(connector: CachedConnector, arrived: ArrivedSms, part: PartOf): Promise<{ duplicate: boolean }> {
    return this.committer.submit(newPart(connector, arrived, part));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleSweep();
  }

  /** Stops the sweep and waits for the parts and joins in flight. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.committer.drain();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /**
   * Joins the messages that are complete or whose window is over at `at`, and forgets tombstones.
   * Throws when the database fails; the sweep loop logs that and tries again next time.
   */
  async sweep(at: Date = this.now()): Promise<void> {
    const keys = await findJoinable(this.db, at, SWEEP_LIMIT);
    for (const key of keys) await this.join(key, at);
    await deleteTombstones(this.db, at);
  }

  private scheduleSweep(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      const sweeping = this.sweep()
        .catch((error: unknown) =>
          this.options.logger?.error({ err: new PartStoreError('sweeping SMS parts failed', error) }, 'sweep failed'),
        )
        .finally(() => this.scheduleSweep());
      this.track(sweeping);
    }, this.options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Joins one message if it is ready; a failure is logged and left to the sweep. */
  private async join(key: MessageKey, at: Date): Promise<void> {
    try {
      const joined = await joinMessage(this.db, key, {
        connectorById: this.options.connectorById,
        routingLeaseSeconds: this.options.routingLeaseSeconds ?? DEFAULT_ROUTING_LEASE_SECONDS,
        heldMessageEmail: this.options.heldMessageEmail,
        at,
      });
      if (!joined) return;
      const { sms, startsWork, heldBy, conversationId, mailed, queuedIn } = joined;
      if (mailed) this.options.onMail?.();
      if (startsWork && sms.status === 'received') this.options.onReceived?.([sms]);
      if (queuedIn) this.options.onQueued?.(new Set([queuedIn]));
      if (heldBy) {
        this.options.onHeld?.([
          {
            agentId: heldBy,
            conversationId,
            smsId: sms.id,
            message: sms.message,
            sender: sms.sender,
            receivedAt: sms.receivedAt,
          },
        ]);
      }
    } catch (error) {
      const err = new PartStoreError('joining SMS parts failed', error);
      this.options.logger?.error({ err }, 'join failed; the sweep tries again');
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

/** Logged in place of the database's error, which may quote the parts' text or the sender: the error code only. */
export class PartStoreError extends Error {
  readonly code: string | undefined;

  constructor(what: string, cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const known = typeof code === 'string' ? code : undefined;
    super(`${what} (${known ? `PostgreSQL error ${known}` : cause instanceof Error ? cause.name : 'unknown error'})`);
    this.name = 'PartStoreError';
    this.code = known;
  }
}
