import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { authenticate } from './auth/authenticate';
import type { InvitationMail } from './auth/invitations';
import { nodeTypesAsData } from '../workflows';
import type { ConfigChanged } from './config-changes';
import type { Database } from './db/schema';
import { isMigrated } from './db/migrate';
import { allRoutes } from '../contract';
import { say } from '../i18n/sentence';
import { ApiError, apiSentence } from './http/api-error';
import { requestLanguage } from './http/request-language';
import type { AppEnv } from './http/app-env';
import { buildOpenApi, openApiPage } from './http/openapi';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { serveEditor } from './http/serve-editor';
import type { Logger } from './logging/logger';
import { acdGroupRoutes } from './routes/acd-groups';
import { auditLogRoutes } from './routes/audit-log';
import { apiKeyRoutes } from './routes/api-keys';
import { authRoutes } from './routes/auth';
import { clientRoutes } from './routes/clients';
import { connectorRoutes } from './routes/connectors';
import { connectorDeliveryRoutes, unmatchedDeliveryRoutes } from './routes/delivery-log';
import { resellerRoutes } from './routes/resellers';
import { sendConnectorRoutes } from './routes/send-connectors';
import { outboundSmsRoutes } from './routes/outbound-sms';
import { deliveryReportRoutes } from './sms-sender/delivery-report-route';
import type { SecretKey } from './sms-sender/credential-cipher';
import { routingApplicationRoutes } from './routes/routing-applications';
import { mediaEventRoutes, smsRoutes } from './routes/traffic';
import { mediaEventReassignRoutes } from './routes/media-event-reassign';
import { userRoutes } from './routes/users';
import type { ConnectorCache } from './sms-receiver/connector-cache';
import { smsReceiverRoutes } from './sms-receiver/sms-receiver-route';
import { providerWebhookRoutes, type PartIntake } from './sms-receiver/provider-webhook-route';
import { providerAdapters } from './sms-receiver/providers/provider-adapters';
import { noDeliveryLog, type DeliveryLog } from './delivery-log/delivery-record';
import type { SmsStore } from './sms-receiver/sms-store';
import type { AcdDistributor } from './acd/acd-distributor';
import type { DeskEventBus } from './acd/desk-events';
import { agentRoutes } from './routes/agents';
import { deskRoutes } from './routes/desk';
// Canned responses and wrap-up codes (issue 14).
import { cannedResponseRoutes, deskCannedResponseRoutes } from './routes/canned-responses';
import { deskWrapUpRoutes, wrapUpCodeRoutes } from './routes/wrap-up-codes';
// Pause reasons (issue 16).
import { deskPauseReasonRoutes, pauseReasonRoutes } from './routes/pause-reasons';
// Opt-out (issue 15).
import { optOutRoutes } from './routes/opt-outs';
import { conversationRoutes, deskConversationRoutes } from './routes/conversations';

export interface AppDeps {
  db: Kysely<Database>;
  /** The database schema of Switchboard's tables, when not the default. */
  schema?: string | undefined;
  logger: Logger;
  connectors: ConnectorCache;
  /** Report a change to what the hot paths cache (see config-changes.ts). */
  configChanged: ConfigChanged;
  smsStore: SmsStore;
  /** Where the parts of multipart SMS are kept until they are joined. */
  partStore?: PartIntake | undefined;
  /** Every request to a receiver endpoint is written here. */
  deliveryLog?: DeliveryLog | undefined;
  /** How long the delivery log is kept (SWITCHBOARD_DELIVERY_LOG_DAYS). */
  deliveryLogDays: number;
  /** SWITCHBOARD_PUBLIC_URL: what providers call and sign. */
  publicUrl?: string | undefined;
  acd: AcdDistributor;
  deskBus: DeskEventBus;
  /** An SMS was written to the outbox and committed (a reply): the worker looks now. */
  smsEnqueued?: () => void;
  limits: { smsMaxBytes: number; smsMaxChars: number; apiMaxBytes?: number };
  /** Session cookies only over HTTPS, also when this server sees plain HTTP (the public URL is https). */
  secureCookies?: boolean;
  /** How links to set a password are sent; without it (no mail server) they are not offered. */
  invitationMail?: InvitationMail | undefined;
  /** SWITCHBOARD_SECRET_KEY: encrypts send connectors' credentials; without it, none can be stored. */
  secretKey?: SecretKey | undefined;
  /** The state of the process around the app: shutting down, hearing the database's notifications. */
  lifecycle?: AppLifecycle;
}

export interface AppLifecycle {
  /** True once shutdown began: every request is refused, so clients go to another instance. */
  draining(): boolean;
  /** False while notifications of other instances' changes may be missed. */
  databaseListening(): boolean;
}

/** How long /readyz waits for the database before it says it is unreachable. */
const READINESS_TIMEOUT_MS = 2000;

