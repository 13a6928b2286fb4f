import { sql, type Kysely } from 'kysely';
import type {
  EmailMessage,
  SmsMessage,
  SmsSendResult,
  WorkflowRunResult,
  WorkflowServices,
  WorkflowSms,
} from '../../workflows';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { Logger } from '../logging/logger';
import type { ClaimedWake, NewInboundSms } from '../sms-receiver/sms-store';
import { readAcdGroupStatus } from './acd-group-status';
import { fallbackSubject, type FinishedExecution, type createExecutionWriter } from './execution-writer';
import type { ApplicationConfig, RoutingCache } from './routing-cache';
import { safeHttpRequest, type Network } from './safe-http-client';
import {
  claimWakes,
  persistFirstWait,
  persistNextWait,
  readClaimedWakes,
  releaseAllWaitClaims,
  wakeMissedReplies,
  type ClaimedWait,
} from './waiting-run-store';

/** An SMS waiting for its routing application. */
export interface RoutableSms {
  id: string;
  clientId: string;
  routingApplicationId: string | null;
  connectorId: string | null;
  sender: string;
  receiver: string;
  message: string;
  keyword: string | null;
  receivedAt: Date;
}

export interface RoutingEngineDeps {
  db: Kysely<Database>;
  cache: RoutingCache;
  writer: ReturnType<typeof createExecutionWriter>;
  logger: Logger;
  leaseSeconds: number;
  /** Wall-clock budget of one run (default: the runner's); a run over it fails to the fallback group. */
  runBudgetMs?: number;
  /** After this many attempts an SMS whose run keeps breaking is written off as failed. */
  maxAttempts?: number;
  recoveryIntervalMs?: number;
  /** Stores a `send_email` node's message for the mail service (see server/mail). */
  sendEmail?: (origin: { clientId: string; smsId: string; nodeId: string }, message: EmailMessage) => Promise<void>;
  /**
   * Stores a `send_sms` node's message in the SMS outbox at most once per SMS and node (see
   * server/sms-sender/enqueue-workflow-sms.ts), or says why the send path refuses it.
   */
  sendSms?: (
    origin: { clientId: string; smsId: string; nodeId: string },
    message: SmsMessage,
  ) => Promise<SmsSendResult>;
  /** Whether agents who take SMS by e-mail count as available (only with a mail server). */
  emailAgents: boolean;
  /** Where HTTP request nodes resolve and connect: this machine's network unless a test stands in. */
  httpNetwork?: Network;
  /** How often every instance looks for waiting runs that a reply woke or whose timeout passed (default 1 s). */
  waitSweepIntervalMs?: number;
}

/** Waits one claim of the wake sweep takes (of the woken ones, and again of the due ones). */
const WAKE_CLAIM_SIZE = 100;
/**
 * Claims of one sweep whose runs are being resumed at once: the next claim is made while the
 * runs of the last ones go on, so the result writes of several overlap (and batch together).
 */
const WAKE_ROUNDS_IN_FLIGHT = 4;

/**
 * Runs every SMS of a Routing Application connector through the version it is pinned to when
 * the run starts. Fresh SMS run from memory right after their commit; SMS whose lease expired
 * (their instance died before writing a result) are found by a recovery sweep.
 */
export class RoutingEngine {
  private timer: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private sweeping: Promise<void> | undefined;
  private waitTimer: NodeJS.Timeout | undefined;
  private waking: Promise<void> | undefined;
  private wakeAgain = false;
  /** The next sweep first looks for replies that waits stored a moment ago missed. */
  private lookForMissedReplies = false;

  constructor(private readonly deps: RoutingEngineDeps) {}

  /** Takes SMS that were just committed (and leased to this instance). */
  submit(sms: NewInboundSms[]): void {
    for (const item of sms) {
      this.track(
        this.route({
          id: item.id,
          clientId: item.clientId,
          routingApplicationId: item.routingApplicationId,
          connectorId: item.connectorId,
          sender: item.senderNormalized,
          receiver: item.receiverNormalized,
          message: item.message,
          keyword: item.keyword,
          receivedAt: item.receivedAt,
        }),
      );
    }
  }

