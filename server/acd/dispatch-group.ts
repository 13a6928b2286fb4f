import { sql, type Transaction } from 'kysely';
import type { AcdStrategy, Database, SmsDelivery } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { noEffects, type AcdEffects } from './acd-effects';
import { assignOffers } from './assign-offers';
import { appendDeskEvents, type DeskEvent } from './desk-events';
import { presentDeskMediaEvent, type DeskMediaEventRow } from './desk-media-event';

export interface MediaEventEmailInput {
  mediaEvent: { id: string; subject: string; createdAt: Date };
  sms: { sender: string; receiver: string; message: string; receivedAt: Date };
  groupName: string;
  link: string;
}

export type ComposeMediaEventEmail = (input: MediaEventEmailInput) => {
  subject: string;
  text: string;
  messageId: string;
};

export interface DispatchOptions {
  composeEmail: ComposeMediaEventEmail;
  /** The media event's page, for the link in e-mails. */
  mediaEventLink: (mediaEventId: string) => string;
}

export interface DispatchResult {
  offered: number;
  /** Every slot found was filled: there may be more to do in this group. */
  saturated: boolean;
  effects: AcdEffects;
}

interface AvailableAgent {
  agent_id: string;
  client_id: string;
  idle_since: Date;
  priority: number;
  capacity: number;
  sms_delivery: SmsDelivery;
  email: string;
}

/**
 * Offers a group's queued events to its available agents, in one transaction. Agents and events
 * are locked with SKIP LOCKED, so instances dispatching the same group at once share the work
 * instead of waiting for or doubling each other; capacity is counted only after the agents are
 * locked, because every new offer is made under the agent's lock.
 */
