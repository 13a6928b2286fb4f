import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { DeskStreamEvents } from '../../contract/desk';
import type { HeldMessage } from '../sms-receiver/sms-store';
import { noEffects, type AcdEffects } from './acd-effects';
import { changeAgentStatus, type StatusChange } from './agent-status';
import { actOnMediaEvent, type CompleteOptions, type DeskAction } from './desk-actions';
import { appendDeskEvents, pruneDeskEvents, type DeskEventBus, type DeskNotifier } from './desk-events';
import { dispatchGroups, type DispatchOptions } from './dispatch-groups';
import { expireOffers } from './expire-offers';
import { expireWaitingEvents } from './expire-waiting';
import { closeQuietHeldConversations } from '../conversations/email-held-conversation';
import { transferMediaEvent, type TransferOutcome, type TransferRequest } from './transfer-media-event';

export interface AcdDistributorOptions {
  db: Kysely<Database>;
  logger: Logger;
  bus: DeskEventBus;
  /** Wakes the desk streams of other instances (none on the embedded database). */
  notifier?: DeskNotifier;
  dispatch: DispatchOptions;
  /** Called after e-mail rows were committed to the outbox. */
  onMail?: () => void;
  /** Dispatch transactions at once (each on its own connection, for up to maxGroupsPerDispatch groups). */
  maxConcurrentDispatches?: number;
  maxGroupsPerDispatch?: number;
  /** How often deadlines are checked and every group with queued events is looked at. */
  sweepMs?: number;
  deskRetentionHours?: number;
  /** How often conversations held by e-mail are looked at for a quiet reopen window (default a minute). */
  heldByEmailSweepMs?: number;
}

/**
 * Brings queued media events to agents. A group is dispatched the moment something changes it
 * (an event queued, an agent available, a slot freed, an offer returned); a sweep every second
 * expires offers and catches what another instance changed. All decisions are made in the
 * database under row locks, so any number of instances may run this at once.
 */
export class AcdDistributor {
  private readonly dirty = new Set<string>();
  /** Groups being dispatched, and the dispatch each one is in. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly dispatches = new Set<Promise<void>>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = true;
  private lastPrune = 0;
  private lastHeldByEmailSweep = 0;
  private readonly maxConcurrent: number;
  private readonly maxGroups: number;

  constructor(private readonly options: AcdDistributorOptions) {
    this.maxConcurrent = options.maxConcurrentDispatches ?? 4;
    this.maxGroups = options.maxGroupsPerDispatch ?? 50;
  }

  start(): void {
    this.stopped = false;
    const every = this.options.sweepMs ?? 1000;
    const loop = () => {
      this.sweeping = this.sweep().finally(() => {
        this.sweeping = undefined;
        if (!this.stopped) this.sweepTimer = setTimeout(loop, every);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    this.dirty.clear();
    await this.sweeping;
    await Promise.all(this.dispatches);
  }

  /** Something changed in these groups: dispatch them (soon, and once however often asked). */
  groupsChanged(groupIds: Iterable<string>): void {
    for (const id of groupIds) this.dirty.add(id);
    this.pump();
  }

  async setStatus(change: StatusChange) {
    const result = await this.options.db.transaction().execute((trx) => changeAgentStatus(trx, change));
    if (result) this.afterCommit(result.effects);
    return result?.state;
  }

  async act(
    agentId: string,
    mediaEventId: string,
    action: DeskAction,
    options: CompleteOptions = {},
  ): Promise<boolean> {
    const result = await actOnMediaEvent(this.options.db, agentId, mediaEventId, action, options);
    this.afterCommit(result.effects);
    return result.done;
  }

  /** Hands a held media event on to a group or agent (see `transferMediaEvent`), then dispatches. */
  async transfer(request: TransferRequest): Promise<TransferOutcome> {
    const result = await this.options.db.transaction().execute((trx) => transferMediaEvent(trx, request));
    this.afterCommit(result.effects);
    return result;
  }

