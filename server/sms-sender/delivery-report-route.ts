import { Hono, type Context } from 'hono';
import { sql, type Kysely } from 'kysely';
import { deliveryReportMethods } from '../../contract/outbound-sms';
import { say, sentence, type Sentence } from '../../i18n/sentence';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { holdingAgentOfMessage, logMessageStatus } from '../conversations/message-status-event';
import type { DeliveryLog, DeliveryRecord } from '../delivery-log/delivery-record';
import type { Database, OutboundStatus } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { remoteAddress } from '../http/remote-address';
import { parseFormEncoded } from '../sms-receiver/decode-text';
import { signedUrl } from '../sms-receiver/provider-webhook-route';
import type { WebhookRequest } from '../sms-receiver/providers/provider-adapter';
import { plivoAdapter } from '../sms-receiver/providers/plivo';
import { twilioAdapter } from '../sms-receiver/providers/twilio';
import { DeliveryError, mediaTypeOf, queryString, readBodyBytes } from '../sms-receiver/read-delivery';
import { decryptSecret, type SecretKey } from './credential-cipher';
import { parseDeliveryReport, statusesBefore, type DeliveryReport } from './delivery-reports';
import { REPORTING_DRIVERS, vonageReportTokenMatches, type ReportingDriver } from './status-callback';

