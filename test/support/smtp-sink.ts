import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { useForAll } from './use-for-all';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
  messageId: string | undefined;
  subject: string | undefined;
  /** Whether the session was encrypted (TLS). */
  secure: boolean;
}

/** What the server answers at the end of DATA: accept, or an SMTP error with its code. */
export type SmtpAnswer = 'accept' | { code: number; message: string };

export interface SmtpSinkOptions {
  port?: number;
  user?: string;
  password?: string;
  /** Speak implicit TLS (smtps://) with this key and certificate (see test/support/tls/). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * A real SMTP server on 127.0.0.1 for tests: it records every message it accepted and every
 * attempt, and answers each DATA as `answer()` says (so tests can make it fail and recover).
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const accepted: ReceivedMail[] = [];
  const attempts: ReceivedMail[] = [];
  let answer: () => SmtpAnswer = () => 'accept';
  const server = new SMTPServer({
    ...(options.tls ? { secure: true, key: options.tls.key, cert: options.tls.cert } : {}),
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.user && (auth.username !== options.user || auth.password !== options.password)) {
        return callback(new Error('Invalid username or password'));
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header(raw, 'Message-ID'),
          subject: header(raw, 'Subject'),
          secure: session.secure,
        };
        attempts.push(mail);
        const verdict = answer();
        if (verdict === 'accept') {
          accepted.push(mail);
          return callback();
        }
        const error = new Error(verdict.message) as Error & { responseCode: number };
        error.responseCode = verdict.code;
        callback(error);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.user ? `${options.user}:${encodeURIComponent(options.password ?? '')}@` : '';
  return {
    port,
    url: `${options.tls ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${port}`,
    accepted,
    attempts,
    answerWith(next: () => SmtpAnswer) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One SMTP sink for the test file or `describe` (see `useForAll`); called before `useTestServer`,
 * it starts before the server and closes after it.
 */
export function useSmtpSink(options: SmtpSinkOptions = {}) {
  return useForAll(
    'The SMTP sink',
    () => startSmtpSink(options),
    (sink) => sink.close(),
    (current, replace) => ({
      /** Starts a new sink, with the same options, on the port of the last one (closed by the test). */
      async startAgain() {
        replace(await startSmtpSink({ ...options, port: current().port }));
      },
    }),
  );
}

function header(raw: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(raw);
  return match?.[1]?.trim();
}

/** The text part of a simple message (quoted-printable or 8bit), decoded. */
export function decodeBody(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  if (!/Content-Transfer-Encoding:\s*quoted-printable/i.test(raw)) return body;
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
