import type { Logger } from '../logging/logger';

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface BatchCommitterOptions<T, R> {
  /** Writes a batch in one transaction and answers each item's result. */
  commit: (items: T[]) => Promise<Map<T, R>>;
  /** Called with the items of a batch once it has committed. */
  afterCommit?: (items: T[], results: Map<T, R>) => void;
  maxBatch?: number;
  maxConcurrentBatches?: number;
  logger?: Logger;
  what: string;
}

/**
 * Groups concurrent writes into one transaction per batch: a batch starts as soon as a
 * connection is free and takes everything that queued meanwhile, so a lone write waits for
 * nobody and a burst shares its commits. Each caller's promise settles only after the
 * transaction holding its item has committed (or failed). A failing batch is retried item by
 * item, so one bad item never fails its neighbours.
 */
export class BatchCommitter<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private startScheduled = false;
  private readonly maxBatch: number;
  private readonly maxConcurrentBatches: number;

  constructor(private readonly options: BatchCommitterOptions<T, R>) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 4;
  }

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.scheduleStart();
    });
  }

  /**
   * Batches start on the next turn of the event loop, after the requests already read in this
   * turn have queued: otherwise each write would take a free connection alone (on the embedded
   * database, every write would be a commit of its own).
   */
  private scheduleStart(): void {
    if (this.startScheduled) return;
    this.startScheduled = true;
    setImmediate(() => {
      this.startScheduled = false;
      this.startBatches();
    });
  }

  /** Resolves once everything submitted so far has been committed or refused. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private startBatches(): void {
    while (this.inFlight < this.maxConcurrentBatches && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.commitBatch(batch).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  }

  private async commitBatch(batch: Pending<T, R>[]): Promise<void> {
    const items = batch.map((p) => p.item);
    let results: Map<T, R>;
    try {
      results = await this.options.commit(items);
    } catch (error) {
      if (batch.length === 1) {
        this.options.logger?.error({ err: error }, `${this.options.what}: write failed`);
        batch[0]!.reject(error);
        return;
      }
      this.options.logger?.warn(
        { err: error, size: batch.length },
        `${this.options.what}: batch failed, writing one by one`,
      );
      await Promise.all(batch.map((pending) => this.commitBatch([pending])));
      return;
    }
    for (const pending of batch) pending.resolve(results.get(pending.item)!);
    try {
      this.options.afterCommit?.(items, results);
    } catch (error) {
      this.options.logger?.error({ err: error }, `${this.options.what}: after-commit hook failed`);
    }
  }
}
