import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Network } from '../routing/safe-http-client';
import { canonicalHosts } from '../routing/allowed-hosts';
import type { SecretKey } from './credential-cipher';
import { createSendDriver } from './create-send-driver';
import type { SendDriver } from './send-driver';

/** A send connector as a sender needs it: its driver ready to send, and what limits its use. */
export interface LoadedSendConnector {
  id: string;
  clientId: string;
  name: string;
  /** The sender when a message names none (the receive connector's own number comes first for replies). */
  defaultSender: string | null;
  /** At most this many messages a second (the caller enforces it). */
  ratePerSecond: number;
  driver: SendDriver;
}

/**
 * Reads a send connector and builds its driver: credentials decrypted with `secretKey`, requests
 * guarded with its client's allowed hosts. Undefined when there is no such connector.
 */
export async function loadSendDriver(
  db: Kysely<Database>,
  sendConnectorId: string,
  options: { secretKey: SecretKey | undefined; network?: Network | undefined; timeoutMs?: number },
): Promise<LoadedSendConnector | undefined> {
  const row = await db
    .selectFrom('sms_send_connector')
    .innerJoin('client', 'client.id', 'sms_send_connector.client_id')
    .selectAll('sms_send_connector')
    .select('client.http_allowed_hosts')
    .where('sms_send_connector.id', '=', sendConnectorId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    defaultSender: row.default_sender,
    ratePerSecond: row.rate_per_second,
    driver: createSendDriver(row, {
      secretKey: options.secretKey,
      network: options.network,
      timeoutMs: options.timeoutMs,
      allowedHosts: new Set(canonicalHosts(row.http_allowed_hosts)),
    }),
  };
}
