import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, MailDeliveryError, redactSmtpUrl } from '../../../server/mail/smtp-mailer';
import { startSmtpSink } from '../../support/smtp-sink';

const PASSWORD = 'smtp-pw-0815';
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink({ user: 'switchboard', password: PASSWORD });
});
afterAll(async () => {
  await smtp?.close();
});

const email = { messageId: '<mailer-test@switchboard.test>', to: 'agent@example.test', subject: 'Hi', text: 'Body' };

async function failureOf(send: Promise<void>): Promise<MailDeliveryError> {
  const error = await send.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MailDeliveryError);
  return error as MailDeliveryError;
}

async function withMailer<T>(url: string, use: (mailer: ReturnType<typeof createSmtpMailer>) => Promise<T>) {
  const mailer = createSmtpMailer({ url, from: 'Switchboard <sb@switchboard.test>', timeoutMs: 2000 });
  try {
    return await use(mailer);
  } finally {
    mailer.close();
  }
}

describe('createSmtpMailer', () => {
  it('resolves once the server accepted the message, with our Message-ID', async () => {
    await withMailer(smtp.url, (mailer) => mailer.send(email));
    expect(smtp.accepted.at(-1)).toMatchObject({ messageId: email.messageId, to: [email.to], subject: 'Hi' });
  });

  it('calls a 5xx answer to the message permanent and a 4xx one transient', async () => {
    try {
      smtp.answerWith(() => ({ code: 550, message: 'Mailbox unavailable' }));
      const refused = await failureOf(withMailer(smtp.url, (mailer) => mailer.send(email)));
      expect(refused.permanent).toBe(true);
      expect(refused.message).toMatch(/550/);
      smtp.answerWith(() => ({ code: 451, message: 'Try again later' }));
      const deferred = await failureOf(withMailer(smtp.url, (mailer) => mailer.send(email)));
      expect(deferred.permanent).toBe(false);
      expect(deferred.message).toMatch(/451/);
    } finally {
      smtp.answerWith(() => 'accept');
    }
  });

  it('calls a refused recipient permanent', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const error = await failureOf(withMailer(`smtp://127.0.0.1:${port}`, (mailer) => mailer.send(email)));
      expect(error.permanent).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('retries a refused login (a setting to fix, not a bad message) and never repeats the password', async () => {
    const wrong = smtp.url.replace(encodeURIComponent(PASSWORD), 'not-the-password');
    const error = await failureOf(withMailer(wrong, (mailer) => mailer.send(email)));
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/535/);
    expect(error.message).not.toContain('not-the-password');
    expect(redactSmtpUrl(smtp.url)).not.toContain(PASSWORD);
  });

  it('calls an unreachable server transient', async () => {
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const error = await failureOf(withMailer(`smtp://127.0.0.1:${port}`, (mailer) => mailer.send(email)));
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/could not be reached/);
  });
});
