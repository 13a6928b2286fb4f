/** What an `http_request` node asks the outside world for. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  json: unknown;
}

export interface AcdGroupStatus {
  availableAgents: number;
  queueLength: number;
}

/** What a `send_email` node asks to be sent. */
export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** What a `send_sms` node asks to be sent. */
export interface SmsMessage {
  /** The recipient, E.164 (the node checked it). */
  to: string;
  text: string;
  /** The send connector chosen on the node; null: the one of the connector the SMS came in on. */
  sendConnectorId: string | null;
}

/**
 * Whether the message was accepted for sending (stored in the outbox, or recorded in a simulation),
 * or why not: `reason` is a short code for the run's variable (`noSendConnector`, `optedOut`, …,
 * whatever the send path refuses with), `message` the words for the trace.
 */
export type SmsSendResult = { sent: true } | { sent: false; reason: string; message: string };

/**
 * Everything a run may need from outside. The server passes real implementations (the
 * SSRF-safe HTTP client is its job); tests and simulations pass fakes.
 */
export interface WorkflowServices {
  /** `step.nodeId` lets fakes answer per node; real clients may ignore it. */
  http(request: HttpRequest, step: { nodeId: string }): Promise<HttpResponse>;
  acd: {
    groupStatus(acdGroupId: string): Promise<AcdGroupStatus>;
  };
  email: {
    /** Queues the message durably (resolves once stored, not once delivered). */
    send(message: EmailMessage, step: { nodeId: string }): Promise<void>;
  };
  sms: {
    /** Queues the message durably, at most once per SMS and node; resolves once stored, not once delivered. */
    send(message: SmsMessage, step: { nodeId: string }): Promise<SmsSendResult>;
  };
  /** A number in [0, 1). */
  random(): number;
  /** The clock; `Date.now` when absent. */
  now?: () => Date;
}
