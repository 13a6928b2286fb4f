import type { NativeProvider } from '../../../contract/domain';
import type { Sentence } from '../../../i18n/sentence';

/**
 * One request to `/SMSReceiver/<provider>`, read once by the route and handed to the provider's
 * adapter. Pure data: adapters do no I/O, so each is tested with the provider's documented
 * payloads and signature vectors alone.
 */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  /**
   * The URL the provider called and signed, rebuilt from SWITCHBOARD_PUBLIC_URL (never from the
   * Host header alone): origin + path + the query exactly as it arrived.
   */
  url: string;
  /** The request's headers by lower-case name (a name sent twice: its values joined by `, `). */
  headers: { get(name: string): string | undefined };
  /** The body exactly as it arrived (signatures are over these bytes). Empty for a GET. */
  body: Uint8Array;
  /** The media type of the body, lower case, without parameters ('' when none). */
  contentType: string;
  /** The charset parameter of the Content-Type, if any. */
  charset: string | undefined;
  /** The query's parameters, decoded, in arrival order. */
  query: ReadonlyMap<string, string>;
  /** The form body's parameters when the body is form-encoded (or multipart), else empty. */
  form: ReadonlyMap<string, string>;
  /** When the request arrived (signature time windows are checked against it). */
  now: Date;
}

/** Where one part of a multipart SMS belongs. */
export interface PartOf {
  /** The provider's reference of the whole message, the same on all its parts. */
  ref: string;
  /** How many parts the whole message has (2 or more). */
  total: number;
  /** This part's place, 1-based. */
  index: number;
}

/** The SMS (or one part of it) read from a provider's request. */
export interface ProviderMessage {
  /** The number the SMS was sent to, as the provider wrote it (it selects the connector). */
  receiver: string;
  /** The sender's number, or an alphanumeric sender id, as sent. */
  sender: string;
  /** The text, decoded (a binary part's bytes decoded as its encoding says). */
  text: string;
  /** The provider's id of this SMS (of this part, for a multipart SMS): deliveries are deduplicated on it. */
  messageId: string | null;
  /** A keyword the provider assigned, if it sends one. */
  keyword?: string;
  /** Set when this is one part of a multipart SMS that arrives part by part. */
  part?: PartOf;
  /** The payload's fields as they may be stored with the SMS: no secrets, JSON-compatible. */
  fields: Record<string, unknown>;
}

export type ParsedWebhook =
  | { kind: 'message'; message: ProviderMessage }
  /** A well-formed request that carries no inbound SMS (a delivery report, another event type): answered as accepted, nothing stored. */
  | { kind: 'ignored'; reason: Sentence }
  /** Unusable: `reason` says what is wrong (`delivery.field.*`, `delivery.body.*`), `field` names the payload field when there is one. */
  | { kind: 'invalid'; reason: Sentence; field?: string };

export type SignatureVerdict =
  | { valid: true }
  /** Why (`delivery.signature.*`), never quoting the secret or the expected signature. */
  | { valid: false; reason: Sentence };

/** Why a request is not accepted; each provider maps these to the status its retry rule asks for. */
export type Refusal =
  | 'invalid' // the payload is unusable: retrying cannot help
  | 'unknownNumber' // no connector of this provider has the receiver number
  | 'badSignature' // enforce mode, and the signature is missing, wrong or stale
  | 'badToken' // the connector requires a token and none or a wrong one came
  | 'tooLarge' // the body or the text is over the limit
  | 'unrouted' // the connector has no ACD group or routing application
  | 'storeFailed'; // storing failed: the provider should retry

/** An answer's status and body, as the provider expects it. */
export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A provider's webhook as the route reads and answers it (its methods and words are in contract/provider-webhooks.ts). */
export interface ProviderAdapter {
  provider: NativeProvider;
  /** Reads the inbound SMS out of the request. Never throws on hostile input. */
  parse(request: WebhookRequest): ParsedWebhook;
  /**
   * Checks the request's signature with the connector's secret (for Telnyx: its public key), in
   * constant time where a computed value is compared. Never throws.
   */
  verify(request: WebhookRequest, secret: string): SignatureVerdict;
  /** The answer once the SMS (or part) is stored, or the request was well-formed and ignored. */
  accepted(): WebhookAnswer;
  /**
   * The status a refusal is answered with. Chosen with the provider's retry rule in mind: a
   * permanent refusal must not start days of retries, a store failure must be retried.
   */
  refusalStatus(refusal: Refusal): number;
  /** Names of headers, query or body fields that carry secrets: redacted in the delivery log. */
  secretFields: ReadonlyArray<string>;
}

/** The usual statuses: what the generic contract answers. */
export const standardRefusalStatus: Record<Refusal, number> = {
  invalid: 400,
  unknownNumber: 404,
  badSignature: 401,
  badToken: 401,
  tooLarge: 413,
  unrouted: 502,
  storeFailed: 500,
};

export const emptyXmlResponse = (contentType: string): WebhookAnswer => ({
  status: 200,
  contentType,
  body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
});