export async function dispatchGroup(
  trx: Transaction<Database>,
  groupId: string,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const effects = noEffects();
  const nothing = { offered: 0, saturated: false, effects };
  const group = await trx
    .selectFrom('acd_group')
    .select(['id', 'name', 'strategy', 'offer_timeout_seconds', 'last_offered_agent_id'])
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group) return nothing;

  const agents = await sql<AvailableAgent>`
    select a.agent_id, a.client_id, a.idle_since, m.priority, u.capacity, u.sms_delivery, u.email
    from acd_group_member m
    join agent_state a on a.agent_id = m.agent_id
    join app_user u on u.id = m.agent_id
    where m.acd_group_id = ${groupId} and a.status = 'available' and u.active and u.role = 'agent'
    order by a.agent_id
    for update of a skip locked`.execute(trx);
  if (agents.rows.length === 0) return nothing;
  const loads = await agentLoads(
    trx,
    agents.rows.map((agent) => agent.agent_id),
  );
  const candidates = agents.rows
    .map((agent) => ({ agent, freeSlots: agent.capacity - (loads.get(agent.agent_id) ?? 0) }))
    .filter((candidate) => candidate.freeSlots > 0);
  const slots = candidates.reduce((sum, candidate) => sum + candidate.freeSlots, 0);
  if (slots === 0) return nothing;

  const events = await sql<DeskMediaEventRow & { client_id: string }>`
    select e.id, e.client_id, e.subject, e.priority, e.state, e.acd_group_id, ${group.name}::text as acd_group_name,
      e.created_at, e.offered_at, e.offer_deadline, e.accepted_at, e.finished_at,
      s.id as sms_id, s.sender, s.receiver, s.message, s.received_at
    from media_event e join inbound_sms s on s.id = e.sms_id
    where e.acd_group_id = ${groupId} and e.state = 'queued'
    order by e.priority desc, e.created_at, e.id
    limit ${slots}
    for update of e skip locked`.execute(trx);
  if (events.rows.length === 0) return nothing;

  const passedOn = await offeredBefore(
    trx,
    events.rows.map((event) => event.id),
  );
  const assignments = assignOffers({
    eventIds: events.rows.map((event) => event.id),
    agents: candidates.map(({ agent, freeSlots }) => ({
      agentId: agent.agent_id,
      priority: agent.priority,
      idleSince: agent.idle_since.getTime(),
      freeSlots,
    })),
    strategy: group.strategy as AcdStrategy,
    lastOfferedAgentId: group.last_offered_agent_id,
    offeredBefore: passedOn,
  });
  if (assignments.length === 0) return nothing;

  const agentById = new Map(agents.rows.map((agent) => [agent.agent_id, agent]));
  const eventById = new Map(events.rows.map((event) => [event.id, event]));
  const offers = assignments.map(({ eventId, agentId }) => ({
    id: uuid7(),
    event: eventById.get(eventId)!,
    agent: agentById.get(agentId)!,
  }));
  const isWeb = (offer: (typeof offers)[number]) => offer.agent.sms_delivery === 'web';

  const offered = await sql<{ id: string; offered_at: Date; offer_deadline: Date | null }>`
    update media_event e set state = 'offered', agent_id = o.agent_id, offered_at = now(), updated_at = now(),
      offer_deadline = case when o.web then now() + make_interval(secs => ${group.offer_timeout_seconds}) end
    from unnest(${offers.map((o) => o.event.id)}::uuid[], ${offers.map((o) => o.agent.agent_id)}::uuid[],
      ${offers.map(isWeb)}::boolean[]) as o(id, agent_id, web)
    where e.id = o.id
    returning e.id, e.offered_at, e.offer_deadline`.execute(trx);
  const timing = new Map(offered.rows.map((row) => [row.id, row]));
  await sql`
    insert into media_event_offer (id, media_event_id, agent_id, client_id, channel, offered_at, deadline)
    select o.id, o.media_event_id, o.agent_id, o.client_id, o.channel, e.offered_at, e.offer_deadline
    from unnest(${offers.map((o) => o.id)}::uuid[], ${offers.map((o) => o.event.id)}::uuid[],
      ${offers.map((o) => o.agent.agent_id)}::uuid[], ${offers.map((o) => o.event.client_id)}::uuid[],
      ${offers.map((o) => o.agent.sms_delivery)}::text[]) as o(id, media_event_id, agent_id, client_id, channel)
    join media_event e on e.id = o.media_event_id`.execute(trx);
  await sql`update agent_state set idle_since = now()
    where agent_id = any(${[...new Set(offers.map((o) => o.agent.agent_id))]}::uuid[])`.execute(trx);
  await sql`update acd_group set last_offered_agent_id = ${offers.at(-1)!.agent.agent_id} where id = ${groupId}`.execute(
    trx,
  );

  const deskEvents: DeskEvent[] = offers.filter(isWeb).map((offer) => {
    const row = timing.get(offer.event.id)!;
    return {
      agentId: offer.agent.agent_id,
      kind: 'offer',
      payload: presentDeskMediaEvent({
        ...offer.event,
        state: 'offered',
        offered_at: row.offered_at,
        offer_deadline: row.offer_deadline,
      }),
    };
  });
  await appendDeskEvents(trx, deskEvents);
  for (const event of deskEvents) effects.desks.add(event.agentId);

  const mails = offers.filter((offer) => !isWeb(offer));
  if (mails.length > 0) {
    const composed = mails.map((offer) => {
      const message = options.composeEmail({
        mediaEvent: { id: offer.event.id, subject: offer.event.subject, createdAt: offer.event.created_at },
        sms: {
          sender: offer.event.sender,
          receiver: offer.event.receiver,
          message: offer.event.message,
          receivedAt: offer.event.received_at,
        },
        groupName: group.name,
        link: options.mediaEventLink(offer.event.id),
      });
      // Retries of one offer reuse its row and so its Message-ID; an event offered again after
      // a failed delivery is a new message to a new agent and needs an id of its own.
      const reoffer = passedOn.has(offer.event.id);
      return reoffer ? { ...message, messageId: message.messageId.replace('@', `.${offer.id}@`) } : message;
    });
    await sql`
      insert into email_outbox (id, client_id, media_event_id, offer_id, message_id, to_address, subject, text_body)
      select * from unnest(${mails.map(() => uuid7())}::uuid[], ${mails.map((o) => o.event.client_id)}::uuid[],
        ${mails.map((o) => o.event.id)}::uuid[], ${mails.map((o) => o.id)}::uuid[],
        ${composed.map((m) => m.messageId)}::text[], ${mails.map((o) => o.agent.email)}::text[],
        ${composed.map((m) => m.subject)}::text[], ${composed.map((m) => m.text)}::text[])
      on conflict (message_id) do nothing`.execute(trx);
    effects.mail = true;
  }
  return {
    offered: offers.length,
    // Only a full page of events, all offered, means the queue may hold more for slots left.
    saturated: events.rows.length === slots && offers.length === slots,
    effects,
  };
}

async function agentLoads(trx: Transaction<Database>, agentIds: string[]): Promise<Map<string, number>> {
  const rows = await sql<{ agent_id: string; load: number }>`
    select agent_id, count(*)::int as load from media_event
    where agent_id = any(${agentIds}::uuid[]) and state in ('offered', 'accepted')
    group by agent_id`.execute(trx);
  return new Map(rows.rows.map((row) => [row.agent_id, row.load]));
}

async function offeredBefore(trx: Transaction<Database>, eventIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ media_event_id: string; agent_id: string }>`
    select media_event_id, agent_id from media_event_offer where media_event_id = any(${eventIds}::uuid[])`.execute(
    trx,
  );
  const byEvent = new Map<string, Set<string>>();
  for (const row of rows.rows) {
    let set = byEvent.get(row.media_event_id);
    if (!set) byEvent.set(row.media_event_id, (set = new Set()));
    set.add(row.agent_id);
  }
  return byEvent;
}
