import { sql, type Kysely } from 'kysely';
import type { OutboundSms } from '../../../contract/outbound-sms';
import type { Database } from '../../../server/db/schema';
import { enqueueSms, type SmsToEnqueue } from '../../../server/sms-sender/enqueue-sms';
import type { ApiClient } from '../../support/api-client';
import type { FakeSmsGateway } from '../../support/fake-sms-gateway';
import { createSendConnector, expectStatus, waitFor } from '../../support/fixtures';
import { PRIVATE_STAND_IN, standInNetwork } from '../../support/stand-in-network';

// What the outbox tests share: send connectors that reach the fake gateway (as a provider on a
// private network the client allows), enqueueing, and reading a message back over the admin API.

/** The stand-in network the server sends on: `gateway.test` is a private address, dialled on 127.0.0.1. */
export const gatewayNetwork = () => standInNetwork({ 'gateway.test': PRIVATE_STAND_IN });

export type Driver = 'twilio' | 'vonage' | 'plivo' | 'http';

/** A send connector of `clientId` to the fake gateway through `driver` (the client is allowed the gateway's host). */
export async function gatewayConnector(
  admin: ApiClient,
  gateway: FakeSmsGateway,
  clientId: string,
  driver: Driver,
  more: { ratePerSecond?: number; host?: string; httpBody?: string } = {},
) {
  const host = more.host ?? 'gateway.test';
  expectStatus(
    await admin.patch(`/api/clients/${clientId}`, { httpAllowedHosts: [host] }),
    200,
    'allowing the gateway',
  );
  const baseUrl = `http://${host}:${gateway.port}`;
  const configs = {
    twilio: {
      settings: { accountSid: gateway.twilio.accountSid, baseUrl },
      credentials: { authToken: gateway.twilio.authToken },
    },
    vonage: { settings: { baseUrl }, credentials: { ...gateway.vonage } },
    plivo: { settings: { authId: gateway.plivo.authId, baseUrl }, credentials: { authToken: gateway.plivo.authToken } },
    http: {
      settings: {
        url: `${baseUrl}/send`,
        body: more.httpBody ?? '{"to":"{{to}}","text":"{{text}}","reference":"{{reference}}"}',
        messageIdPath: 'messages.0.id',
      },
    },
  } as const;
  return createSendConnector(admin, {
    clientId,
    driver,
    ...configs[driver],
    defaultSender: '+4930999000',
    ratePerSecond: more.ratePerSecond ?? 100,
  });
}

/** Enqueues in a transaction of its own, as a caller's would be. */
export async function enqueue(db: Kysely<Database>, sms: SmsToEnqueue) {
  return db.transaction().execute((trx) => enqueueSms(trx, sms));
}

/**
 * A message as an instance killed between claiming and recording leaves it: sending, its lease
 * run out. Written in the enqueue's own transaction, so that no worker claims it first.
 */
export async function enqueueAsLeftByDeadInstance(db: Kysely<Database>, sms: SmsToEnqueue) {
  return db.transaction().execute(async (trx) => {
    const row = await enqueueSms(trx, sms);
    await sql`update outbound_sms set status = 'sending', attempts = 1, attempted_at = now(),
        lease_until = now() - interval '1 second' where id = ${row.id}`.execute(trx);
    return row;
  });
}

export async function outbound(admin: ApiClient, id: string): Promise<OutboundSms> {
  return expectStatus(await admin.get<OutboundSms>(`/api/outbound-sms/${id}`), 200, `reading outbound SMS ${id}`);
}

/** Waits until the message is `status`, and answers it. */
export function untilStatus(admin: ApiClient, id: string, status: OutboundSms['status'], timeoutMs = 15_000) {
  return waitFor(
    `outbound SMS ${id} to be ${status}`,
    async () => {
      const sms = await outbound(admin, id);
      return sms.status === status ? sms : undefined;
    },
    timeoutMs,
  );
}
