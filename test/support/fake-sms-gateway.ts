import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRIVATE_STAND_IN, standInNetwork } from './stand-in-network';

// An SMS provider's send side, for tests: one real HTTP server that speaks Twilio's Messages API,
// Vonage's SMS API and Plivo's Message API, and takes any other request as a generic HTTP
// gateway's. It records what it receives, answers as the provider does (ids, error bodies), fails
// on demand, and can later send the provider's status callback to a URL. Written from the
// providers' documentation, apart from the server's drivers, so that a misread rule shows.

export type GatewayApi = 'twilio' | 'vonage' | 'plivo' | 'http';

export interface ReceivedRequest {
  api: GatewayApi;
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body read as its content type says: form fields, JSON, or null. */
  fields: Record<string, unknown> | null;
}

/** How the next requests to one API fail: an HTTP status and (Twilio) an error code, or (Vonage) a message status. */
export interface Failure {
  status?: number;
  /** Twilio's `code` (e.g. 21211) or Vonage's message `status` (e.g. '1' throttled, '4' bad credentials). */
  code?: number | string;
  message?: string;
  /** How many requests fail before it answers normally again (default 1). */
  times?: number;
}

export interface FakeSmsGateway {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** The accounts it knows; a request with other credentials is refused as the provider refuses it. */
  twilio: { accountSid: string; authToken: string };
  vonage: { apiKey: string; apiSecret: string };
  plivo: { authId: string; authToken: string };
  /** What the generic gateway answers: a status and a JSON body (default 200 `{messages:[{id}]}`). */
  httpAnswer: (request: ReceivedRequest) => { status: number; body: unknown };
  failNext(api: GatewayApi, failure: Failure): void;
  /** POSTs Twilio's status callback (form, signed with X-Twilio-Signature) to `url`. */
  sendTwilioStatus(
    url: string,
    status: { MessageSid: string; MessageStatus: string; ErrorCode?: string; To?: string; From?: string },
  ): Promise<number>;
  /** POSTs a Vonage delivery receipt (JSON) to `url`. */
  sendVonageDlr(
    url: string,
    dlr: { messageId: string; status: string; errCode?: string; to?: string; msisdn?: string },
  ): Promise<number>;
  /** POSTs Plivo's message status (form, signed with X-Plivo-Signature-V3) to `url`. */
  sendPlivoStatus(
    url: string,
    status: { MessageUUID: string; Status: string; ErrorCode?: string; To?: string; From?: string },
  ): Promise<number>;
  close(): Promise<void>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export async function startFakeSmsGateway(): Promise<FakeSmsGateway> {
  const failures = new Map<GatewayApi, Failure & { left: number }>();
  const gateway: Omit<FakeSmsGateway, 'url' | 'port' | 'close'> = {
    received: [],
    twilio: { accountSid: `AC${hex(16)}`, authToken: hex(16) },
    vonage: { apiKey: hex(4), apiSecret: hex(8) },
    plivo: { authId: `MA${hex(9).toUpperCase()}`, authToken: hex(20) },
    httpAnswer: () => ({ status: 200, body: { messages: [{ id: `gw-${randomUUID()}`, status: 'accepted' }] } }),
    failNext(api, failure) {
      failures.set(api, { ...failure, left: failure.times ?? 1 });
    },
    sendTwilioStatus(url, status) {
      const params: Record<string, string> = {
        AccountSid: gateway.twilio.accountSid,
        ApiVersion: '2010-04-01',
        SmsSid: status.MessageSid,
        SmsStatus: status.MessageStatus,
        ...status,
      };
      const signed =
        url +
        Object.keys(params)
          .sort()
          .map((name) => name + params[name])
          .join('');
      const signature = createHmac('sha1', gateway.twilio.authToken).update(signed).digest('base64');
      return post(url, new URLSearchParams(params).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
      });
    },
    sendVonageDlr(url, dlr) {
      const body = {
        msisdn: dlr.msisdn ?? '447700900000',
        to: dlr.to ?? 'Switchboard',
        'network-code': '26202',
        messageId: dlr.messageId,
        price: '0.03330000',
        status: dlr.status,
        scts: '2601011200',
        'err-code': dlr.errCode ?? '0',
        'message-timestamp': new Date().toISOString().slice(0, 19).replace('T', ' '),
      };
      return post(url, JSON.stringify(body), { 'content-type': 'application/json' });
    },
    sendPlivoStatus(url, status) {
      const params: Record<string, string> = { ...status, Units: '1', TotalRate: '0.0050', TotalAmount: '0.0050' };
      const nonce = hex(10);
      const signedUrl = `${url}?${Object.keys(params)
        .sort()
        .map((name) => name + params[name])
        .join('')}`;
      const signature = createHmac('sha256', gateway.plivo.authToken).update(`${signedUrl}.${nonce}`).digest('base64');
      return post(url, new URLSearchParams(params).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        'x-plivo-signature-v3': signature,
        'x-plivo-signature-v3-nonce': nonce,
      });
    },
  };

  /** The failure to answer with, if one is pending for `api` (and counts it down). */
  const pendingFailure = (api: GatewayApi) => {
    const failure = failures.get(api);
    if (!failure || failure.left <= 0) return undefined;
    failure.left -= 1;
    return failure;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = {
        api: apiOf(req),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        fields: fieldsOf(req, body),
      };
      gateway.received.push(request);
      const failure = pendingFailure(request.api);
      const answer = answers[request.api](request, failure);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });

  const answers: Record<GatewayApi, (r: ReceivedRequest, f: Failure | undefined) => { status: number; body: unknown }> =
    {
      twilio(request, failure) {
        const sid = /\/Accounts\/([^/]+)\//.exec(request.url)?.[1];
        if (
          sid !== gateway.twilio.accountSid ||
          !basicAuthIs(request, gateway.twilio.accountSid, gateway.twilio.authToken)
        )
          return { status: 401, body: twilioError(20003, 'Authenticate', 401) };
        if (failure)
          return {
            status: failure.status ?? 400,
            body: twilioError(
              Number(failure.code ?? 21211),
              failure.message ?? "The 'To' number is not a valid phone number.",
              failure.status ?? 400,
            ),
          };
        const fields = request.fields ?? {};
        for (const required of ['To', 'Body'])
          if (!fields[required]) return { status: 400, body: twilioError(21604, `A '${required}' is required.`, 400) };
        return {
          status: 201,
          body: {
            sid: `SM${hex(16)}`,
            account_sid: gateway.twilio.accountSid,
            to: fields.To,
            from: fields.From,
            body: fields.Body,
            status: 'queued',
            num_segments: '1',
            direction: 'outbound-api',
            api_version: '2010-04-01',
            error_code: null,
            error_message: null,
          },
        };
      },
      vonage(request, failure) {
        const fields = request.fields ?? {};
        if (fields.api_key !== gateway.vonage.apiKey || fields.api_secret !== gateway.vonage.apiSecret)
          return vonageAnswer('4', 'Bad Credentials');
        if (failure?.status)
          return { status: failure.status, body: { type: 'about:blank', title: failure.message ?? 'Error' } };
        if (failure) return vonageAnswer(String(failure.code ?? '3'), failure.message ?? 'Invalid Message');
        for (const required of ['from', 'to', 'text'])
          if (!fields[required]) return vonageAnswer('2', `Missing ${required} param`);
        return {
          status: 200,
          body: {
            'message-count': '1',
            messages: [
              {
                to: fields.to,
                'message-id': hex(8).toUpperCase(),
                status: '0',
                'remaining-balance': '15.53590000',
                'message-price': '0.03330000',
                network: '26202',
                ...(fields['client-ref'] ? { 'client-ref': fields['client-ref'] } : {}),
              },
            ],
          },
        };
      },
      plivo(request, failure) {
        const authId = /\/Account\/([^/]+)\//.exec(request.url)?.[1];
        const apiId = randomUUID();
        if (authId !== gateway.plivo.authId || !basicAuthIs(request, gateway.plivo.authId, gateway.plivo.authToken))
          return { status: 401, body: { api_id: apiId, error: 'Authentication credentials invalid' } };
        if (failure)
          return {
            status: failure.status ?? 400,
            body: { api_id: apiId, error: failure.message ?? 'dst parameter is invalid' },
          };
        const fields = request.fields ?? {};
        for (const required of ['src', 'dst', 'text'])
          if (!fields[required])
            return { status: 400, body: { api_id: apiId, error: `${required} parameter is required` } };
        return { status: 202, body: { api_id: apiId, message: 'message(s) queued', message_uuid: [randomUUID()] } };
      },
      http(request, failure) {
        if (failure) return { status: failure.status ?? 400, body: { error: failure.message ?? 'refused' } };
        return gateway.httpAnswer(request);
      },
    };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(gateway, {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}

function apiOf(req: IncomingMessage): GatewayApi {
  const path = (req.url ?? '').split('?')[0]!;
  if (/^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(path)) return 'twilio';
  if (path === '/sms/json') return 'vonage';
  if (/^\/v1\/Account\/[^/]+\/Message\/$/.test(path)) return 'plivo';
  return 'http';
}

function fieldsOf(req: IncomingMessage, body: string): Record<string, unknown> | null {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return null;
}

function basicAuthIs(request: ReceivedRequest, user: string, password: string): boolean {
  const expected = Buffer.from(`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`);
  const given = Buffer.from(request.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const twilioError = (code: number, message: string, status: number) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

const vonageAnswer = (status: string, errorText: string) => ({
  status: 200,
  body: { 'message-count': '1', messages: [{ status, 'error-text': errorText }] },
});

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

/**
 * How a driver reaches the gateway as a provider on a private network: `baseUrl` names
 * `gateway.test`, which the stand-in network resolves to 10.20.30.40 (allowed for the client) and
 * dials on 127.0.0.1, so the SSRF guard checks as in production.
 */
export function gatewayTransport(gateway: FakeSmsGateway) {
  return {
    baseUrl: `http://gateway.test:${gateway.port}`,
    transport: {
      allowedHosts: new Set(['gateway.test']),
      network: standInNetwork({ 'gateway.test': PRIVATE_STAND_IN }),
    },
  };
}
