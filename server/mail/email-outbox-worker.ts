import {
  holdConversationOfDeliveredEvent,
  mailMessagesThatCameMeanwhile,
} from '../conversations/email-held-conversation';
import { sql, type Kysely, type Selectable } from 'kysely';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { groupsOf, lockAgent, returnOffersToQueue } from '../acd/agent-status';
import type { Database, EmailOutboxTable } from '../db/schema';
import type { Logger } from '../logging/logger';
import type { HeldMessageEmail } from './held-message-email';
import { MailDeliveryError, type Mailer } from './smtp-mailer';

export interface EmailOutboxWorkerOptions {
  db: Kysely<Database>;
  logger: Logger;
  /** Without a mailer (no SMTP_URL) nothing is sent: mail waits in the outbox. */
  mailer: Mailer | undefined;
  /**
   * The mail of each SMS into a conversation held by e-mail: those that came while its offer mail
   * was on its way are mailed once it is sent (none: they are not).
   */
  heldMessageEmail?: HeldMessageEmail;
  /** Media events delivered or given back to the queue: their groups and agents changed. */
  onAcdChange?: (effects: AcdEffects) => void;
  pollMs?: number;
  /** How long a claimed row belongs to this instance before another may send it. */
  claimSeconds?: number;
  concurrency?: number;
  maxAttempts?: number;
  /** The wait after the first failed attempt; it doubles with each further one, up to 5 minutes. */
  retryBaseMs?: number;
}

/** A claimed mail: its row's columns the sending needs. */
type OutboxRow = Pick<
  Selectable<EmailOutboxTable>,
  'id' | 'media_event_id' | 'offer_id' | 'message_id' | 'to_address' | 'subject' | 'text_body' | 'attempts'
> & {
  /** False when the offer this e-mail belongs to was closed before it was sent. */
  offer_open: boolean;
};

/** What a sent or abandoned mail's body becomes when it held a one-time link. */
const ERASED_BODY = sql`case when erase_body_when_done then '(erased: it held a one-time link)' else text_body end`;

/** The wait before the next attempt after `failedAttempts` failures: 1×, 2×, 4× … the base, at most 5 minutes. */
export const backoffMs = (baseMs: number, failedAttempts: number) =>
  Math.min(baseMs * 2 ** (failedAttempts - 1), 5 * 60_000);

/**
 * Sends what the outbox holds. Rows are claimed with SKIP LOCKED and a time-limited claim, so
 * instances never send one row at once and a crashed instance's rows are sent by another later;
 * a row is marked sent (and its media event delivered) only after the SMTP server accepted it.
 */