export interface DeliveryReportDeps {
  db: Kysely<Database>;
  secretKey: SecretKey | undefined;
  /** SWITCHBOARD_PUBLIC_URL: the URL providers call, and sign, behind a proxy. */
  publicUrl: string | undefined;
  log: DeliveryLog;
  maxBytes: number;
  /** A reply's status changed: the desk event logged for its agent is to be handed to their desk streams. */
  onAcdChange?: (effects: AcdEffects) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each provider's answer to a report it need not send again. */
const acknowledgement: Record<ReportingDriver, { status: number; contentType: string; body: string }> = {
  twilio: { status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' },
  plivo: { status: 200, contentType: 'application/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' },
  // Vonage resends a receipt that is not answered 200 or 204.
  vonage: { status: 204, contentType: 'text/plain', body: '' },
};

/**
 * `/SMSReceiver/<provider>/status/:sendConnectorId`: the delivery reports of one send
 * connector's messages, at the URL its driver gave the provider with each message. The path names
 * the connector, so the report's signature is checked with that connector's credentials before
 * anything is read from it (Twilio: X-Twilio-Signature with the auth token; Plivo:
 * X-Plivo-Signature-V3 with the auth token; Vonage: the URL's token, see status-callback.ts), and
 * the message is found by (send connector, provider message id). A report moves its message only
 * forwards (sent → delivered or failed); a late or repeated one, and one for an id the connector
 * never sent, is acknowledged and written to the delivery log as ignored.
 */
export function deliveryReportRoutes(deps: DeliveryReportDeps) {
  const app = new Hono<AppEnv>();
  for (const driver of REPORTING_DRIVERS) {
    app.on([...deliveryReportMethods[driver]], `/${driver}/status/:sendConnectorId`, (c) =>
      receiveReport(c, driver, deps),
    );
  }
  return app;
}

interface Attempt {
  c: Context<AppEnv>;
  driver: ReportingDriver;
  deps: DeliveryReportDeps;
  receivedAt: Date;
  body: Uint8Array | undefined;
  clientId: string | null;
}

async function receiveReport(c: Context<AppEnv>, driver: ReportingDriver, deps: DeliveryReportDeps) {
  const attempt: Attempt = { c, driver, deps, receivedAt: new Date(), body: undefined, clientId: null };
  const connectorId = c.req.param('sendConnectorId') ?? '';
  const connector = UUID.test(connectorId)
    ? await deps.db
        .selectFrom('sms_send_connector')
        .select(['id', 'client_id', 'driver', 'credentials_encrypted'])
        .where('id', '=', connectorId)
        .where('driver', '=', driver)
        .executeTakeFirst()
    : undefined;
  if (!connector)
    return refuse(attempt, 404, sentence('outboundSms.report.unknownConnector', { provider: driver, id: connectorId }));
  attempt.clientId = connector.client_id;

  let request: WebhookRequest;
  try {
    request = await readRequest(c, deps, attempt);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    return error.status === 413
      ? refuse(attempt, 413, sentence('delivery.body.tooLarge', { limit: deps.maxBytes }))
      : refuse(attempt, 400, sentence('delivery.body.unreadable', { why: error.message }));
  }

  const signature = checkSignature(driver, connector, request, deps.secretKey);
  if (signature) return refuse(attempt, 401, signature);

  const params = request.method === 'GET' ? request.query : request.form;
  const parsed = parseDeliveryReport(driver, params);
  if (parsed.kind === 'invalid')
    return refuse(attempt, 400, sentence('delivery.field.missing', { field: parsed.field }), parsed.field);
  const outcome = await applyReport(deps, connector.id, parsed.report);
  record(attempt, acknowledgement[driver].status, outcome.logged, outcome.reason);
  return acknowledge(attempt);
}

/** Moves the message forwards if the report says something new; says what it did. */
async function applyReport(
  { db, onAcdChange }: DeliveryReportDeps,
  sendConnectorId: string,
  report: DeliveryReport,
): Promise<{ logged: DeliveryRecord['outcome']; reason: Sentence }> {
  const interim = sentence('outboundSms.report.interim', { status: report.providerStatus });
  const next = report.status;
  if (next !== null) {
    // The agent holding the reply's conversation hears of it in the same transaction.
    const effects = noEffects();
    const id = await db.transaction().execute(async (trx) => {
      const moved = await sql<{
        id: string;
        conversation_id: string | null;
        error: string | null;
        agent_id: string | null;
      }>`
        update outbound_sms set status = ${next}, status_at = now(), updated_at = now(),
          error = case when ${next} = 'failed' then ${report.error} else error end
        where send_connector_id = ${sendConnectorId} and provider_message_id = ${report.providerMessageId}
          and status in (${sql.join(statusesBefore(next))})
        returning id, conversation_id, error, ${holdingAgentOfMessage()} as agent_id`.execute(trx);
      const row = moved.rows[0];
      if (!row) return undefined;
      const change = { agentId: row.agent_id, conversationId: row.conversation_id, messageId: row.id };
      await logMessageStatus(trx, [{ ...change, status: next, error: row.error }], effects);
      return row.id;
    });
    onAcdChange?.(effects);
    if (id) return { logged: 'accepted', reason: sentence('outboundSms.report.applied', { id, status: next }) };
  }
  const row = await db
    .selectFrom('outbound_sms')
    .select(['status'])
    .where('send_connector_id', '=', sendConnectorId)
    .where('provider_message_id', '=', report.providerMessageId)
    .executeTakeFirst();
  if (!row)
    return {
      logged: 'ignored',
      reason: sentence('outboundSms.report.unknownMessage', { messageId: report.providerMessageId }),
    };
  if (next === null) return { logged: 'ignored', reason: interim };
  return {
    logged: 'ignored',
    reason: sentence('outboundSms.report.stale', { status: next, current: row.status as OutboundStatus }),
  };
}

function checkSignature(
  driver: ReportingDriver,
  connector: { id: string; credentials_encrypted: string | null },
  request: WebhookRequest,
  key: SecretKey | undefined,
): Sentence | undefined {
  if (driver === 'vonage') {
    const token = request.query.get('token');
    return key && vonageReportTokenMatches(key, connector.id, token)
      ? undefined
      : sentence('outboundSms.report.badToken');
  }
  const authToken = authTokenOf(connector.credentials_encrypted, key);
  if (authToken === undefined) return sentence('outboundSms.report.noCredentials');
  const verdict = (driver === 'twilio' ? twilioAdapter : plivoAdapter).verify(request, authToken);
  return verdict.valid ? undefined : verdict.reason;
}

/** The auth token of a Twilio or Plivo connector's credentials; undefined when there is none to read. */
function authTokenOf(encrypted: string | null, key: SecretKey | undefined): string | undefined {
  if (encrypted === null || key === undefined) return undefined;
  try {
    const credentials: unknown = JSON.parse(decryptSecret(key, encrypted));
    const token =
      credentials !== null && typeof credentials === 'object'
        ? (credentials as Record<string, unknown>).authToken
        : undefined;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

async function readRequest(c: Context<AppEnv>, deps: DeliveryReportDeps, attempt: Attempt): Promise<WebhookRequest> {
  const raw = c.req.raw;
  const method = raw.method === 'GET' ? 'GET' : 'POST';
  const body = method === 'POST' ? await readBodyBytes(raw, deps.maxBytes) : new Uint8Array(0);
  attempt.body = body;
  const { mediaType, charset } = mediaTypeOf(raw.headers.get('content-type') ?? '');
  const query = queryString(raw.url);
  const headers = new Map<string, string>();
  raw.headers.forEach((value, name) => headers.set(name.toLowerCase(), value));
  return {
    method,
    url: signedUrl(deps.publicUrl, raw.url, c.req.path, query),
    headers,
    body,
    contentType: mediaType,
    charset,
    query: parseFormEncoded(query),
    form: formOf(body, mediaType, charset),
    now: attempt.receivedAt,
  };
}

/** A form body's fields, or a JSON object's string and number fields (Vonage's JSON receipts). */
function formOf(body: Uint8Array, mediaType: string, charset: string | undefined): Map<string, string> {
  if (body.length === 0) return new Map();
  const text = Buffer.from(body).toString('latin1');
  if (mediaType === 'application/x-www-form-urlencoded') return parseFormEncoded(text, charset);
  if (mediaType === 'application/json') {
    try {
      const json: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
      if (json === null || typeof json !== 'object' || Array.isArray(json)) return new Map();
      return new Map(
        Object.entries(json as Record<string, unknown>)
          .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
          .map(([name, value]) => [name, String(value)]),
      );
    } catch {
      return new Map();
    }
  }
  return new Map();
}

function acknowledge({ c, driver }: Attempt) {
  const answer = acknowledgement[driver];
  return answer.status === 204
    ? c.body(null, 204)
    : c.body(answer.body, answer.status as 200, { 'Content-Type': answer.contentType });
}

function refuse(attempt: Attempt, status: 400 | 401 | 404 | 413, reason: Sentence, field?: string) {
  record(attempt, status, 'refused', reason);
  const error = say('en', reason);
  return attempt.c.json(field ? { error, field } : { error }, status);
}

function record(attempt: Attempt, status: number, outcome: DeliveryRecord['outcome'], reason: Sentence) {
  const { c, driver, body } = attempt;
  attempt.deps.log.record({
    receivedAt: attempt.receivedAt,
    provider: driver,
    // The delivery log's connector is a receive connector; a report belongs to a send connector.
    connectorId: null,
    clientId: attempt.clientId,
    status,
    outcome,
    reason,
    smsId: null,
    clientAddress: remoteAddress(c),
    request: {
      method: c.req.method,
      url: c.req.url,
      headers: c.req.raw.headers,
      body,
      secretNames: [...twilioAdapter.secretFields, ...plivoAdapter.secretFields, 'token'],
    },
  });
}