export function createApp(deps: AppDeps) {
  const { db, logger, connectors, configChanged } = deps;
  const app = new Hono<AppEnv>();
  const lifecycle = deps.lifecycle;
  app.use(requestLog(logger));
  // While shutting down, a request (a desk stream's reconnect too) is refused and its connection
  // closed, so that the server is left with nothing to serve.
  app.use(async (c, next) => {
    if (!lifecycle?.draining()) return next();
    c.header('Connection', 'close');
    c.header('Retry-After', '1');
    if (c.req.path === '/readyz') return c.json({ status: 'shutting down' }, 503);
    // Providers (/SMSReceiver) are answered as their contract says, in English.
    const shuttingDown = apiSentence('shuttingDown');
    const language = c.req.path.startsWith('/SMSReceiver') ? 'en' : requestLanguage(c);
    return c.json({ error: say(language, shuttingDown) }, 503);
  });

  const receiverLimits = { maxBytes: deps.limits.smsMaxBytes, maxChars: deps.limits.smsMaxChars };
  const deliveryLog = deps.deliveryLog ?? noDeliveryLog;
  app.route(
    '/SMSReceiver',
    providerWebhookRoutes({
      connectors,
      store: deps.smsStore,
      parts: deps.partStore,
      log: deliveryLog,
      adapters: providerAdapters,
      publicUrl: deps.publicUrl,
      ...receiverLimits,
    }),
  );
  app.route(
    '/SMSReceiver',
    deliveryReportRoutes({
      db,
      secretKey: deps.secretKey,
      publicUrl: deps.publicUrl,
      log: deliveryLog,
      maxBytes: deps.limits.smsMaxBytes,
      onAcdChange: (effects) => deps.acd.afterCommit(effects),
    }),
  );
  app.route(
    '/SMSReceiver',
    smsReceiverRoutes({ connectors, store: deps.smsStore, logger, log: deliveryLog, ...receiverLimits }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      const migrated = await withTimeout(isMigrated(db, deps.schema), READINESS_TIMEOUT_MS);
      if (!migrated) return c.json({ status: 'migrations pending' }, 503);
    } catch {
      return c.json({ status: 'database unreachable' }, 503);
    }
    if (lifecycle && !lifecycle.databaseListening()) return c.json({ status: 'reconnecting to the database' }, 503);
    return c.json({ status: 'ready' });
  });

  // Everything from here on may be rendered by a browser. The provider endpoint and the probes
  // above answer machines, and stay as cheap as they were.
  app.use(securityHeaders());
  const api = new Hono<AppEnv>();
  api.use(
    bodyLimit({
      maxSize: deps.limits.apiMaxBytes ?? 1024 * 1024,
      // The unread rest of the body is not drained, so the connection cannot be reused.
      onError: (c) =>
        c.json({ error: say(requestLanguage(c), apiSentence('bodyTooLarge')) }, 413, { Connection: 'close' }),
    }),
  );
  // A mail server is configured exactly when invitations can be mailed (see switchboard.ts).
  const emailConfigured = deps.invitationMail !== undefined;
  api.route('/auth', authRoutes(db, { secureCookies: deps.secureCookies ?? false, emailConfigured }));
  // The API's own description is public; everything else needs a caller.
  api.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (c.req.method === 'GET' && (path === '/api/openapi.json' || path === '/api/docs')) return next();
    return authenticate(db)(c, next);
  });
  api.route('/api-keys', apiKeyRoutes(db));
  api.route('/resellers', resellerRoutes(db));
  api.route('/clients', clientRoutes(db, configChanged));
  api.route('/users', userRoutes(db, { acd: deps.acd, mail: deps.invitationMail }));
  api.route(
    '/acd-groups',
    acdGroupRoutes(db, configChanged, (id) => deps.acd.groupsChanged([id]), { emailAgents: emailConfigured }),
  );
  api.route('/agents', agentRoutes(db, deps.acd));
  api.route('/desk', deskRoutes({ db, acd: deps.acd, bus: deps.deskBus }));
  api.route('/connectors', connectorRoutes(db, configChanged, deps.secretKey));
  api.route('/connectors', connectorDeliveryRoutes(db, deps.deliveryLogDays));
  api.route('/send-connectors', sendConnectorRoutes(db, { secretKey: deps.secretKey }));
  api.route('/outbound-sms', outboundSmsRoutes(db));
  api.route('/delivery-log', unmatchedDeliveryRoutes(db));
  api.route('/routing-applications', routingApplicationRoutes(db, configChanged));
  api.get('/node-types', (c) => c.json(nodeTypesAsData()));
  api.route('/sms', smsRoutes(db));
  api.route('/media-events', mediaEventRoutes(db, deps.acd));
  api.route('/media-events', mediaEventReassignRoutes(db, deps.acd));
  api.route('/audit-log', auditLogRoutes(db));
  // Canned responses and wrap-up codes (issue 14).
  api.route('/canned-responses', cannedResponseRoutes(db));
  api.route('/wrap-up-codes', wrapUpCodeRoutes(db));
  api.route('/desk', deskCannedResponseRoutes(db));
  api.route('/desk', deskWrapUpRoutes(db));
  // Conversations (issue 14).
  api.route('/conversations', conversationRoutes(db));
  api.route('/desk', deskConversationRoutes(db, { secretKey: deps.secretKey, smsEnqueued: deps.smsEnqueued, logger }));
  // Pause reasons (issue 16).
  api.route('/pause-reasons', pauseReasonRoutes(db));
  api.route('/desk', deskPauseReasonRoutes(db));
  // Opt-out lists and keywords (issue 15).
  api.route('/opt-outs', optOutRoutes(db, configChanged));
  app.route('/api', api);

  let openApi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', (c) => c.json((openApi ??= buildOpenApi(allRoutes))));
  app.get('/api/docs', securityHeaders({ scriptNonce: true }), (c) =>
    c.html(openApiPage('/api/openapi.json', c.get('secureHeadersNonce'))),
  );
  app.use(serveEditor());

  app.notFound((c) => {
    const route = { method: c.req.method, path: new URL(c.req.url).pathname };
    return c.json({ error: say(requestLanguage(c), apiSentence('noRoute', route)) }, 404);
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json(error.toBody(requestLanguage(c)), error.status);
    }
    logger.error({ err: error, reqId: c.get('requestId') }, 'unhandled error');
    return c.json({ error: say(requestLanguage(c), apiSentence('internal')) }, 500);
  });
  return app;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
