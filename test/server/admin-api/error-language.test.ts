import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { createTenantWithUsers, type Tenant } from '../../support/fixtures';

const server = useTestServer();
let english: Tenant;
let german: Tenant;

beforeAll(async () => {
  [english, german] = [
    await createTenantWithUsers(server.admin, 'Errors'),
    await createTenantWithUsers(server.admin, 'Fehler'),
  ];
  expect((await german.clientAdmin.api.patch('/api/auth/me', { language: 'de' })).status).toBe(200);
});

/** A request as `user` (their session), with the browser's `Accept-Language`. */
async function send(
  user: Tenant['clientAdmin'] | undefined,
  method: string,
  path: string,
  body?: unknown,
  accept?: string,
) {
  const headers: Record<string, string> = { ...user?.api.authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (accept) headers['accept-language'] = accept;
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error: string; field?: string } };
}

describe('the admin API’s error sentences', () => {
  it('answers a German user in German, naming the same field, whatever the browser prefers', async () => {
    const past = { name: 'Old key', expiresAt: new Date(Date.now() - 60_000).toISOString() };
    const inEnglish = await send(english.clientAdmin, 'POST', '/api/api-keys', past);
    const inGerman = await send(german.clientAdmin, 'POST', '/api/api-keys', past, 'en-US,en;q=0.9');
    expect(inEnglish).toEqual({ status: 400, body: { error: 'expiresAt: must be in the future', field: 'expiresAt' } });
    expect(inGerman).toEqual({
      status: 400,
      body: { error: 'expiresAt: muss in der Zukunft liegen', field: 'expiresAt' },
    });
  });

  it('says a rule of the server, an unknown field and a missing object in German', async () => {
    const self = german.clientAdmin;
    expect(await send(self, 'PATCH', `/api/users/${self.id}`, { active: false })).toEqual({
      status: 400,
      body: { error: 'Sie können sich nicht selbst deaktivieren', field: 'active' },
    });
    expect((await send(self, 'POST', '/api/api-keys', { name: 'Key', colour: 'red' })).body).toEqual({
      error: 'colour ist kein bekanntes Feld',
      field: 'colour',
    });
    expect((await send(self, 'POST', '/api/api-keys', {})).body).toEqual({
      error: 'name: erforderlich',
      field: 'name',
    });
    expect((await send(self, 'GET', `/api/connectors/${randomUUID()}`)).body).toEqual({
      error: 'SMS Empfangskonnektor nicht gefunden',
    });
  });

  it('answers in the browser’s language when nobody is logged in', async () => {
    const wrong = { email: german.agent.email, password: 'not the password' };
    expect(await send(undefined, 'POST', '/api/auth/login', wrong, 'de-DE,de;q=0.9,en;q=0.8')).toEqual({
      status: 401,
      body: { error: 'E-Mail-Adresse oder Passwort falsch' },
    });
    expect((await send(undefined, 'GET', '/api/connectors', undefined, 'de')).body).toEqual({
      error: 'Melden Sie sich zuerst an, oder senden Sie einen gültigen API-Schlüssel',
    });
    expect((await send(undefined, 'POST', '/api/auth/login', wrong, 'fr-FR, en;q=0.5')).body).toEqual({
      error: 'Wrong e-mail or password',
    });
    expect((await send(undefined, 'POST', '/api/auth/login', wrong)).body.error).toBe('Wrong e-mail or password');
  });

  it('answers an English user in English, even from a German browser, when they chose English', async () => {
    const agent = english.agent;
    expect((await agent.api.patch('/api/auth/me', { language: 'en' })).status).toBe(200);
    expect((await send(agent, 'DELETE', `/api/users/${agent.id}`, undefined, 'de')).body.error).toBe(
      'Your role may not do this',
    );
  });
});