export class EmailOutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly options: EmailOutboxWorkerOptions) {}

  start(): void {
    this.stopped = false;
    if (!this.options.mailer) {
      this.options.logger.warn(
        'E-mail is not configured (set SMTP_URL): agents who take their SMS by e-mail are not offered any, and e-mail of workflows waits in the outbox',
      );
      return;
    }
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.options.mailer?.close();
  }

  /** Something was written to the outbox: look now rather than at the next poll. */
  kick(): void {
    if (this.stopped || !this.options.mailer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.options.pollMs ?? 1000);
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.claim();
        if (batch.length === 0) return;
        // Settled together, so that a failing one (the database went away) leaves no send running
        // past this drain: stop() waits for the drain, then closes the mailer.
        const results = await Promise.allSettled(batch.map((row) => this.sendOne(row)));
        const failed = results.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
        if (this.stopped) return;
      }
    } catch (err) {
      this.options.logger.error({ err }, 'sending e-mail from the outbox failed; trying again shortly');
    }
  }

  private async claim(): Promise<OutboxRow[]> {
    const result = await sql<OutboxRow>`
      update email_outbox set claimed_until = now() + make_interval(secs => ${this.options.claimSeconds ?? 120})
      where id in (
        select id from email_outbox
        where sent_at is null and failed_at is null and next_attempt_at <= now()
          and (claimed_until is null or claimed_until < now())
        order by next_attempt_at limit ${this.options.concurrency ?? 4}
        for update skip locked)
      returning id, media_event_id, offer_id, message_id, to_address, subject, text_body, attempts,
        offer_id is null or exists (select 1 from media_event_offer o where o.id = offer_id and o.outcome is null)
          as offer_open`.execute(this.options.db);
    return result.rows;
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    if (!row.offer_open) {
      // The agent was removed meanwhile and the event went back to the queue: the e-mail would
      // reach someone who no longer handles it.
      await sql`update email_outbox set failed_at = now(), claimed_until = null,
          last_error = 'Not sent: the offer was withdrawn before the e-mail went out'
        where id = ${row.id}`.execute(this.options.db);
      return;
    }
    try {
      await this.options.mailer!.send({
        messageId: row.message_id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
      });
    } catch (error) {
      const failure = error instanceof MailDeliveryError ? error : new MailDeliveryError(String(error), false);
      await this.recordFailure(row, failure);
      return;
    }
    await this.recordSent(row);
  }

  private async recordSent(row: OutboxRow): Promise<void> {
    const effects = await this.options.db.transaction().execute(async (trx) => {
      const effects = noEffects();
      const agentId = await offerAgent(trx, row.offer_id);
      if (agentId) await lockAgent(trx, agentId);
      await sql`update email_outbox set sent_at = now(), claimed_until = null, attempts = attempts + 1, last_error = null,
          text_body = ${ERASED_BODY}
        where id = ${row.id}`.execute(trx);
      if (!agentId || !row.media_event_id) return effects;
      const delivered = await sql`
        update media_event set state = 'delivered', finished_at = now(), updated_at = now()
        where id = ${row.media_event_id} and agent_id = ${agentId} and state = 'offered'`.execute(trx);
      await sql`update media_event_offer set outcome = 'delivered', ended_at = now()
        where id = ${row.offer_id} and outcome is null`.execute(trx);
      if (Number(delivered.numAffectedRows ?? 0) > 0) {
        // The conversation stays theirs (held by e-mail): the customer's next SMS are mailed to
        // them with no new offer, they answer and close it from the desk, and a sweep closes it
        // after a quiet reopen window (conversations/email-held-conversation.ts).
        await holdConversationOfDeliveredEvent(trx, row.media_event_id, agentId);
        if (this.options.heldMessageEmail) {
          await mailMessagesThatCameMeanwhile(trx, row.media_event_id, agentId, this.options.heldMessageEmail);
        }
        // The agent's slot is free again.
        await sql`update agent_state set idle_since = now() where agent_id = ${agentId}`.execute(trx);
        for (const group of await groupsOf(trx, agentId)) effects.groups.add(group);
      }
      return effects;
    });
    this.options.onAcdChange?.(effects);
  }

  private async recordFailure(row: OutboxRow, failure: MailDeliveryError): Promise<void> {
    const attempts = row.attempts + 1;
    const giveUp = failure.permanent || attempts >= (this.options.maxAttempts ?? 10);
    const backoff = backoffMs(this.options.retryBaseMs ?? 1000, attempts);
    this.options.logger.warn(
      { outboxId: row.id, mediaEventId: row.media_event_id, attempts, giveUp, error: failure.message },
      giveUp ? 'an e-mail could not be delivered; giving up' : 'an e-mail could not be delivered; will retry',
    );
    const effects = await this.options.db.transaction().execute(async (trx) => {
      const effects = noEffects();
      const agentId = giveUp ? await offerAgent(trx, row.offer_id) : undefined;
      if (agentId) await lockAgent(trx, agentId);
      await sql`update email_outbox set attempts = ${attempts}, last_error = ${failure.message}, claimed_until = null,
          next_attempt_at = now() + make_interval(secs => ${backoff / 1000}),
          failed_at = case when ${giveUp} then now() end,
          text_body = case when ${giveUp} then ${ERASED_BODY} else text_body end
        where id = ${row.id}`.execute(trx);
      if (agentId && row.media_event_id) {
        // Another agent may still reach the customer: the event goes back to the queue.
        const returned = await returnOffersToQueue(trx, agentId, sql`e.id = ${row.media_event_id}`, 'failed');
        for (const event of returned) if (event.acd_group_id) effects.groups.add(event.acd_group_id);
      }
      return effects;
    });
    this.options.onAcdChange?.(effects);
  }
}

async function offerAgent(trx: Kysely<Database>, offerId: string | null): Promise<string | undefined> {
  if (!offerId) return undefined;
  const offer = await trx
    .selectFrom('media_event_offer')
    .select('agent_id')
    .where('id', '=', offerId)
    .executeTakeFirst();
  return offer?.agent_id;
}
