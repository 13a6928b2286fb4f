import type { Provider } from '../../contract/domain';
import type { ArrivedRequest } from './delivery-record';
import { requestOfStoredSms } from './redact-request';

/**
 * The delivery log's line of an SMS the receiver stores. It is kept with the SMS, in
 * inbound_sms.delivery, by the very statement that stores it, and the log reads it from there
 * (routes/delivery-log.ts): the most frequent line costs the intake no row, no index entry and
 * no batch of its own, and is as durable as the SMS. Repeats, parts and refusals go through the
 * writer. Its content is the SMS itself, so the request keeps only where it came from and how.
 */
export interface AcceptedLine {
  provider: Provider;
  /** The status the request is answered with once the SMS is stored. */
  status: number;
  clientAddress: string | null;
  method: string;
  path: string;
  contentType: string | null;
  userAgent: string | null;
}

export function acceptedLine(
  provider: Provider,
  status: number,
  clientAddress: string | null,
  request: ArrivedRequest,
): AcceptedLine {
  const kept = requestOfStoredSms(request);
  return {
    provider,
    status,
    clientAddress,
    method: kept.method,
    path: kept.path,
    contentType: kept.headers['content-type'] ?? null,
    userAgent: kept.headers['user-agent'] ?? null,
  };
}
