import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HttpRequest, HttpResponse } from '../../workflows';
import { isBlockedAddress } from './blocked-addresses';

export const MAX_RESPONSE_BYTES = 256 * 1024;
export const MAX_TIMEOUT_MS = 30_000;

export interface SafeHttpOptions {
  /** Host names this client's workflows may reach even when they resolve to private addresses. */
  allowedHosts: ReadonlySet<string>;
  maxResponseBytes?: number;
}

/**
 * The HTTP client of workflow `http_request` nodes. Only http(s); the address a host name
 * resolves to is checked when the connection is made (so DNS cannot be switched between a check
 * and the connect), and internal ranges are refused unless the client allowed the host.
 */
export function safeHttpRequest(request: HttpRequest, options: SafeHttpOptions): Promise<HttpResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.reject(new Error(`Not a valid URL: ${request.url}`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new Error(`Only http and https URLs may be called, not ${url.protocol}`));
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = options.allowedHosts.has(host);
  if (!allowed && isIP(host) && isBlockedAddress(host)) {
    return Promise.reject(new Error(`${host} is an internal address; workflows may not call it`));
  }
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const timeoutMs = Math.min(request.timeoutMs, MAX_TIMEOUT_MS);
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise<HttpResponse>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: { accept: 'application/json', 'user-agent': 'Switchboard-Workflow/1', ...request.headers },
        lookup: allowed ? undefined : checkedLookup,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy(new Error(`The answer is larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: parseJson(Buffer.concat(chunks).toString('utf8')) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    req.on('error', (error) =>
      reject(
        error.name === 'AbortError' || error.name === 'TimeoutError'
          ? new Error(`No answer within ${timeoutMs} ms`)
          : error,
      ),
    );
    if (request.body !== undefined && request.method !== 'GET') req.write(request.body);
    req.end();
  });
}

const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isBlockedAddress(a.address));
    if (refused) {
      return callback(
        new Error(`${hostname} resolves to ${refused.address}, an internal address; workflows may not call it`),
        '',
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
