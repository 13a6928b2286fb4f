/**
 * Tells other instances that something changed, after the change committed, with at most one
 * notification in flight: signals raised meanwhile go together in the next one.
 *
 * Why not `pg_notify` inside the transaction that made the change: PostgreSQL serialises the
 * commits of notifying transactions (they queue for one lock held through the commit's WAL
 * flush), so a notification in every reply's transaction made replies commit one after another.
 * A crash between a commit and its notification costs the other instances only the wake-up: they
 * sweep anyway.
 */
export class CoalescedNotify {
  private pending = false;
  private sending = false;

  constructor(
    private readonly send: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  signal(): void {
    if (this.pending) return;
    this.pending = true;
    if (!this.sending) setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    if (this.sending || !this.pending) return;
    this.sending = true;
    this.pending = false;
    try {
      await this.send();
    } catch (err) {
      this.onError(err);
    } finally {
      this.sending = false;
      if (this.pending) void this.flush();
    }
  }
}
