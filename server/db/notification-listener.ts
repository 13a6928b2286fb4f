import pg from 'pg';
import type { Logger } from '../logging/logger';
import { quoteIdent } from './quote-ident';

export interface ChannelHandlers {
  onNotify(payload: string): void;
  /**
   * Runs each time the channel is listened to again after the connection was lost: whatever was
   * notified meanwhile is gone, so the caller catches up here (reloads, re-reads). Until it has
   * succeeded the listener counts as not live, and a failure makes it try again.
   */
  onResubscribed(): Promise<void> | void;
}

export interface BackoffOptions {
  /** The wait before the first reconnect; it doubles with each failure, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000 };

/**
 * One dedicated connection that LISTENs on every channel asked for. When it is lost (the
 * database restarted, the network broke) it reconnects with backoff, listens again and lets each
 * channel catch up; `live` is false from the loss until all of that has succeeded.
 */
export class NotificationListener {
  private readonly channels = new Map<string, ChannelHandlers>();
  private client: pg.Client | undefined;
  /** Connected, listening on every channel, and caught up. */
  private isLive = false;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private firstOpen: Promise<void> | undefined;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly logger?: Logger,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  get live(): boolean {
    return this.isLive;
  }

  /** Listens on `channel`; the first call connects, and fails when the database cannot be reached. */
  async listen(channel: string, handlers: ChannelHandlers): Promise<void> {
    if (this.channels.has(channel)) throw new Error(`Already listening on ${channel}`);
    this.channels.set(channel, handlers);
    // The first connection: a failure is the caller's (Switchboard does not start without it).
    this.firstOpen ??= this.open(false).catch((err: unknown) => {
      this.firstOpen = undefined;
      throw err;
    });
    try {
      await this.firstOpen;
    } catch (err) {
      this.channels.delete(channel);
      throw err;
    }
    // LISTEN again is harmless if the opening did already; while reconnecting, the channel is
    // listened to once the connection is back.
    if (this.client && this.isLive) await this.client.query(`listen ${quoteIdent(channel)}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.isLive = false;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  /** Connects, listens on every channel and (after a loss) lets each catch up. */
  private async open(afterLoss: boolean): Promise<void> {
    const client = new pg.Client({ ...this.clientConfig, keepAlive: true });
    this.client = client;
    // A dead connection emits 'error' and then 'end'; either one starts a reconnect (once).
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, undefined));
    client.on('notification', (message) => {
      if (this.client !== client) return;
      this.channels.get(message.channel)?.onNotify(message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`listen ${quoteIdent(channel)}`);
      if (afterLoss) for (const handlers of this.channels.values()) await handlers.onResubscribed();
    } catch (err) {
      if (!afterLoss) {
        this.client = undefined;
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        this.failures = 0;
        await client.end().catch(() => {});
        throw err;
      }
      this.lost(client, err);
      return;
    }
    if (this.client !== client || this.closed) return; // lost while catching up: already retrying
    this.isLive = true;
    if (afterLoss) this.logger?.info({ afterFailures: this.failures }, 'listening for database notifications again');
    this.failures = 0;
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.isLive = false;
    client.removeAllListeners('notification');
    void client.end().catch(() => {});
    const delay = this.nextDelay();
    const log = this.failures === 1 ? this.logger?.warn.bind(this.logger) : this.logger?.debug.bind(this.logger);
    log?.({ err, retryInMs: delay }, 'lost the database connection that listens for notifications; reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) void this.open(true);
    }, delay);
  }

  /** Exponential backoff with jitter, so that many instances do not reconnect in step. */
  private nextDelay(): number {
    this.failures++;
    const base = Math.min(this.backoff.initialMs * 2 ** (this.failures - 1), this.backoff.maxMs);
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }
}
