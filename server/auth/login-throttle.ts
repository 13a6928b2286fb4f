export interface ThrottleKey {
  key: string;
  /** Failures allowed within the window before further attempts are refused. */
  maxFailures: number;
}

/**
 * Counts failed logins per key (account, address) in a sliding window; successful logins are
 * not limited. In memory: a restart forgets, which only ever errs on the side of the user.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly windowMs = 15 * 60 * 1000) {}

  /** Milliseconds until the next attempt is allowed for any of `keys`, or 0. */
  retryAfterMs(keys: ThrottleKey[], now = Date.now()): number {
    let wait = 0;
    for (const { key, maxFailures } of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= maxFailures)
        wait = Math.max(wait, recent[recent.length - maxFailures]! + this.windowMs - now);
    }
    return wait;
  }

  recordFailure(keys: ThrottleKey[], now = Date.now()): void {
    for (const { key } of keys) this.failures.set(key, [...this.recent(key, now), now].slice(-1000));
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
