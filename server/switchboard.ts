import { sealStoredProviderSecrets } from './connectors/provider-secret';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { bootstrapSystemAdmin, type BootstrapResult } from './bootstrap-admin';
import type { Config } from './config';
import { CONFIG_CHANGED_CHANNEL, configChangeReporter } from './config-changes';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type DatabaseHandle } from './db/open-database';
import { sql } from 'kysely';
import type { Logger } from './logging/logger';
import { createExecutionWriter } from './routing/execution-writer';
import { RoutingCache } from './routing/routing-cache';
import { RoutingEngine } from './routing/routing-engine';
import type { Network } from './routing/safe-http-client';
import { ConnectorCache } from './sms-receiver/connector-cache';
import { SmsStore } from './sms-receiver/sms-store';
import { OptOutSettingsCache } from './opt-outs/opt-out-settings';
import { PartStore } from './sms-receiver/multipart/part-store';
import { DeliveryLogWriter } from './delivery-log/delivery-log-writer';
import { AcdDistributor } from './acd/acd-distributor';
import { DESK_CHANNEL, DeskEventBus, DeskNotifier, notifiedAgents } from './acd/desk-events';
import { composeMediaEventEmail } from './mail/compose-media-event-email';
import { conversationLink } from './mail/held-message-email';
import { EmailOutboxWorker } from './mail/email-outbox-worker';
import { enqueueWorkflowEmail } from './mail/enqueue-workflow-email';
import { createSmtpMailer } from './mail/smtp-mailer';
import { closableHttpServer } from './http/close-http-server';
import { OUTBOUND_SMS_CHANNEL } from './sms-sender/enqueue-sms';
import { CoalescedNotify } from './db/coalesced-notify';
import { enqueueWorkflowSms } from './sms-sender/enqueue-workflow-sms';
import { SmsOutboxWorker } from './sms-sender/outbox-worker';

/** How long requests in flight at shutdown may take before their connections are cut. */
const REQUEST_GRACE_MS = 4000;

export interface RunningSwitchboard {
  /** Where users reach it: SWITCHBOARD_PUBLIC_URL, or the address it listens on. */
  url: string;
  /** The address it listens on. */
  localUrl: string;
  database: DatabaseHandle;
  bootstrap: BootstrapResult | undefined;
  engine: RoutingEngine;
  acd: AcdDistributor;
  outbox: EmailOutboxWorker;
  /** Sends the SMS outbox (server/sms-sender/outbox-worker.ts). */
  smsOutbox: SmsOutboxWorker;
  partStore: PartStore;
  /** Every route the app serves (method and path pattern), for tools and tests. */
  routes: Array<{ method: string; path: string }>;
  /**
   * Shuts down gently: new requests are refused (503) and event streams end, requests in flight
   * finish (cut after a grace period), then what they left in flight is written (SMS batches,
   * workflow executions, dispatches, e-mail) and the database is closed.
   */
  close(): Promise<void>;
  /** What `close()` is still waiting for, for the log of a shutdown that overran its deadline. */
  stillOpen(): string[];
}

export interface SwitchboardOptions {
  /** Where workflows' HTTP requests resolve and connect; tests stand in for the machine's network. */
  httpNetwork?: Network;
}

