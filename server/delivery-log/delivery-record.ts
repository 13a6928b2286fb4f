import type { DeliveryOutcome, Provider } from '../../contract/domain';
import type { Sentence } from '../../i18n/sentence';

/** A request to a receiver endpoint as it arrived: redacted and cut only when the log is written. */
export interface ArrivedRequest {
  method: string;
  /** The URL as requested (`http://…/SMSReceiver?receiver=…&token=…`; the origin may be left out). */
  url: string;
  headers: ReadonlyMap<string, string> | Headers;
  /** The body's bytes, when they were read. */
  body: Uint8Array | undefined;
  /** Query, body field and header names (any case) whose values are secrets, besides the usual ones. */
  secretNames: ReadonlyArray<string>;
}

/** One line of the delivery log, as the receiver hands it over. */
export interface DeliveryRecord {
  receivedAt: Date;
  provider: Provider;
  connectorId: string | null;
  clientId: string | null;
  status: number;
  outcome: DeliveryOutcome;
  reason: Sentence;
  smsId: string | null;
  clientAddress: string | null;
  request: ArrivedRequest;
}

/**
 * Where the receiver writes its delivery log. `record` returns at once and never throws: the log
 * is written in batches beside the intake, and a flood of refusals is capped (see the writer).
 */
export interface DeliveryLog {
  record(entry: DeliveryRecord): void;
}

/** A log that keeps nothing, for tools and tests that do not look at it. */
export const noDeliveryLog: DeliveryLog = { record: () => {} };
