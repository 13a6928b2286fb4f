import type { HttpRequest, HttpResponse } from '../../workflows';
import { safeHttpRequest } from '../routing/safe-http-client';
import { failed, type SendResult, type SendTransport } from './send-driver';

// One HTTP call of a driver to its provider, through the SSRF-guarded client, and the failures
// every driver reads alike. Credentials go in headers or the body, never in an error: every error
// text is scrubbed of them before it leaves the driver.

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

export type CallOutcome = { ok: true; response: HttpResponse } | { ok: false; result: SendResult };

/** Failures of the guard itself: the connector points where it may not; trying again changes nothing. */
const REFUSED_BY_GUARD = /internal address|Only http and https|Not a valid URL|has no address/;

export async function callProvider(
  request: Omit<HttpRequest, 'timeoutMs'>,
  transport: SendTransport,
  secrets: readonly string[],
  signal: AbortSignal | undefined,
): Promise<CallOutcome> {
  try {
    const response = await safeHttpRequest(
      { ...request, timeoutMs: transport.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      {
        allowedHosts: transport.allowedHosts,
        network: transport.network,
        maxResponseBytes: transport.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        signal,
        userAgent: 'Switchboard-SMS/1',
      },
    );
    return { ok: true, response };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const host = hostOf(request.url);
    return {
      ok: false,
      result: failed(scrub(`${request.method} ${host} failed: ${message}`, secrets), !REFUSED_BY_GUARD.test(message)),
    };
  }
}

/** Whether an HTTP status is worth sending again later: too many requests, or the provider's own trouble. */
export const retryableStatus = (status: number) => status === 429 || status >= 500;

/** `error` with every credential replaced by `…` (and cut to a readable length). */
export function scrub(error: string, secrets: readonly string[]): string {
  let text = error;
  for (const secret of secrets) if (secret.length > 0) text = text.split(secret).join('…');
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** A short description of an answer that is not what the driver expected: its status and the start of its body. */
export function answerText(response: HttpResponse): string {
  const body = typeof response.json === 'string' ? response.json : JSON.stringify(response.json);
  return `HTTP ${response.status}${body && body !== 'null' ? `: ${body.slice(0, 200)}` : ''}`;
}

export const basicAuth = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A JSON answer's field, if the answer is an object. */
export function field(json: unknown, name: string): unknown {
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)[name]
    : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the provider';
  }
}
