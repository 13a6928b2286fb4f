import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, MailDeliveryError } from '../../../server/mail/smtp-mailer';
import { startServerProcess } from '../../support/server-process';
import { startSmtpSink } from '../../support/smtp-sink';
import { createTestDatabaseLocation } from '../../support/test-database';
import { createTenant, waitFor } from '../../support/fixtures';

/**
 * SMTP_URL=smtps://… : implicit TLS, with the server's certificate verified. The sink's
 * certificate (for 127.0.0.1) is signed by a test CA that nothing trusts unless told to.
 */
const TLS_DIR = new URL('../../support/tls/', import.meta.url);
const CA_FILE = fileURLToPath(new URL('ca.pem', TLS_DIR));

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink({
    tls: { key: readFileSync(new URL('server-key.pem', TLS_DIR)), cert: readFileSync(new URL('server.pem', TLS_DIR)) },
  });
});
afterAll(async () => smtp?.close());

const email = { messageId: '<smtps-test@switchboard.test>', to: 'agent@example.test', subject: 'Hi', text: 'Body' };

describe('smtps://', () => {
  it('speaks TLS from the first byte', () => {
    expect(smtp.url).toMatch(/^smtps:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a server whose certificate it cannot verify, saying why, and sends nothing', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'sb@switchboard.test', timeoutMs: 5000 });
    try {
      const error = await mailer.send(email).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).permanent).toBe(false);
      expect((error as MailDeliveryError).message).toMatch(
        /^The mail server could not be reached \(.*certificate.*\)$/,
      );
      expect(smtp.attempts).toHaveLength(0);
    } finally {
      mailer.close();
    }
  });

  it('delivers over TLS once the CA is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const admin = { SWITCHBOARD_ADMIN_EMAIL: 'admin@smtps.test', SWITCHBOARD_ADMIN_PASSWORD: 'smtps admin password 1' };
    const location = await createTestDatabaseLocation();
    try {
      const running = await startServerProcess({
        ...location.env,
        ...admin,
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Switchboard <noreply@smtps.test>',
        NODE_EXTRA_CA_CERTS: CA_FILE,
      });
      try {
        const api = await running.signInAdmin();
        const { clientId } = await createTenant(api, { reseller: 'TLS reseller', client: 'TLS client' });
        const invited = await api.post('/api/users', {
          email: 'invited@smtps.test',
          invite: true,
          role: 'agent',
          clientId,
          displayName: 'Over TLS',
        });
        expect(invited.status).toBe(201);
        const mail = await waitFor('the invitation accepted', async () =>
          smtp.accepted.find((m) => m.to.includes('invited@smtps.test')),
        );
        expect(mail.secure).toBe(true);
        expect(mail.from).toBe('noreply@smtps.test');
      } finally {
        await running.stop();
      }
    } finally {
      await location.drop();
    }
  }, 120_000);
});
