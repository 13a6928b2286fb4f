/**
 * Open-loop load: requests leave on a fixed schedule (rate per second), whether or not earlier
 * ones were answered, so a slow server shows up as latency instead of as a lower request rate.
 */
export interface OpenLoopResult {
  /** performance.now() at which each acknowledged request was sent, by the id its answer carried. */
  sentAt: Map<string, number>;
  /** Latency of the acknowledged requests, ascending (ms). */
  latenciesMs: number[];
  sent: number;
  acknowledged: number;
  /** Answers other than an acknowledgement, and requests that failed (by status, or "network"). */
  failures: Record<string, number>;
  /** From the first send to the last answer. */
  seconds: number;
  /** How late requests left against their schedule (ms): the load generator's own lag. */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
}

export interface OpenLoopOptions {
  rate: number;
  seconds: number;
  /**
   * Sends request number `index`; resolves with the id of what was acknowledged, or a reason
   * (e.g. the HTTP status) why it was not.
   */
  send: (index: number) => Promise<{ id: string } | { failure: string }>;
  /** Called with the send time of each acknowledged request as soon as it is known. */
  onAck?: (id: string, sentAt: number) => void;
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, seconds } = options;
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const lags: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (reason: string) => (failures[reason] = (failures[reason] ?? 0) + 1);
  let lastAnswer = 0;
  let outstanding = 0;
  let allAnswered: (() => void) | undefined;

  const fire = (index: number, scheduled: number) => {
    const at = performance.now();
    lags.push(at - scheduled);
    outstanding++;
    options
      .send(index)
      .then(
        (outcome) => {
          const now = performance.now();
          lastAnswer = now;
          if ('id' in outcome) {
            sentAt.set(outcome.id, at);
            latencies.push(now - at);
            options.onAck?.(outcome.id, at);
          } else fail(outcome.failure);
        },
        (error: NodeJS.ErrnoException) => {
          lastAnswer = performance.now();
          fail(`network ${error.code ?? error.message}`);
        },
      )
      .finally(() => {
        if (--outstanding === 0) allAnswered?.();
      });
  };

  const start = performance.now();
  let index = 0;
  while (index < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; index < due; index++) fire(index, start + index * interval);
    if (index < total) {
      const wait = start + index * interval - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
  }
  if (outstanding > 0) await new Promise<void>((resolve) => (allAnswered = resolve));

  lags.sort((a, b) => a - b);
  return {
    sentAt,
    latenciesMs: latencies.sort((a, b) => a - b),
    sent: total,
    acknowledged: sentAt.size,
    failures,
    seconds: (Math.max(lastAnswer, performance.now()) - start) / 1000,
    sendLagP99Ms: percentile(lags, 0.99),
    sendLagMaxMs: lags.at(-1) ?? 0,
  };
}

/** The p-quantile (0..1) of ascending values (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