  /** Starts the recovery sweep; `releaseAllLeases` when no other instance can hold one (PGlite). */
  async start(options: { releaseAllLeases: boolean }): Promise<void> {
    if (options.releaseAllLeases) {
      await this.deps.db
        .updateTable('inbound_sms')
        .set({ routing_lease_until: null })
        .where('status', '=', 'received')
        .execute();
      await releaseAllWaitClaims(this.deps.db);
    }
    // Not awaited: the runs it recovers may each wait on an HTTP request node up to the run budget,
    // and the server must listen and take new SMS meanwhile.
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.deps.recoveryIntervalMs ?? 5000);
    this.timer.unref();
    void this.sweepWaits({ missedReplies: true });
    this.waitTimer = setInterval(
      () => void this.sweepWaits({ missedReplies: true }),
      this.deps.waitSweepIntervalMs ?? 1000,
    );
    this.waitTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.waitTimer) clearInterval(this.waitTimer);
    await this.sweeping;
    await this.waking;
    await Promise.all([...this.running]);
    await this.deps.writer.drain();
  }

  /**
   * Resumes runs that this instance's intake statement woke and claimed (see SmsStore's
   * `onWoken`): no claim query, no sweep. Those that cannot be read any more (their claim was
   * lost) are left to whoever holds them.
   */
  resumeClaimed(claimed: ClaimedWake[]): void {
    const byToken = new Map<string, string[]>();
    for (const { claimToken, executionId } of claimed) {
      byToken.set(claimToken, [...(byToken.get(claimToken) ?? []), executionId]);
    }
    for (const [token, executionIds] of byToken) {
      this.track(
        readClaimedWakes(this.deps.db, token, executionIds)
          .then((claims) => Promise.all(claims.map((claim) => this.resumeWait(claim))))
          .then(
            () => undefined,
            (error: unknown) =>
              // Left claimed: once the claim has expired, a sweep resumes them.
              this.deps.logger.error({ err: error }, 'resuming woken runs failed; the sweep will retry them'),
          ),
      );
    }
  }

  /**
   * Claims waiting runs a reply woke or whose timeout passed, and resumes them; called by the
   * timer and at once after a commit that woke one that nobody claimed (a wait stored after its
   * reply, or a resumed run's next wait). A call during a sweep runs another after it, so a wake
   * committed meanwhile is not left for the timer. Up to `WAKE_ROUNDS_IN_FLIGHT` claims' runs go
   * on at once. With `missedReplies` (the timer's sweeps) it first wakes the waits stored a
   * moment ago whose reply came in meanwhile: that look reads every wait stored in its window,
   * so it is made once a timer period, not for every wake.
   */
  sweepWaits(options: { missedReplies?: boolean } = {}): Promise<void> {
    if (options.missedReplies) this.lookForMissedReplies = true;
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = (async () => {
      do {
        this.wakeAgain = false;
        if (this.lookForMissedReplies) {
          this.lookForMissedReplies = false;
          await wakeMissedReplies(this.deps.db);
        }
        const rounds = new Set<Promise<unknown>>();
        try {
          for (;;) {
            while (rounds.size >= WAKE_ROUNDS_IN_FLIGHT) await Promise.race(rounds);
            const claimed = await claimWakes(this.deps.db, this.deps.leaseSeconds, WAKE_CLAIM_SIZE);
            if (claimed.length > 0) {
              // resumeWait catches its own errors: a round always settles fulfilled.
              const round = Promise.all(claimed.map((claim) => this.resumeWait(claim)));
              rounds.add(round);
              void round.finally(() => rounds.delete(round));
            }
            if (claimed.length < WAKE_CLAIM_SIZE) break;
          }
        } finally {
          await Promise.all(rounds);
        }
      } while (this.wakeAgain);
    })()
      .catch((error) => this.deps.logger.error({ err: error }, 'resuming waiting runs failed'))
      .finally(() => (this.waking = undefined));
    return this.waking;
  }

  /** Claims waiting SMS without a live lease and routes them. */
  sweep(): Promise<void> {
    this.sweeping ??= this.claimAndRoute()
      .catch((error) => this.deps.logger.error({ err: error }, 'routing recovery sweep failed'))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async claimAndRoute(): Promise<void> {
    for (;;) {
      const claimed = await sql<{
        id: string;
        client_id: string;
        connector_id: string | null;
        routing_application_id: string | null;
        sender_normalized: string;
        receiver_normalized: string;
        message: string;
        keyword: string | null;
        received_at: Date;
        routing_attempts: number;
      }>`
        update inbound_sms s
        set routing_lease_until = now() + ${sql.lit(`${this.deps.leaseSeconds} seconds`)}::interval,
            routing_attempts = s.routing_attempts + 1
        from (select id from inbound_sms
              where status = 'received' and (routing_lease_until is null or routing_lease_until < now())
                -- A run that waits for a reply is in waiting_run, resumed by its own sweep.
                and not exists (select 1 from workflow_execution e where e.sms_id = inbound_sms.id)
              order by id limit 200 for update skip locked) as w
        where s.id = w.id
        returning s.id, s.client_id, s.connector_id, s.sender_normalized, s.receiver_normalized, s.message,
          s.keyword, s.received_at, s.routing_attempts,
          (select c.routing_application_id from sms_connector c where c.id = s.connector_id) as routing_application_id`.execute(
        this.deps.db,
      );
      if (claimed.rows.length === 0) return;
      const maxAttempts = this.deps.maxAttempts ?? 5;
      this.deps.logger.info({ count: claimed.rows.length }, 'routing SMS whose earlier run did not finish');
      await Promise.all(
        claimed.rows.map((row) => {
          const sms: RoutableSms = {
            id: row.id,
            clientId: row.client_id,
            routingApplicationId: row.routing_application_id,
            connectorId: row.connector_id,
            sender: row.sender_normalized,
            receiver: row.receiver_normalized,
            message: row.message,
            keyword: row.keyword,
            receivedAt: new Date(row.received_at),
          };
          return row.routing_attempts > maxAttempts ? this.writeOff(sms, row.routing_attempts - 1) : this.route(sms);
        }),
      );
      if (claimed.rows.length < 200) return;
    }
  }

  /**
   * Ends an SMS whose runs kept breaking (or whose result could not be written): it goes to the
   * application's fallback group, failed with the reason, or fails without one. Should the
   * write-off itself fail twice, the SMS is marked failed alone (the errors are in the log): the
   * claims count every attempt in `routing_attempts`, so nothing is retried forever, not even
   * across a crash loop.
   */
  private async writeOff(sms: RoutableSms, attempts: number): Promise<void> {
    const reason = `Routing was attempted ${attempts} times without finishing; the server log has the errors`;
    try {
      const application = sms.routingApplicationId
        ? await this.deps.cache.application(sms.routingApplicationId)
        : undefined;
      await this.finish(sms, application, undefined, failed(reason), new Date());
    } catch (error) {
      const again = attempts <= (this.deps.maxAttempts ?? 5);
      this.deps.logger.error(
        { err: error, smsId: sms.id },
        again
          ? 'writing off an SMS failed; the next sweep tries again'
          : 'writing off an SMS failed again; marking it failed',
      );
      if (again) return;
      await this.deps.db
        .updateTable('inbound_sms')
        .set({ status: 'failed', routing_lease_until: null, updated_at: new Date() })
        .where('id', '=', sms.id)
        .where('status', '=', 'received')
        .execute();
    }
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async route(sms: RoutableSms): Promise<void> {
    const startedAt = new Date();
    try {
      const application = sms.routingApplicationId
        ? await this.deps.cache.application(sms.routingApplicationId)
        : undefined;
      if (!application) {
        return await this.finish(
          sms,
          undefined,
          undefined,
          failed('The connector has no routing application any more'),
          startedAt,
        );
      }
      const versionId =
        application.testVersionId && application.testSenders.has(sms.sender)
          ? application.testVersionId
          : application.activeVersionId;
      const version = versionId ? await this.deps.cache.version(versionId) : undefined;
      if (!version) {
        return await this.finish(
          sms,
          application,
          undefined,
          failed('The routing application has no active version'),
          startedAt,
        );
      }
      const progress = await version.runner.start(toWorkflowSms(sms), this.servicesFor(application, sms), {
        timeBudgetMs: this.deps.runBudgetMs,
      });
      if (progress.status === 'finished') {
        return await this.finish(sms, application, version.versionId, progress, startedAt);
      }
      const stored = await persistFirstWait(this.deps.db, {
        executionId: uuid7(),
        smsId: sms.id,
        clientId: sms.clientId,
        routingApplicationId: application.id,
        versionId: version.versionId,
        startedAt,
        run: progress,
      });
      // Not awaited: the sweep resumes it (a call during a sweep makes it sweep again).
      if (stored === 'woken') void this.sweepWaits();
      if (stored === 'no_conversation') {
        await this.finish(
          sms,
          application,
          version.versionId,
          {
            outcome: { kind: 'failed', reason: 'The SMS has no conversation to wait for a reply in' },
            trace: progress.trace,
          },
          startedAt,
        );
      }
    } catch (error) {
      // Left leased: the recovery sweep runs it again once the lease has expired.
      this.deps.logger.error({ err: error, smsId: sms.id }, 'routing an SMS failed; it will be retried');
    }
  }

  /**
   * Goes on with a waiting run this instance claimed: to its end (written like any run, which
   * ends the wait), or to its next wait. A resume that throws is left claimed, and the claim's
   * expiry lets a sweep try again; after `maxAttempts` the run is written off as failed, so a
   * woken run always ends visibly.
   */
  private async resumeWait(claim: ClaimedWait): Promise<void> {
    const sms: RoutableSms = { ...claim.sms, routingApplicationId: claim.routingApplicationId };
    const startedAt = new Date();
    const ended = claim.wake.kind === 'reply' ? 'resumed' : 'timed_out';
    try {
      const application = claim.routingApplicationId
        ? await this.deps.cache.application(claim.routingApplicationId)
        : undefined;
      const maxAttempts = this.deps.maxAttempts ?? 5;
      if (claim.attempts > maxAttempts) {
        const reason = `Resuming the waiting run was attempted ${claim.attempts - 1} times without finishing; the server log has the errors`;
        return await this.finishResumed(sms, application, claim.versionId, failed(reason), startedAt, 'failed');
      }
      const version = claim.versionId ? await this.deps.cache.version(claim.versionId) : undefined;
      if (!application || !version) {
        const reason = !application
          ? 'The waiting run’s routing application was deleted'
          : 'The waiting run’s version was deleted';
        return await this.finishResumed(sms, application, null, failed(reason), startedAt, 'failed');
      }
      const progress = await version.runner.resume(claim.state, claim.wake, this.servicesFor(application, sms), {
        timeBudgetMs: this.deps.runBudgetMs,
      });
      if (progress.status === 'finished') {
        return await this.finishResumed(sms, application, version.versionId, progress, startedAt, ended);
      }
      // Inside a sweep: this only makes it sweep once more, which resumes the run with its reply.
      if ((await persistNextWait(this.deps.db, claim, progress)) === 'woken') void this.sweepWaits();
    } catch (error) {
      this.deps.logger.error(
        { err: error, executionId: claim.executionId },
        'resuming a waiting run failed; it will be retried',
      );
    }
  }

  private async finishResumed(
    sms: RoutableSms,
    application: ApplicationConfig | undefined,
    versionId: string | null,
    result: WorkflowRunResult,
    startedAt: Date,
    state: 'resumed' | 'timed_out' | 'failed',
  ): Promise<void> {
    const execution = toExecution(sms, application, versionId ?? undefined, result, startedAt);
    const { written } = await this.deps.writer.submit({ ...execution, resumed: { state } });
    // The SMS was written otherwise meanwhile: the wait still ends, instead of being claimed again and again.
    if (!written) {
      await this.deps.db
        .updateTable('waiting_run')
        .set({ state: 'failed', claimed_until: null, updated_at: new Date() })
        .where('sms_id', '=', sms.id)
        .where('state', '=', 'waiting')
        .execute();
    }
  }

  private servicesFor(application: ApplicationConfig, sms: RoutableSms): WorkflowServices {
    const sendEmail = this.deps.sendEmail;
    const sendSms = this.deps.sendSms;
    return {
      sms: {
        send: async (message, { nodeId }) => {
          if (!sendSms)
            return { sent: false, reason: 'smsUnavailable', message: 'SMS cannot be sent from this server' };
          return withTimeout(
            sendSms({ clientId: sms.clientId, smsId: sms.id, nodeId }, message),
            5000,
            'Storing the SMS',
          );
        },
      },
      email: {
        send: async (message, { nodeId }) => {
          if (!sendEmail) throw new Error('E-mail is not available on this server');
          await withTimeout(
            sendEmail({ clientId: sms.clientId, smsId: sms.id, nodeId }, message),
            5000,
            'Storing the e-mail',
          );
        },
      },
      http: (request) =>
        safeHttpRequest(request, { allowedHosts: application.allowedHosts, network: this.deps.httpNetwork }),
      acd: {
        groupStatus: (acdGroupId) =>
          withTimeout(
            readAcdGroupStatus(this.deps.db, acdGroupId, { emailAgents: this.deps.emailAgents }),
            5000,
            'Reading the ACD group status',
          ),
      },
      random: Math.random,
    };
  }

  private async finish(
    sms: RoutableSms,
    application: ApplicationConfig | undefined,
    versionId: string | undefined,
    result: WorkflowRunResult,
    startedAt: Date,
  ): Promise<void> {
    await this.deps.writer.submit(toExecution(sms, application, versionId, result, startedAt));
  }
}

/** A run must never hang on a service: a late answer becomes an error the node can route on. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function failed(reason: string): WorkflowRunResult {
  return { outcome: { kind: 'failed', reason }, trace: [] };
}

function toWorkflowSms(sms: RoutableSms): WorkflowSms {
  return {
    sender: sms.sender,
    receiver: sms.receiver,
    text: sms.message,
    keyword: sms.keyword,
    connectorId: sms.connectorId,
    receivedAt: sms.receivedAt.toISOString(),
  };
}

/** The outcome of a run as the rows it leads to; a failed run goes to the fallback group. */
export function toExecution(
  sms: RoutableSms,
  application: ApplicationConfig | undefined,
  versionId: string | undefined,
  { outcome, trace }: WorkflowRunResult,
  startedAt: Date,
): FinishedExecution {
  const fallback = application?.fallbackAcdGroupId ?? null;
  const base = {
    id: uuid7(),
    smsId: sms.id,
    clientId: sms.clientId,
    sender: sms.sender,
    fallbackAcdGroupId: fallback,
    routingApplicationId: application?.id ?? null,
    versionId: versionId ?? null,
    outcome,
    trace,
    startedAt,
    finishedAt: new Date(),
  };
  const event = (acdGroupId: string, subject: string, priority: number) => ({
    id: uuid7(),
    acdGroupId,
    subject,
    priority,
  });
  switch (outcome.kind) {
    case 'routed':
      return {
        ...base,
        status: 'completed',
        smsStatus: 'routed',
        mediaEvent: event(outcome.acdGroupId, outcome.subject, outcome.priority),
      };
    case 'dropped':
      return { ...base, status: 'completed', smsStatus: 'dropped', mediaEvent: null };
    case 'failed':
      return fallback
        ? {
            ...base,
            status: 'failed',
            smsStatus: 'routed',
            mediaEvent: event(fallback, fallbackSubject(sms.sender, outcome.reason), 0),
          }
        : { ...base, status: 'failed', smsStatus: 'failed', mediaEvent: null };
  }
}
