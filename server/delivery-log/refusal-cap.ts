import { sentence } from '../../i18n/sentence';
import type { DeliveryRecord } from './delivery-record';

/**
 * Refusals kept one by one, per connector and second. A flood of bad requests (a wrong token in
 * a loop, a scanner) is answered cheaply, and its log must not fill the disk: beyond this many in
 * one second a connector's refusals are only counted, and the second ends with one summary row.
 * Capping (not sampling) keeps the first refusals of each second whole, which is what an admin
 * looks at, and the summary keeps the count exact. Worst case per connector: 5 + 1 rows a second,
 * 518,400 rows a day. A row holds at most a 4 KiB body plus the URL and headers Node accepts
 * (16 KiB): about 5 KiB for a typical refusal, 2.5 GiB a day before TOAST compression (repeated
 * requests compress well), 10 GiB at the very worst; the retention sweep bounds the total. Requests without a connector (unknown numbers) share one bucket. Stored SMS and parts,
 * repeats and ignored events are never capped: the intake's own limits bound them.
 */
export const DEFAULT_REFUSALS_PER_SECOND = 5;

interface Bucket {
  second: number;
  recorded: number;
  unrecorded: number;
  /** The last refusal not recorded: the summary row shows its status, provider and request. */
  last: DeliveryRecord | undefined;
}

/** Which refusals are recorded one by one, and the summary rows of the rest (see DEFAULT_REFUSALS_PER_SECOND). */
export class RefusalCap {
  private readonly buckets = new Map<string, Bucket>();
  private ended: DeliveryRecord[] = [];

  constructor(private readonly perSecond = DEFAULT_REFUSALS_PER_SECOND) {}

  /** True when this refusal is to be recorded itself; otherwise it is counted into its second's summary. */
  admit(refusal: DeliveryRecord): boolean {
    const key = refusal.connectorId ?? '';
    const time = refusal.receivedAt.getTime();
    // An invalid time would open a second that never ends.
    const second = Math.floor((Number.isFinite(time) ? time : Date.now()) / 1000);
    let bucket = this.buckets.get(key);
    if (bucket && second > bucket.second) {
      this.end(bucket);
      bucket = undefined;
    }
    if (!bucket) {
      bucket = { second, recorded: 0, unrecorded: 0, last: undefined };
      this.buckets.set(key, bucket);
    }
    if (bucket.recorded < this.perSecond) {
      bucket.recorded++;
      return true;
    }
    bucket.unrecorded++;
    bucket.last = refusal;
    return false;
  }

  get open(): boolean {
    return this.buckets.size > 0 || this.ended.length > 0;
  }

  /** The summary rows of the seconds that ended before `nowMs` (all of them for `Infinity`). */
  takeSummaries(nowMs: number): DeliveryRecord[] {
    const current = Math.floor(nowMs / 1000);
    for (const [key, bucket] of this.buckets) {
      if (bucket.second < current) {
        this.buckets.delete(key);
        this.end(bucket);
      }
    }
    const summaries = this.ended;
    this.ended = [];
    return summaries;
  }

  private end(bucket: Bucket): void {
    if (!bucket.last) return;
    this.ended.push({
      ...bucket.last,
      smsId: null,
      reason: sentence('delivery.summarised', { count: bucket.unrecorded }),
    });
  }
}
