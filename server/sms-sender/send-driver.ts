import type { SendDriverName } from '../../contract/domain';
import type { Network } from '../routing/safe-http-client';

// The one interface every SMS send driver implements (generic HTTP, Twilio, Vonage, Plivo), and
// what a driver is built from. The outbox worker (and anything else that sends) knows only this:
//
//   const connector = await loadSendDriver(db, sendConnectorId, { secretKey, network });
//   const result = await connector.driver.send({ to, from, text, reference, statusCallbackUrl }, signal);
//
// (`loadSendDriver` reads the row and its client's allowed hosts; `createSendDriver` builds one
// from a row already read.)
//
// `send` never throws for what the provider or the network does: every outcome is a `SendResult`.
// A driver holds no state between calls besides its settings, so one may be built per message or
// kept per connector (rebuild it when the connector changes).

/** One SMS to send. */
export interface OutboundSms {
  /** The recipient, E.164 (`+49170…`). */
  to: string;
  /** The sender: E.164, or an alphanumeric id where the driver allows one (see contract/send-drivers.ts). */
  from: string;
  text: string;
  /**
   * Our own id of this message (e.g. the outbox row's id). Sent where the provider carries one
   * (Vonage `client-ref`; the generic driver's `{{reference}}`), so that a delivery report or a
   * provider's log can be matched to it even when the answer to the send was lost.
   */
  reference: string;
  /** Where the provider should POST delivery reports for this message (Twilio StatusCallback, Vonage callback, Plivo url). */
  statusCallbackUrl?: string | undefined;
}

/**
 * What became of a send:
 * - `sent`: the provider accepted the message; `providerMessageId` is its id (Twilio `sid`, Vonage
 *   `message-id`, Plivo `message_uuid`, the generic driver's `messageIdPath`), null when the answer names none.
 * - `failed`: not accepted. `retryable` says whether sending again later may succeed (429, 5xx,
 *   network errors and timeouts, Vonage "throttled") or not (the provider refused the message or
 *   the credentials; the connector is misconfigured). `error` is the provider's own words where it
 *   gave any (Twilio `code`/`message`, Vonage `error-text`, Plivo `error`), never a credential.
 *
 * A timeout or a lost connection after the request was sent is `failed` and `retryable`, although
 * the provider may have accepted the message: a retry can then send it twice. Per driver:
 * - Twilio's Messages API and Plivo's Message API take no idempotency key: nothing on their side
 *   stops a second send; only the caller can (e.g. not retrying before the status callback had time).
 * - Vonage echoes `client-ref` (our `reference`) in its delivery receipts, so a duplicate can be
 *   recognised afterwards, not prevented.
 * - The generic driver can pass `{{reference}}` as the gateway's idempotency key (a header such as
 *   `Idempotency-Key: {{reference}}`), where the gateway honours one.
 */
export type SendResult =
  { kind: 'sent'; providerMessageId: string | null } | { kind: 'failed'; retryable: boolean; error: string };

export interface SendDriver {
  readonly driver: SendDriverName;
  send(sms: OutboundSms, signal?: AbortSignal): Promise<SendResult>;
}

/** How a driver reaches its provider: through the SSRF-guarded client, with the client's allowed hosts. */
export interface SendTransport {
  /** The connector's client's allowed hosts (client.http_allowed_hosts): only they may be on private networks. */
  allowedHosts: ReadonlySet<string>;
  /** Where names resolve and connections go: the machine's network unless a test stands in. */
  network?: Network | undefined;
  /** How long one send may take (default 10 s, at most 30 s). */
  timeoutMs?: number | undefined;
  /** The largest answer read (default 64 KiB); a larger one fails the send. */
  maxResponseBytes?: number | undefined;
}

export const sent = (providerMessageId: string | null): SendResult => ({ kind: 'sent', providerMessageId });
export const failed = (error: string, retryable: boolean): SendResult => ({ kind: 'failed', retryable, error });
