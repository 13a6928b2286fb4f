import { request as httpRequest, type Agent } from 'node:http';
import { expect } from 'vitest';
import { ApiClient, type ApiResponse } from '../../support/api-client';

/** Numbers unique within one test file (each file has its own database). */
let numberSequence = 0;
export function uniqueNumber(): string {
  numberSequence += 1;
  return `+4917055${String(numberSequence).padStart(5, '0')}`;
}

let nameSequence = 0;
export function uniqueName(prefix: string): string {
  nameSequence += 1;
  return `${prefix} ${nameSequence}`;
}

/** A password long enough for the API; unique so a log search for it means something. */
export function newPassword(): string {
  return `pw-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

/** Every secret a test file handed to or got from the server, to search the log for at the end. */
export class SecretLedger {
  private readonly values = new Set<string>();

  add(secret: string | undefined): string {
    if (!secret) throw new Error('expected a secret, got nothing');
    this.values.add(secret);
    return secret;
  }

  all(): string[] {
    return [...this.values];
  }

  /** Fails naming the first secret (by its first characters) found in any log line. */
  expectAbsentFrom(lines: string[]): void {
    expect(lines.length).toBeGreaterThan(0);
    expect(this.values.size).toBeGreaterThan(0);
    for (const secret of this.values) {
      const line = lines.find((l) => l.includes(secret));
      expect(line, `secret ${secret.slice(0, 6)}… appears in a log line`).toBeUndefined();
    }
  }
}

export interface UserHandle {
  id: string;
  email: string;
  password: string;
  api: ApiClient;
}

/** Creates a user through the API as `creator` and logs in as them with a fresh client. */
export async function createUser(
  creator: ApiClient,
  baseUrl: string,
  fields: { role: string; clientId?: string; resellerId?: string; displayName?: string },
  ledger?: SecretLedger,
): Promise<UserHandle> {
  const password = newPassword();
  ledger?.add(password);
  const email = `${fields.role}.${uniqueName('u').replace(' ', '')}@example.test`;
  const created = await creator.post('/api/users', {
    email,
    password,
    displayName: fields.displayName ?? `${fields.role} user`,
    role: fields.role,
    ...(fields.clientId ? { clientId: fields.clientId } : {}),
    ...(fields.resellerId ? { resellerId: fields.resellerId } : {}),
  });
  if (created.status !== 201)
    throw new Error(`creating ${fields.role}: ${created.status} ${JSON.stringify(created.body)}`);
  const api = new ApiClient(baseUrl);
  await api.login(email, password);
  return { id: created.body.id, email, password, api };
}

export interface Tenant {
  resellerId: string;
  clientId: string;
  resellerAdmin: UserHandle;
  clientAdmin: UserHandle;
  agent: UserHandle;
}

/** A reseller with one client, a reseller admin, a client admin and an agent, all logged in. */
export async function createTenant(
  admin: ApiClient,
  baseUrl: string,
  label: string,
  ledger?: SecretLedger,
): Promise<Tenant> {
  const reseller = await admin.post('/api/resellers', { name: `Reseller ${label}` });
  expect(reseller.status).toBe(201);
  const client = await admin.post('/api/clients', { name: `Client ${label}`, resellerId: reseller.body.id });
  expect(client.status).toBe(201);
  const resellerId = reseller.body.id as string;
  const clientId = client.body.id as string;
  return {
    resellerId,
    clientId,
    resellerAdmin: await createUser(admin, baseUrl, { role: 'reseller_admin', resellerId }, ledger),
    clientAdmin: await createUser(admin, baseUrl, { role: 'client_admin', clientId }, ledger),
    agent: await createUser(admin, baseUrl, { role: 'agent', clientId }, ledger),
  };
}

/** Delivers one SMS the way a provider does: `GET /SMSReceiver?receiver=…&sender=…&message=…&token=…&messageId=…`. */
export async function deliver(
  baseUrl: string,
  fields: { receiver: string; sender?: string; message?: string; token?: string; messageId?: string },
): Promise<ApiResponse> {
  const query = new URLSearchParams({
    receiver: fields.receiver,
    sender: fields.sender ?? '+4915112345678',
    message: fields.message ?? 'Hello',
    ...(fields.token !== undefined ? { token: fields.token } : {}),
    ...(fields.messageId !== undefined ? { messageId: fields.messageId } : {}),
  });
  const response = await fetch(`${baseUrl}/SMSReceiver?${query}`);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A raw HTTP request, optionally from another loopback source address (127.0.0.2, …). */
export function rawRequest(
  baseUrl: string,
  options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    /** A keep-alive agent to reuse connections with; by default each request has its own connection. */
    agent?: Agent;
  },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const url = new URL(options.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method,
        headers: options.headers,
        agent: options.agent ?? false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The ids of every item of a list, following `nextCursor` to the end. */
export async function listAllIds(api: ApiClient, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page: ApiResponse = await api.get(`${path}${separator}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}