/** Opens the database, migrates, and serves Switchboard until `close()`. */
export async function startSwitchboard(
  config: Config,
  logger: Logger,
  options: SwitchboardOptions = {},
): Promise<RunningSwitchboard> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    schema: config.databaseSchema,
    logger,
  });
  try {
    const { db } = database;
    const applied = await migrateToLatest(db, database.schema);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    const bootstrap = await bootstrapSystemAdmin(db, config.adminEmail, config.adminPassword);

    if (config.secretKey) {
      const sealed = await sealStoredProviderSecrets(db, config.secretKey);
      if (sealed > 0) logger.info({ connectors: sealed }, 'provider secrets encrypted with SWITCHBOARD_SECRET_KEY');
    }
    const connectors = new ConnectorCache(db, logger, config.secretKey);
    const routing = new RoutingCache(db);
    // Opt-out keywords per client, read by the SMS intake (issue 15).
    const optOutSettings = new OptOutSettingsCache(db, logger);
    await Promise.all([connectors.reload(), optOutSettings.reload()]);
    const refreshCaches = async () => {
      routing.invalidate();
      await Promise.all([connectors.reload(), optOutSettings.reload()]);
    };
    await database.listen(CONFIG_CHANGED_CHANNEL, {
      onNotify: () => void refreshCaches().catch((err) => logger.error({ err }, 'refreshing caches failed')),
      // Changes other instances made while this one was not listening.
      onResubscribed: refreshCaches,
    });
    const configChanged = configChangeReporter(db, refreshCaches);

    // Known once the server listens (the port may be chosen by the system).
    let baseUrl = config.publicUrl ?? '';
    const deskBus = new DeskEventBus();
    const instanceId = randomUUID();
    await database.listen(DESK_CHANNEL, {
      onNotify: (payload) => deskBus.publish(notifiedAgents(payload, instanceId)),
      // Wake-ups missed meanwhile: every open desk stream reads its log.
      onResubscribed: () => deskBus.wakeAll(),
    });
    const deskNotifier =
      database.backend === 'pglite'
        ? undefined
        : new DeskNotifier(
            instanceId,
            async (payloads) => {
              await sql`select pg_notify(${DESK_CHANNEL}, p) from unnest(${payloads}::text[]) as p`.execute(db);
            },
            (err) => logger.error({ err }, 'telling other instances about desk events failed'),
          );
    const mailDomain = config.publicUrl ? new URL(config.publicUrl).hostname : undefined;
    const mailer = config.smtpUrl ? createSmtpMailer({ url: config.smtpUrl, from: config.smtpFrom }) : undefined;
    const emailAgents = mailer !== undefined;
    const heldMessageEmail = { domain: mailDomain ?? 'switchboard.invalid', baseUrl: () => baseUrl };
    const outbox = new EmailOutboxWorker({
      db,
      logger,
      mailer,
      heldMessageEmail,
      onAcdChange: (effects) => acd.afterCommit(effects),
      retryBaseMs: config.mailRetryBaseMs,
    });
    const smsOutbox = new SmsOutboxWorker({
      db,
      logger,
      secretKey: config.secretKey,
      network: options.httpNetwork,
      baseUrl: () => baseUrl,
      leaseSeconds: config.smsLeaseSeconds,
      maxAttempts: config.smsMaxAttempts,
      retryBaseMs: config.smsRetryBaseMs,
      onAcdChange: (effects) => acd.afterCommit(effects),
    });
    // An enqueue anywhere wakes every instance's worker once it committed: this one's directly,
    // the others by a notification (PGlite is one process and hears none).
    await database.listen(OUTBOUND_SMS_CHANNEL, {
      onNotify: (origin) => {
        if (origin !== instanceId) smsOutbox.kick();
      },
      onResubscribed: () => smsOutbox.kick(),
    });
    const outboxNotify =
      database.backend === 'pglite'
        ? undefined
        : new CoalescedNotify(
            async () => {
              await sql`select pg_notify(${OUTBOUND_SMS_CHANNEL}, ${instanceId})`.execute(db);
            },
            (err) => logger.error({ err }, 'telling other instances about SMS to send failed'),
          );
    const smsEnqueued = () => {
      smsOutbox.kick();
      outboxNotify?.signal();
    };
    const acd = new AcdDistributor({
      db,
      logger,
      bus: deskBus,
      notifier: deskNotifier,
      onMail: () => outbox.kick(),
      maxConcurrentDispatches: database.backend === 'pglite' ? 1 : 4,
      dispatch: {
        emailAgents,
        composeEmail: (input) => composeMediaEventEmail({ ...input, ...(mailDomain ? { domain: mailDomain } : {}) }),
        mediaEventLink: (id, conversationId) =>
          conversationId ? conversationLink(baseUrl, conversationId) : `${baseUrl}/desk?mediaEvent=${id}`,
      },
    });
    const queued = (groups: Set<string>) => acd.groupsChanged(groups);

    const engine = new RoutingEngine({
      db,
      cache: routing,
      writer: createExecutionWriter(db, logger, queued),
      sendEmail: async (origin, message) => {
        await enqueueWorkflowEmail(db, origin, message, mailDomain ?? 'switchboard.invalid');
        outbox.kick();
      },
      sendSms: async (origin, message) => {
        const result = await enqueueWorkflowSms(db, origin, message, config.secretKey);
        // Committed: every instance's worker is woken, as after an agent's reply.
        if (result.stored) smsEnqueued();
        return result;
      },
      emailAgents,
      logger,
      leaseSeconds: config.routingLeaseSeconds,
      httpNetwork: options.httpNetwork,
      runBudgetMs: config.runBudgetMs,
    });
    // Written with the SMS by the intake statement; only with a mail server, as for offers by e-mail.
    const heldMessageMail = mailer
      ? {
          heldMessageEmail,
          onMail: () => outbox.kick(),
        }
      : {};
    const smsStore = new SmsStore(db, {
      logger,
      maxConcurrentBatches: database.backend === 'pglite' ? 1 : 4,
      routingLeaseSeconds: config.routingLeaseSeconds,
      onReceived: (sms) => engine.submit(sms),
      onQueued: queued,
      onHeld: (messages) => void acd.deliverHeldMessages(messages),
      onWoken: (claimed) => engine.resumeClaimed(claimed),
      ...heldMessageMail,
      optOuts: { settings: optOutSettings, secretKey: config.secretKey, onSmsEnqueued: smsEnqueued },
    });
    const partStore = new PartStore(db, {
      logger,
      connectorById: (id) => connectors.byId(id),
      maxConcurrentBatches: database.backend === 'pglite' ? 1 : 4,
      routingLeaseSeconds: config.routingLeaseSeconds,
      onReceived: (sms) => engine.submit(sms),
      onQueued: queued,
      onHeld: (messages) => void acd.deliverHeldMessages(messages),
      ...heldMessageMail,
    });
    const deliveryLog = new DeliveryLogWriter(db, { logger, retentionDays: config.deliveryLogDays });
    deliveryLog.start();
    // With the embedded database this process is the only one: leases of a previous life are void.
    await engine.start({ releaseAllLeases: database.backend === 'pglite' });
    acd.start();
    outbox.start();
    partStore.start();

    let draining = false;
    const app = createApp({
      db,
      lifecycle: {
        draining: () => draining,
        // Without its notifications this instance may answer with stale connectors and routing.
        databaseListening: () => database.listening,
      },
      schema: database.schema,
      logger,
      connectors,
      configChanged,
      smsStore,
      publicUrl: config.publicUrl,
      secretKey: config.secretKey,
      partStore,
      deliveryLog,
      deliveryLogDays: config.deliveryLogDays,
      acd,
      deskBus,
      smsEnqueued,
      limits: { smsMaxBytes: config.smsMaxBytes, smsMaxChars: config.smsMaxChars },
      // Behind a proxy that ends TLS, the request Switchboard sees is plain HTTP.
      secureCookies: config.publicUrl?.startsWith('https:') ?? false,
      invitationMail: mailer
        ? { baseUrl: () => baseUrl, domain: mailDomain ?? 'switchboard.invalid', kick: () => outbox.kick() }
        : undefined,
    });
    const server = await listen(app.fetch, config.port, config.host);
    const http = closableHttpServer(server);
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const localUrl = `http://${host}:${address.port}`;
    const url = config.publicUrl ?? localUrl;
    baseUrl = url;
    // Started once the URL its status callbacks name is known.
    smsOutbox.start({ releaseAllLeases: database.backend === 'pglite' });

    // In this order: no new work comes in, then what came in is written, then the database goes.
    const HTTP_STEP = 'HTTP connections';
    const shutdownSteps: Array<[string, () => Promise<void>]> = [
      [HTTP_STEP, () => http.close(REQUEST_GRACE_MS)],
      ['SMS store batches', () => smsStore.drain()],
      ['SMS parts and joins', () => partStore.stop()],
      ['delivery log', () => deliveryLog.stop()],
      ['routing engine (runs and execution writes)', () => engine.stop()],
      ['ACD dispatches', () => acd.stop()],
      ['e-mail outbox', () => outbox.stop()],
      ['SMS outbox', () => smsOutbox.stop()],
      ['database connections', () => database.close()],
    ];
    const done = new Set<string>();
    let closing: Promise<void> | undefined;

    return {
      url,
      localUrl,
      database,
      bootstrap,
      engine,
      acd,
      outbox,
      smsOutbox,
      partStore,
      routes: app.routes.map(({ method, path }) => ({ method, path })),
      close: () => {
        closing ??= (async () => {
          draining = true;
          deskBus.close(); // ends open desk streams, which would hold their connections open
          for (const [what, work] of shutdownSteps) {
            await work();
            done.add(what);
          }
        })();
        return closing;
      },
      stillOpen: () =>
        shutdownSteps
          .map(([what]) => what)
          .filter((what) => !done.has(what))
          .map((what) => (what === HTTP_STEP ? `${what} (${http.openConnections} open)` : what)),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Without createServer options, @hono/node-server serves HTTP/1.1 from node:http.
    const server = serve({ fetch, port, hostname }, () => resolve(server as Server));
    server.once('error', reject);
  });
}
