import { ADDRCONFIG, promises as dns, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HttpRequest, HttpResponse } from '../../workflows';
import { canonicalHost } from './allowed-hosts';
import { classifyAddress } from './blocked-addresses';

export const MAX_RESPONSE_BYTES = 256 * 1024;
export const MAX_TIMEOUT_MS = 30_000;

/** Where host names resolve and connections go. */
export interface Network {
  /** Every address of a host name; an IP address resolves to itself. */
  resolve(hostname: string): Promise<LookupAddress[]>;
  /** The address a connection to a checked address is made to: itself, except on a test's stand-in network. */
  dial(address: LookupAddress): LookupAddress;
}

/** This machine's resolver and network. */
export const machineNetwork: Network = {
  async resolve(hostname) {
    const family = isIP(hostname);
    if (family !== 0) return [{ address: hostname, family }];
    return dns.lookup(hostname, { all: true, hints: ADDRCONFIG });
  },
  dial: (address) => address,
};

export interface SafeHttpOptions {
  /** The client's allowed hosts (canonical, see `canonicalHost`): only they may reach private networks. */
  allowedHosts: ReadonlySet<string>;
  maxResponseBytes?: number;
  network?: Network;
  /** Ends the request early (besides its timeout), e.g. when the caller shuts down. */
  signal?: AbortSignal | undefined;
  /** The User-Agent header (default: `Switchboard-Workflow/1`). */
  userAgent?: string;
}

/**
 * The HTTP client of workflow `http_request` nodes. Only http(s). The host's addresses are resolved
 * once and checked (`classifyAddress`): loopback, link-local, metadata, … are refused for every
 * host, private networks unless the host is on the client's allowed hosts. The connection goes to
 * exactly the checked addresses, so DNS cannot change between the check and the connect.
 *
 * Every request opens its own connection (`agent: false`: a fresh agent without keep-alive) and
 * closes it after the answer. A shared keep-alive pool hands an open socket to the next request for
 * the same host and port without asking the lookup again, so one client's allowed connection was
 * reused for another client, and a host's old address for its new one. A pool per client and host
 * would have to be keyed by the checked address and allow list too and dropped when either changes;
 * a workflow makes one call per SMS, so the saved handshake is not worth that risk.
 */
export async function safeHttpRequest(request: HttpRequest, options: SafeHttpOptions): Promise<HttpResponse> {
  const url = parseHttpUrl(request.url);
  const timeoutMs = Math.min(request.timeoutMs, MAX_TIMEOUT_MS);
  const deadline = options.signal
    ? AbortSignal.any([AbortSignal.timeout(timeoutMs), options.signal])
    : AbortSignal.timeout(timeoutMs);
  const network = options.network ?? machineNetwork;
  const host = canonicalHost(url.hostname);
  const addresses = await beforeDeadline(
    checkedAddresses(host, options.allowedHosts.has(host), network),
    deadline,
    timeoutMs,
  );
  return send(url, request, addresses.map(network.dial), {
    userAgent: options.userAgent ?? 'Switchboard-Workflow/1',
    maxBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    timeoutMs,
    deadline,
  });
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`Not a valid URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Only http and https URLs may be called, not ${url.protocol}`);
  }
  return url;
}

/** The host's addresses, if every one of them may be reached; else the reason why not. */
async function checkedAddresses(host: string, allowed: boolean, network: Network): Promise<LookupAddress[]> {
  const addresses = await network.resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  for (const { address } of addresses) {
    const { reach, kind } = classifyAddress(address);
    if (reach === 'public' || (reach === 'private' && allowed)) continue;
    const what = address === host ? host : `${host} resolves to ${address}, which`;
    throw new Error(
      reach === 'never'
        ? `${what} is an internal address (${kind}); workflows may not call it`
        : `${what} is an internal address (${kind}); only the client's allowed hosts, set by a system admin, may reach it`,
    );
  }
  return addresses;
}

function send(
  url: URL,
  request: HttpRequest,
  addresses: LookupAddress[],
  limits: { userAgent: string; maxBytes: number; timeoutMs: number; deadline: AbortSignal },
): Promise<HttpResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  // An IP literal is connected to without a lookup, so its (dialled) address is given directly.
  const target = isIP(canonicalHost(url.hostname)) !== 0 ? { hostname: addresses[0]!.address } : {};
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        ...target,
        method: request.method,
        headers: {
          accept: 'application/json',
          'user-agent': limits.userAgent,
          ...request.headers,
          host: url.host,
        },
        agent: false,
        lookup: answering(addresses),
        timeout: limits.timeoutMs,
        signal: limits.deadline,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            req.destroy(new Error(`The answer is larger than ${limits.maxBytes} bytes`));
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
    req.on('timeout', () => req.destroy(new Error(`No answer within ${limits.timeoutMs} ms`)));
    req.on('error', (error) => reject(isTimeout(error) ? new Error(`No answer within ${limits.timeoutMs} ms`) : error));
    if (request.body !== undefined && request.method !== 'GET') req.write(request.body);
    req.end();
  });
}

/** A lookup that answers the addresses already checked, instead of asking DNS again. */
function answering(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]!;
    callback(null, first.address, first.family);
  };
}

function beforeDeadline<T>(promise: Promise<T>, deadline: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`No answer within ${timeoutMs} ms`));
    if (deadline.aborted) return onAbort();
    deadline.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => deadline.removeEventListener('abort', onAbort));
  });
}

function isTimeout(error: Error): boolean {
  return error.name === 'AbortError' || error.name === 'TimeoutError';
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
