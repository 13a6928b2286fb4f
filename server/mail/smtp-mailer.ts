import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail; resolves once the SMTP server accepted it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** Why a message was not accepted, and whether trying again can help. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** The server refused for good (an SMTP 5xx answer): trying again cannot help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface SmtpSettings {
  /** smtp://user:password@host:port or smtps://… */
  url: string;
  from: string;
  timeoutMs?: number;
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const timeout = settings.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: 4,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Never let nodemailer log: it would write credentials and addresses.
    logger: false,
    debug: false,
  });
  return {
    async send(email) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: email.messageId,
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** nodemailer's name for a refusal of this message or recipient (not of our login or sender). */
const isAboutTheMessage = (error: { code?: string; command?: string }) =>
  error.code === 'EMESSAGE' || (error.code === 'EENVELOPE' && error.command === 'RCPT TO');

function toDeliveryError(error: unknown): MailDeliveryError {
  const code = (error as { responseCode?: number }).responseCode;
  const response = (error as { response?: string }).response;
  if (typeof code === 'number') {
    // A 5xx to AUTH or MAIL FROM is a setting to fix (SMTP_URL, SMTP_FROM), not a bad message:
    // retried, so the mail goes out once the setting is right.
    const permanent = code >= 500 && isAboutTheMessage(error as { code?: string; command?: string });
    return new MailDeliveryError(`The mail server answered ${response ?? code}`.slice(0, 500), permanent);
  }
  // A failed connection or TLS handshake is nodemailer's ESOCKET, which keeps the socket's own
  // error: its message says what went wrong (a refused connection, an untrusted certificate …).
  const socket = error as { code?: string; originalCode?: string };
  const reason =
    socket.originalCode && error instanceof Error
      ? error.message
      : (socket.code ?? (error instanceof Error ? error.message : String(error)));
  return new MailDeliveryError(`The mail server could not be reached (${reason})`.slice(0, 500), false);
}

/** The SMTP URL without its password, for log lines and messages. */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an invalid SMTP_URL';
  }
}
