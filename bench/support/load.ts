import autocannon from 'autocannon';
import { onInterrupt } from './processes';

export interface LoadOptions {
  title: string;
  /** One server, or several: connection i then goes to url i mod n (autocannon's round robin). */
  url: string | readonly string[];
  connections: number;
  durationSeconds: number;
  /** The requests one connection cycles through (built once, so varying them costs nothing per request). */
  requestsForConnection: (connection: number) => autocannon.Request[];
}

export interface LoadResult {
  title: string;
  /** From the first connection attempt to the last response. */
  elapsedSeconds: number;
  responses: number;
  status200: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts (autocannon counts timeouts as errors too). */
  errors: number;
  timeouts: number;
  /** Requests sent but never answered (should be 0: connections stop only after their answer). */
  unanswered: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  requestsPerSecond: number;
  okPerSecond: number;
  /** The 200s per url, in the order of `url` (one entry for one url). */
  status200ByUrl: number[];
}

/**
 * Runs autocannon for a fixed time and then lets every connection finish the request it has in
 * flight before closing: autocannon's own stop destroys connections mid-request, and the
 * server would then store rows whose 200 nobody counted.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const histogram = new LatencyHistogram();
  const statusCodes: Record<string, number> = {};
  const clients: ClientInternals[] = [];
  const urls = typeof options.url === 'string' ? [options.url] : [...options.url];
  const urlOfClient = new Map<unknown, number>();
  const status200ByUrl = urls.map(() => 0);
  let connectionIndex = 0;
  let lastResponseAt = 0;
  let responses = 0;

  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let drainTimer: NodeJS.Timeout | undefined;
    const instance = autocannon(
      {
        // autocannon takes several urls (its README), though its type declarations say one.
        url: urls as unknown as string,
        connections: options.connections,
        // A safety net only: the run is ended below, by draining the connections.
        duration: options.durationSeconds + 60,
        timeout: 10,
        setupClient: (client) => {
          clients.push(client as unknown as ClientInternals);
          // autocannon builds connection i for urls[i % n] and sets each up as it builds it.
          urlOfClient.set(client, connectionIndex % urls.length);
          client.setRequests(options.requestsForConnection(connectionIndex++));
        },
      },
      (error, result) => {
        clearTimeout(stopTimer);
        clearTimeout(drainTimer);
        if (error) return reject(error);
        const elapsedSeconds = ((lastResponseAt || performance.now()) - startedAt) / 1000;
        const status200 = statusCodes['200'] ?? 0;
        resolve({
          title: options.title,
          elapsedSeconds,
          responses,
          status200,
          non2xx:
            responses -
            Object.entries(statusCodes).reduce((n, [code, count]) => n + (code.startsWith('2') ? count : 0), 0),
          statusCodes,
          errors: result.errors,
          timeouts: result.timeouts,
          unanswered: Math.max(0, result.requests.sent - responses - result.timeouts),
          latencyMs: histogram.summary(),
          requestsPerSecond: responses / elapsedSeconds,
          okPerSecond: status200 / elapsedSeconds,
          status200ByUrl,
        });
      },
    );
    // Ctrl+C: stop sending at once, so the servers can close their connections and exit.
    const forget = onInterrupt(() => instance.stop());
    instance.on('done', forget);
    instance.on('response', (client, statusCode, _bytes, responseTime) => {
      responses++;
      if (statusCode === 200) status200ByUrl[urlOfClient.get(client) ?? 0]!++;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      histogram.record(responseTime);
      lastResponseAt = performance.now();
    });
    const stopTimer = setTimeout(() => {
      // Each connection sends nothing more; it closes once its last request is answered
      // (autocannon's per-connection request limit, checked before every next request).
      for (const client of clients) client.responseMax = Math.max(1, client.reqsMade);
      // A connection stuck in reconnects must not hang the benchmark.
      drainTimer = setTimeout(() => instance.stop(), 15_000);
    }, options.durationSeconds * 1000);
  });
}

/** The fields of autocannon's Client that the drain uses (not in its type declarations). */
interface ClientInternals {
  reqsMade: number;
  responseMax: number | undefined;
}

/** Latencies in 10 µs buckets up to 10 s: exact enough for p50/p99, and constant memory. */
class LatencyHistogram {
  private static readonly BUCKET_MS = 0.01;
  private readonly buckets = new Uint32Array(1_000_001);
  private count = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    const bucket = Math.min(this.buckets.length - 1, Math.floor(ms / LatencyHistogram.BUCKET_MS));
    this.buckets[bucket]!++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return (i + 1) * LatencyHistogram.BUCKET_MS;
    }
    return this.max;
  }

  summary() {
    return {
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.max,
      mean: this.count ? this.sum / this.count : 0,
    };
  }
}