  /**
   * Puts SMS that arrived in held conversations on their agents' desks: logged (so a stream of
   * any instance, or one resuming, gets them) after the SMS committed, in a transaction of its
   * own that locks only the agents' rows, as every desk log write does. A crash between the two
   * loses the live notice, not the message: the thread shows it.
   */
  async deliverHeldMessages(messages: HeldMessage[]): Promise<void> {
    try {
      const effects = noEffects();
      await this.options.db.transaction().execute((trx) =>
        appendDeskEvents(
          trx,
          messages.map((m) => ({
            agentId: m.agentId,
            kind: 'message',
            payload: {
              conversationId: m.conversationId,
              smsId: m.smsId,
              sender: m.sender,
              message: m.message,
              receivedAt: m.receivedAt.toISOString(),
            } satisfies DeskStreamEvents['message'],
          })),
          effects,
        ),
      );
      this.afterCommit(effects);
    } catch (err) {
      this.options.logger.error(
        { err, smsIds: messages.map((m) => m.smsId) },
        'putting new messages on their agents’ desks failed',
      );
    }
  }

  /** Resolves when no dispatch is queued or running (for tests and benchmarks). */
  async settled(): Promise<void> {
    while (this.dirty.size > 0 || this.running.size > 0) {
      await Promise.race([...this.dispatches, new Promise((resolve) => setTimeout(resolve, 5))]);
    }
  }

  afterCommit(effects: AcdEffects): void {
    if (effects.desks.size > 0) {
      this.options.bus.publish(effects.desks, effects.logged);
      this.options.notifier?.notify(effects.desks);
    }
    if (effects.mail) this.options.onMail?.();
    if (effects.groups.size > 0) this.groupsChanged(effects.groups);
  }

  /**
   * Starts dispatches while there is room: each takes the changed groups not already being
   * dispatched, so a burst over many groups costs one transaction instead of one per group.
   */
  private pump(): void {
    while (!this.stopped && this.dispatches.size < this.maxConcurrent) {
      const batch: string[] = [];
      for (const groupId of this.dirty) {
        if (batch.length >= this.maxGroups) break;
        if (!this.running.has(groupId)) batch.push(groupId);
      }
      if (batch.length === 0) return;
      for (const groupId of batch) this.dirty.delete(groupId);
      const run = this.dispatch(batch).finally(() => {
        this.dispatches.delete(run);
        for (const groupId of batch) this.running.delete(groupId);
        this.pump();
      });
      this.dispatches.add(run);
      for (const groupId of batch) this.running.set(groupId, run);
    }
  }

  private async dispatch(groupIds: string[]): Promise<void> {
    try {
      const result = await this.options.db
        .transaction()
        .execute((trx) => dispatchGroups(trx, groupIds, this.options.dispatch));
      this.afterCommit(result.effects);
      for (const groupId of result.saturated) this.dirty.add(groupId);
    } catch (err) {
      // The sweep looks at the groups again within a second.
      this.options.logger.error({ err, acdGroupIds: groupIds }, 'dispatching ACD groups failed');
    }
  }

  private async sweep(): Promise<void> {
    try {
      this.afterCommit(await expireOffers(this.options.db));
      await expireWaitingEvents(this.options.db);
      this.groupsChanged(await groupsWithWork(this.options.db));
      // Windows are hours long: once a minute is soon enough, and keeps the scan off the second's sweep.
      if (Date.now() - this.lastHeldByEmailSweep >= (this.options.heldByEmailSweepMs ?? 60_000)) {
        this.lastHeldByEmailSweep = Date.now();
        await closeQuietHeldConversations(this.options.db);
      }
      if (Date.now() - this.lastPrune > 60 * 60_000) {
        this.lastPrune = Date.now();
        await pruneDeskEvents(this.options.db, this.options.deskRetentionHours ?? 24);
      }
    } catch (err) {
      if (!this.stopped) this.options.logger.error({ err }, 'the ACD sweep failed');
    }
  }
}

/**
 * Groups with a queued event and an available member: work another instance may have left.
 * Starts from the few groups with someone available and probes each one's queue index once, so a
 * long queue in unstaffed groups costs nothing here.
 */
async function groupsWithWork(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ acd_group_id: string }>`
    select g.acd_group_id from (
      select distinct m.acd_group_id from acd_group_member m
      join agent_state a on a.agent_id = m.agent_id
      where a.status = 'available') g
    where exists (select 1 from media_event e where e.acd_group_id = g.acd_group_id and e.state = 'queued')`.execute(
    db,
  );
  return rows.rows.map((row) => row.acd_group_id);
}
