/**
 * A first-in first-out queue bounded by count and by a size of its items (bytes they hold):
 * beyond either bound the oldest items are dropped and counted. Pushing and taking are O(1)
 * amortised, so a flood against a full queue costs no copying per item.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private totalSize = 0;
  private droppedCount = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxSize: number,
    private readonly sizeOf: (item: T) => number,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** How many items were dropped since the last call. */
  takeDropped(): number {
    const dropped = this.droppedCount;
    this.droppedCount = 0;
    return dropped;
  }

  push(item: T): void {
    this.items.push(item);
    this.totalSize += this.sizeOf(item);
    this.trim();
  }

  /** Removes and answers the `count` oldest items. */
  take(count: number): T[] {
    const taken = this.items.slice(this.head, this.head + count);
    this.head += taken.length;
    for (const item of taken) this.totalSize -= this.sizeOf(item);
    this.compact();
    return taken;
  }

  /** Puts taken items back in front (a write failed), dropping the oldest if the queue is now over its bounds. */
  putBack(taken: T[]): void {
    this.items = [...taken, ...this.items.slice(this.head)];
    this.head = 0;
    for (const item of taken) this.totalSize += this.sizeOf(item);
    this.trim();
  }

  private trim(): void {
    while (this.length > 0 && (this.length > this.maxItems || this.totalSize > this.maxSize)) {
      this.totalSize -= this.sizeOf(this.items[this.head]!);
      this.items[this.head] = undefined as T; // let it be collected before the array is compacted
      this.head++;
      this.droppedCount++;
    }
    this.compact();
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
