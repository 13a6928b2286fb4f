import type { Provider } from '../../contract/domain';
import { uuid7 } from '../db/uuid7';
import type { ArrivedRequest } from './delivery-record';
import { requestOfStoredSms } from './redact-request';

/**
 * The delivery log's line of an SMS the receiver stores, written by the very statement that
 * stores the SMS (see sms-store.ts): the most frequent line costs the intake no queue, no batch
 * of its own, and is as durable as the SMS. Repeats, parts and refusals go through the writer.
 */
export interface AcceptedLine {
  id: string;
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
    id: uuid7(),
    provider,
    status,
    clientAddress,
    method: kept.method,
    path: kept.path,
    contentType: kept.headers['content-type'] ?? null,
    userAgent: kept.headers['user-agent'] ?? null,
  };
}
