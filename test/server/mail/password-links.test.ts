import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api-client';
import { decodeBody, useSmtpSink, type ReceivedMail } from '../../support/smtp-sink';
import { startTestServer, type TestServer, useTestServer } from '../../support/test-server';
import {
  createTenantWithUsers,
  newPassword,
  SecretLedger,
  type Tenant,
  uniqueName,
  waitFor,
} from '../../support/fixtures';

const smtp = useSmtpSink();
const server = useTestServer(() => ({ env: { SMTP_URL: smtp.url, SWITCHBOARD_MAIL_RETRY_BASE_MS: '200' } }));
let tenant: Tenant;
const secrets = new SecretLedger();

beforeAll(async () => {
  tenant = await createTenantWithUsers(server.admin, 'Links');
});

const newEmail = () => `${uniqueName('invited').replace(' ', '')}@example.test`;

/** The e-mail to `to` that arrived after `before` mails, and the token of its link. */
async function linkMailTo(to: string, before = 0): Promise<{ mail: ReceivedMail; text: string; token: string }> {
  const mail = await waitFor(`an e-mail to ${to}`, async () =>
    smtp.accepted.slice(before).find((m) => m.to.includes(to)),
  );
  const text = decodeBody(mail.raw);
  const token = /\/set-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no link in: ${text}`);
  return { mail, text, token: secrets.add(token) };
}

const check = (token: string) => new ApiClient(server.url).post('/api/auth/password-link/check', { token });
const use = (token: string, password: string) =>
  new ApiClient(server.url).post('/api/auth/password-link/use', { token, password });

describe('inviting users by e-mail', () => {
  it('creates the user, e-mails a one-time link, and the link sets the password they log in with', async () => {
    const email = newEmail();
    const before = smtp.accepted.length;
    const created = await tenant.clientAdmin.api.post('/api/users', {
      email,
      invite: true,
      role: 'agent',
      displayName: 'Ada Invited',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: 'agent', clientId: tenant.clientId });

    const { mail, text, token } = await linkMailTo(email, before);
    expect(mail.subject).toBe('Your Switchboard account');
    expect(text).toContain('Hello Ada Invited,');
    expect(text).toContain(`${server.url}/set-password#token=`);
    expect((await check(token)).body).toEqual({ email, displayName: 'Ada Invited' });

    const password = secrets.add(newPassword());
    const used = await use(token, password);
    expect(used.status).toBe(200);
    expect(used.body).toEqual({ email });
    const me = await new ApiClient(server.url).login(email, password);
    expect(me.body.email).toBe(email);

    // Once only.
    const again = await use(token, secrets.add(newPassword()));
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ field: 'token', error: expect.stringMatching(/does not work any more/) });
    expect((await check(token)).status).toBe(404);
  });

  it('keeps no usable token in the database: a hash, and the sent e-mail erased', async () => {
    const email = newEmail();
    const before = smtp.accepted.length;
    const created = await server.admin.post('/api/users', {
      email,
      invite: true,
      role: 'system_admin',
      displayName: 'Root',
    });
    expect(created.status).toBe(201);
    const { token } = await linkMailTo(email, before);
    const db = server.switchboard.database.db;
    const outbox = await waitFor('the outbox row marked sent', async () => {
      const rows = await sql<{ text_body: string; sent_at: Date | null; client_id: string | null }>`
        select text_body, sent_at, client_id from email_outbox where to_address = ${email}`.execute(db);
      return rows.rows[0]?.sent_at ? rows.rows[0] : undefined;
    });
    expect(outbox.client_id).toBeNull(); // a system admin belongs to no client
    expect(outbox.text_body).not.toContain(token);
    const stored = await sql<{ dump: string }>`
      select string_agg(row_to_json(i)::text, ' ') as dump from user_invitation i`.execute(db);
    expect(stored.rows[0]!.dump).not.toContain(token);
  });

  it('a new link replaces the old one; expired links and unknown tokens do not work', async () => {
    const email = newEmail();
    let before = smtp.accepted.length;
    const created = await tenant.clientAdmin.api.post('/api/users', {
      email,
      invite: true,
      role: 'client_admin',
      displayName: 'Twice Invited',
    });
    const first = await linkMailTo(email, before);
    before = smtp.accepted.length;
    const resent = await tenant.clientAdmin.api.post(`/api/users/${created.body.id}/password-link`, {});
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ purpose: 'invite', email });
    const second = await linkMailTo(email, before);
    expect(second.mail.subject).toBe('Your Switchboard account');
    expect((await check(first.token)).status).toBe(404);
    expect((await check(second.token)).status).toBe(200);

    await sql`update user_invitation set expires_at = now() - interval '1 second'
      where user_id = ${created.body.id}`.execute(server.switchboard.database.db);
    expect((await use(second.token, secrets.add(newPassword()))).status).toBe(404);
    expect((await check('not-a-token')).status).toBe(404);
  });

  it('sends a user who lost their password a link; the old password works until it is used', async () => {
    const password = secrets.add(newPassword());
    const email = newEmail();
    const created = await tenant.clientAdmin.api.post('/api/users', {
      email,
      password,
      role: 'agent',
      displayName: 'Forgetful',
    });
    const session = new ApiClient(server.url);
    await session.login(email, password);
    const before = smtp.accepted.length;
    const sent = await tenant.clientAdmin.api.post(`/api/users/${created.body.id}/password-link`, {});
    expect(sent.body.purpose).toBe('reset');
    const { mail, token } = await linkMailTo(email, before);
    expect(mail.subject).toBe('Set a new Switchboard password');
    expect((await session.get('/api/auth/me')).status).toBe(200);

    const chosen = secrets.add(newPassword());
    expect((await use(token, chosen)).status).toBe(200);
    // Sessions with the old password end, and only the new password works.
    expect((await session.get('/api/auth/me')).status).toBe(401);
    await new ApiClient(server.url).login(email, chosen);
    expect((await new ApiClient(server.url).post('/api/auth/login', { email, password })).status).toBe(401);

    const audit = await tenant.clientAdmin.api.get(`/api/audit-log?entityId=${created.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.password_link.send', 'user.update.own_password']),
    );
  });

  it('refuses what does not add up, with the field named', async () => {
    const both = await tenant.clientAdmin.api.post('/api/users', {
      email: newEmail(),
      invite: true,
      password: secrets.add(newPassword()),
      role: 'agent',
      displayName: 'Both',
    });
    expect(both.status).toBe(400);
    expect(both.body.field).toBe('password');
    const neither = await tenant.clientAdmin.api.post('/api/users', {
      email: newEmail(),
      role: 'agent',
      displayName: 'Neither',
    });
    expect(neither.status).toBe(400);
    expect(neither.body.field).toBe('password');
    const explicit = await tenant.clientAdmin.api.post('/api/users', {
      email: newEmail(),
      invite: false,
      password: secrets.add(newPassword()),
      role: 'agent',
      displayName: 'Not invited',
    });
    expect(explicit.status).toBe(201);
    const weak = await use('whatever', 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('password');

    const created = await tenant.clientAdmin.api.post('/api/users', {
      email: newEmail(),
      password: secrets.add(newPassword()),
      role: 'agent',
      displayName: 'Gone',
    });
    await tenant.clientAdmin.api.patch(`/api/users/${created.body.id}`, { active: false });
    const toInactive = await tenant.clientAdmin.api.post(`/api/users/${created.body.id}/password-link`, {});
    expect(toInactive.status).toBe(409);
    // An agent may not send links, and a client admin not to a system admin.
    expect((await tenant.agent.api.post(`/api/users/${created.body.id}/password-link`, {})).status).toBe(403);
    const me = await server.admin.get('/api/auth/me');
    expect((await tenant.clientAdmin.api.post(`/api/users/${me.body.id}/password-link`, {})).status).toBe(404);
  });

  it('never writes a link token or password to the log', () => {
    secrets.expectAbsentFrom(server.logLines());
  });
});

describe('without a mail server', () => {
  let plain: TestServer;
  let admin: Tenant;
  beforeAll(async () => {
    plain = await startTestServer();
    admin = await createTenantWithUsers(plain.admin, 'No mail');
  }, 60_000);
  afterAll(async () => plain?.close());

  it('says that invitations need e-mail, and creates nobody', async () => {
    const email = newEmail();
    const invited = await admin.clientAdmin.api.post('/api/users', {
      email,
      invite: true,
      role: 'agent',
      displayName: 'Not sent',
    });
    expect(invited.status).toBe(400);
    expect(invited.body.field).toBe('invite');
    expect(invited.body.error).toMatch(/SMTP_URL/);
    const listed = await admin.clientAdmin.api.get('/api/users');
    expect(listed.body.items.map((u: { email: string }) => u.email)).not.toContain(email);
    const link = await admin.clientAdmin.api.post(`/api/users/${admin.agent.id}/password-link`, {});
    expect(link.status).toBe(400);
  });
});
