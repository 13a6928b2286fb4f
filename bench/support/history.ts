/**
 * A realistic past for the ACD benchmark (`bench:acd --history`): months of completed work in the
 * tables the hot paths read, so that a plan which scans per SMS shows up as the cliff it would be
 * on a database in use, not hide behind tables holding only the run's own rows.
 *
 * The bench's own client and `otherClients` more (each with an ACD group, a Direct ACD Group
 * connector and, but for the bench's client, two agents, made over the admin API) get `sms` SMS between them, spread evenly
 * over the last `days` days: each SMS in a closed conversation, with its media event completed by
 * one of the client's agents after one accepted offer. Written by SQL in chunks, then ANALYZEd.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { AdminSession } from './admin';
import { int, log } from './report';

export interface HistoryOptions {
  sms: number;
  days: number;
  otherClients: number;
}

export const DEFAULT_HISTORY: HistoryOptions = { sms: 2_000_000, days: 90, otherClients: 49 };

/** Rows written per statement: large enough to be quick, small enough to keep each transaction short. */
const CHUNK = 100_000;

interface HistoryClient {
  clientId: string;
  connectorId: string;
  groupId: string;
  agentIds: string[];
  number: string;
}

/**
 * Fills the history. The bench's own client (`benchClientId`) gets its share on a group and
 * connector of its own, with no members (so the scenarios' groups stay as they are), answered by
 * `benchAgentIds`.
 */
export async function fillHistory(
  admin: AdminSession,
  db: pg.Client,
  bench: { clientId: string; agentIds: string[] },
  options: HistoryOptions,
): Promise<void> {
  const started = performance.now();
  log(
    `  history: ${int(options.sms)} completed SMS over ${options.days} days across ${options.otherClients + 1} clients…`,
  );
  const own = await createPlace(admin, bench.clientId, bench.agentIds, '+4940999999', []);
  const clients = [own, ...(await createClients(admin, options.otherClients))];
  await db.query(`create temporary table history_client (n int primary key, client_id uuid, connector_id uuid,
    group_id uuid, agent_ids uuid[], our_number text)`);
  await db.query(
    `insert into history_client select n - 1, c, k, g, string_to_array(a, ',')::uuid[], num
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[]) with ordinality as t(c, k, g, a, num, n)`,
    [
      clients.map((c) => c.clientId),
      clients.map((c) => c.connectorId),
      clients.map((c) => c.groupId),
      clients.map((c) => c.agentIds.join(',')),
      clients.map((c) => c.number),
    ],
  );
  for (let from = 0; from < options.sms; from += CHUNK) {
    const until = Math.min(options.sms, from + CHUNK);
    await db.query(HISTORY_CHUNK_SQL, [from, until - 1, clients.length, options.days, options.sms]);
  }
  await db.query('drop table history_client');
  await db.query('analyze');
  log(`  history written and analyzed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * SMS i of the history: client i mod n, received at an even spread over the window (the oldest
 * first, the newest an hour ago), from one of 10,000 customers per client, answered by one of the
 * client's agents within minutes. One statement writes a chunk's conversations, SMS, media
 * events and offers; gen_random_uuid() stands in for the server's time-ordered ids.
 */
const HISTORY_CHUNK_SQL = `
  with s as (
    select i, c.client_id, c.connector_id, c.group_id, c.our_number,
      c.agent_ids[1 + (i / $3::int) % cardinality(c.agent_ids)] as agent_id,
      '+49171' || lpad(((i / $3::int) % 10000)::text, 7, '0') as customer,
      now() - interval '1 hour' - make_interval(secs => ($4::int * 86400.0) * ($5::bigint - i) / $5::bigint) as at,
      gen_random_uuid() as sms_id, gen_random_uuid() as conversation_id, gen_random_uuid() as event_id
    from generate_series($1::bigint, $2::bigint) as i
    join history_client c on c.n = i % $3::int
  ), conversations as (
    insert into conversation (id, client_id, connector_id, our_number, customer_number, state, acd_group_id,
      last_agent_id, opened_at, last_message_at, closed_at)
    select conversation_id, client_id, connector_id, our_number, customer, 'closed', group_id, agent_id, at, at,
      at + interval '6 minutes'
    from s
  ), sms as (
    insert into inbound_sms (id, client_id, connector_id, sender, sender_normalized, receiver, receiver_normalized,
      message, keyword, message_id, status, raw, received_at, updated_at, conversation_id)
    select sms_id, client_id, connector_id, customer, customer, our_number, our_number,
      'Hello, I have a question about my order ' || i, null, 'history-' || i, 'queued', '{}'::jsonb, at, at,
      conversation_id
    from s
  ), events as (
    insert into media_event (id, client_id, sms_id, acd_group_id, subject, state, agent_id, offered_at, accepted_at,
      finished_at, conversation_id, created_at, updated_at)
    select event_id, client_id, sms_id, group_id, 'History SMS', 'completed', agent_id, at + interval '1 second',
      at + interval '20 seconds', at + interval '6 minutes', conversation_id, at, at + interval '6 minutes'
    from s
  )
  insert into media_event_offer (id, media_event_id, agent_id, client_id, channel, offered_at, deadline, outcome, ended_at)
  select gen_random_uuid(), event_id, agent_id, client_id, 'web', at + interval '1 second', at + interval '61 seconds',
    'accepted', at + interval '20 seconds'
  from s`;

async function createClients(admin: AdminSession, count: number): Promise<HistoryClient[]> {
  const reseller = await admin.create('/api/resellers', { name: 'History reseller' });
  const password = randomBytes(12).toString('base64url');
  const clients: HistoryClient[] = [];
  for (let n = 0; n < count; n++) {
    const client = await admin.create('/api/clients', { name: `History client ${n}`, resellerId: reseller.id });
    const agentIds: string[] = [];
    for (let a = 0; a < 2; a++) {
      const agent = await admin.create('/api/users', {
        email: `history-${n}-agent${a}@bench.test`,
        password,
        role: 'agent',
        clientId: client.id,
        displayName: `History agent ${n}.${a}`,
        smsDelivery: 'web',
      });
      agentIds.push(agent.id as string);
    }
    clients.push(
      await createPlace(admin, client.id as string, agentIds, `+4940${String(n).padStart(6, '0')}`, agentIds),
    );
  }
  return clients;
}

/** A client's ACD group (with `members`) and Direct ACD Group connector on `number`, for its history. */
async function createPlace(
  admin: AdminSession,
  clientId: string,
  agentIds: string[],
  number: string,
  members: string[],
): Promise<HistoryClient> {
  const group = await admin.create('/api/acd-groups', {
    name: `History group ${number}`,
    clientId,
    members: members.map((agentId) => ({ agentId, priority: 0 })),
  });
  const connector = await admin.create('/api/connectors', {
    name: `History ${number}`,
    recipient: number,
    requireToken: false,
    routingType: 'direct_acd_group',
    acdGroupId: group.id,
    subject: 'History SMS',
    clientId,
  });
  return { clientId, connectorId: connector.id as string, groupId: group.id as string, agentIds, number };
}
