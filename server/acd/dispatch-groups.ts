import { sql, type Transaction } from 'kysely';
import type { AcdStrategy, Database, SmsDelivery } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { deskLogged, noEffects, type AcdEffects } from './acd-effects';
import { assignOffers } from './assign-offers';
import { canTakeOfferNow } from './offer-eligibility';
import { presentDeskMediaEvent, type DeskMediaEventRow } from './desk-media-event';

export interface MediaEventEmailInput {
  mediaEvent: { id: string; subject: string; createdAt: Date };
  sms: { sender: string; receiver: string; message: string; receivedAt: Date };
  groupName: string;
  link: string;
  /** The agent's language (null: English). */
  language?: string | null;
}

export type ComposeMediaEventEmail = (input: MediaEventEmailInput) => {
  subject: string;
  text: string;
  messageId: string;
};

export interface DispatchOptions {
  /** Whether e-mail can be sent: without a mail server, e-mail agents are passed over. */
  emailAgents: boolean;
  composeEmail: ComposeMediaEventEmail;
  /** The media event's page, for the link in e-mails. */
  mediaEventLink: (mediaEventId: string) => string;
}

export interface DispatchResult {
  offered: number;
  /** Groups in which every slot found was filled: there may be more to do there. */
  saturated: string[];
  effects: AcdEffects;
}

interface AvailableAgent {
  acd_group_id: string;
  agent_id: string;
  client_id: string;
  idle_since: Date;
  event_seq: number;
  priority: number;
  capacity: number;
  sms_delivery: SmsDelivery;
  language: string | null;
  email: string;
  group_name: string;
  strategy: AcdStrategy;
  offer_timeout_seconds: number;
  last_offered_agent_id: string | null;
  tx_now: Date;
}

type QueuedEvent = DeskMediaEventRow & { client_id: string; passed_on: string[] };

interface Offer {
  id: string;
  event: QueuedEvent;
  agent: AvailableAgent;
  web: boolean;
}

/**
 * Offers the queued events of several groups to their available agents, in one transaction of
 * four statements whatever the number of groups. Agents and events are locked with SKIP LOCKED,
 * so instances dispatching the same group at once share the work instead of waiting for or
 * doubling each other; capacity is counted only after the agents are locked, because every new
 * offer is made under the agent's lock. An agent in several of the groups has one capacity.
 */
export async function dispatchGroups(
  trx: Transaction<Database>,
  groupIds: string[],
  options: DispatchOptions,
): Promise<DispatchResult> {
  const effects = noEffects();
  const nothing = { offered: 0, saturated: [], effects };

  const memberships = await sql<AvailableAgent>`
    select m.acd_group_id, a.agent_id, a.client_id, a.idle_since, a.event_seq, m.priority, u.capacity, u.sms_delivery,
      u.language, u.email, g.name as group_name, g.strategy, g.offer_timeout_seconds, g.last_offered_agent_id, now() as tx_now
    from acd_group g
    join acd_group_member m on m.acd_group_id = g.id
    join agent_state a on a.agent_id = m.agent_id
    join app_user u on u.id = m.agent_id
    -- Agents without a free slot are left unlocked, so their accept and complete never wait for
    -- a dispatch; the load is counted again below, under the lock.
    where g.id = any(${groupIds}::uuid[]) and ${canTakeOfferNow(options)}
    order by a.agent_id
    for update of a skip locked`.execute(trx);
  if (memberships.rows.length === 0) return nothing;
  const agentById = new Map(memberships.rows.map((row) => [row.agent_id, row]));
  const loads = await agentLoads(trx, [...agentById.keys()]);
  const freeSlots = new Map(
    [...agentById.values()].map((a) => [a.agent_id, a.capacity - (loads.get(a.agent_id) ?? 0)]),
  );

  const groups = groupMemberships(memberships.rows);
  const slotsByGroup = new Map(
    [...groups].map(([groupId, members]) => [
      groupId,
      members.reduce((sum, member) => sum + Math.max(0, freeSlots.get(member.agent_id)!), 0),
    ]),
  );
  const wanted = [...slotsByGroup].filter(([, slots]) => slots > 0);
  if (wanted.length === 0) return nothing;

  const events = await sql<QueuedEvent>`
    select e.id, e.client_id, e.subject, e.priority, e.state, e.acd_group_id, g.name as acd_group_name,
      e.created_at, e.offered_at, e.offer_deadline, e.accepted_at, e.finished_at,
      s.id as sms_id, s.sender, s.receiver, s.message, s.received_at,
      array(select o.agent_id from media_event_offer o where o.media_event_id = e.id) as passed_on
    from unnest(${wanted.map(([id]) => id)}::uuid[], ${wanted.map(([, slots]) => slots)}::int[]) as q(group_id, slots)
    join acd_group g on g.id = q.group_id
    cross join lateral (
      select * from media_event e
      where e.acd_group_id = q.group_id and e.state = 'queued'
      order by e.priority desc, e.created_at, e.id
      limit q.slots
      for update of e skip locked) e
    join inbound_sms s on s.id = e.sms_id
    order by e.priority desc, e.created_at, e.id`.execute(trx);
  if (events.rows.length === 0) return nothing;
  const eventsByGroup = groupBy(events.rows, (event) => event.acd_group_id!);

  // Groups one after the other, sharing the agents' free slots and idleness between them.
  const offers: Offer[] = [];
  const saturated: string[] = [];
  const lastOffered = new Map<string, string>();
  const idleSince = new Map([...agentById.values()].map((a) => [a.agent_id, a.idle_since.getTime()]));
  let clock = Math.max(...idleSince.values());
  for (const [groupId, members] of groups) {
    const groupEvents = eventsByGroup.get(groupId) ?? [];
    if (groupEvents.length === 0) continue;
    const group = members[0]!;
    const assignments = assignOffers({
      eventIds: groupEvents.map((event) => event.id),
      agents: members.map((member) => ({
        agentId: member.agent_id,
        priority: member.priority,
        idleSince: idleSince.get(member.agent_id)!,
        freeSlots: freeSlots.get(member.agent_id)!,
      })),
      strategy: group.strategy,
      lastOfferedAgentId: group.last_offered_agent_id,
      offeredBefore: new Map(groupEvents.map((event) => [event.id, new Set(event.passed_on)])),
    });
    const eventById = new Map(groupEvents.map((event) => [event.id, event]));
    for (const { eventId, agentId } of assignments) {
      const agent = { ...agentById.get(agentId)!, ...groupSettings(group) };
      offers.push({ id: uuid7(), event: eventById.get(eventId)!, agent, web: agent.sms_delivery === 'web' });
      freeSlots.set(agentId, freeSlots.get(agentId)! - 1);
      idleSince.set(agentId, ++clock);
      lastOffered.set(groupId, agentId);
    }
    // Only a full page of events, all offered, means the queue may hold more for slots left.
    const slots = slotsByGroup.get(groupId)!;
    if (groupEvents.length === slots && assignments.length === slots) saturated.push(groupId);
  }
  if (offers.length === 0) return nothing;

  const offeredAt = memberships.rows[0]!.tx_now; // now() of this transaction, which the writes below use too
  // The desk log of each agent continues after the sequence number read under its lock.
  const nextSeq = new Map([...agentById.values()].map((agent) => [agent.agent_id, Number(agent.event_seq)]));
  const deskEvents = offers
    .filter((offer) => offer.web)
    .map((offer) => {
      const seq = nextSeq.get(offer.agent.agent_id)! + 1;
      nextSeq.set(offer.agent.agent_id, seq);
      const payload = presentDeskMediaEvent({
        ...offer.event,
        state: 'offered',
        offered_at: offeredAt,
        offer_deadline: new Date(offeredAt.getTime() + offer.agent.offer_timeout_seconds * 1000),
      });
      return { agentId: offer.agent.agent_id, seq, payload, json: JSON.stringify(payload) };
    });
  const offeredAgents = [...new Set(offers.map((offer) => offer.agent.agent_id))];
  const mails = offers.filter((offer) => !offer.web).map((offer) => ({ offer, message: composeFor(offer) }));

  function composeFor(offer: Offer) {
    const message = options.composeEmail({
      mediaEvent: { id: offer.event.id, subject: offer.event.subject, createdAt: offer.event.created_at },
      sms: {
        sender: offer.event.sender,
        receiver: offer.event.receiver,
        message: offer.event.message,
        receivedAt: offer.event.received_at,
      },
      groupName: offer.agent.group_name,
      language: offer.agent.language,
      link: options.mediaEventLink(offer.event.id),
    });
    // Retries of one offer reuse its row and so its Message-ID; an event offered again after
    // a failed delivery is a new message to a new agent and needs an id of its own.
    const reoffer = offer.event.passed_on.length > 0;
    return reoffer ? { ...message, messageId: message.messageId.replace('@', `.${offer.id}@`) } : message;
  }

  // Every write in one statement: one round trip, and all of it or nothing.
  await sql`
    with o(id, media_event_id, agent_id, client_id, channel, web, timeout) as (
      select * from unnest(${offers.map((o) => o.id)}::uuid[], ${offers.map((o) => o.event.id)}::uuid[],
        ${offers.map((o) => o.agent.agent_id)}::uuid[], ${offers.map((o) => o.event.client_id)}::uuid[],
        ${offers.map((o) => o.agent.sms_delivery)}::text[], ${offers.map((o) => o.web)}::boolean[],
        ${offers.map((o) => o.agent.offer_timeout_seconds)}::int[])
    ), offered as (
      update media_event e set state = 'offered', agent_id = o.agent_id, offered_at = now(), updated_at = now(),
        offer_deadline = case when o.web then now() + make_interval(secs => o.timeout) end
      from o where e.id = o.media_event_id
      returning e.id
    ), offer_rows as (
      insert into media_event_offer (id, media_event_id, agent_id, client_id, channel, offered_at, deadline)
      select id, media_event_id, agent_id, client_id, channel, now(),
        case when web then now() + make_interval(secs => timeout) end
      from o
    ), agent_rows as (
      -- The agent who just got work is now the least idle; their desk log grew.
      update agent_state a set idle_since = now(), event_seq = s.seq
      from unnest(${offeredAgents}::uuid[], ${offeredAgents.map((id) => nextSeq.get(id)!)}::bigint[]) as s(agent_id, seq)
      where a.agent_id = s.agent_id
    ), locked_groups as (
      -- In id order, so instances writing overlapping groups wait for each other instead of deadlocking.
      select id from acd_group where id = any(${[...lastOffered.keys()]}::uuid[]) order by id for no key update
    ), group_rows as (
      update acd_group g set last_offered_agent_id = l.agent_id
      from unnest(${[...lastOffered.keys()]}::uuid[], ${[...lastOffered.values()]}::uuid[]) as l(group_id, agent_id)
      where g.id = l.group_id and g.id in (select id from locked_groups)
    ), desk_rows as (
      insert into desk_event (agent_id, seq, kind, payload)
      select agent_id, seq, 'offer', payload
      from unnest(${deskEvents.map((e) => e.agentId)}::uuid[], ${deskEvents.map((e) => e.seq)}::bigint[],
        ${deskEvents.map((e) => e.json)}::jsonb[]) as d(agent_id, seq, payload)
    ), mail_rows as (
      insert into email_outbox (id, client_id, media_event_id, offer_id, message_id, to_address, subject, text_body)
      select * from unnest(${mails.map(() => uuid7())}::uuid[], ${mails.map((m) => m.offer.event.client_id)}::uuid[],
        ${mails.map((m) => m.offer.event.id)}::uuid[], ${mails.map((m) => m.offer.id)}::uuid[],
        ${mails.map((m) => m.message.messageId)}::text[], ${mails.map((m) => m.offer.agent.email)}::text[],
        ${mails.map((m) => m.message.subject)}::text[], ${mails.map((m) => m.message.text)}::text[])
      on conflict (message_id) do nothing
    )
    select count(*) as offered from offered`.execute(trx);

  deskLogged(
    effects,
    deskEvents.map(({ agentId, seq, payload }) => ({ agentId, seq, kind: 'offer', payload })),
  );
  effects.mail = mails.length > 0;
  return { offered: offers.length, saturated, effects };
}

/** The available members of each group, keyed by group id. */
function groupMemberships(rows: AvailableAgent[]): Map<string, AvailableAgent[]> {
  return groupBy(rows, (row) => row.acd_group_id);
}

// Map.groupBy arrives with Node 21.
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** A membership row's group-specific fields, which differ per group for one agent. */
function groupSettings(row: AvailableAgent) {
  return {
    acd_group_id: row.acd_group_id,
    priority: row.priority,
    group_name: row.group_name,
    strategy: row.strategy,
    offer_timeout_seconds: row.offer_timeout_seconds,
    last_offered_agent_id: row.last_offered_agent_id,
  };
}

async function agentLoads(trx: Transaction<Database>, agentIds: string[]): Promise<Map<string, number>> {
  const rows = await sql<{ agent_id: string; load: number }>`
    select agent_id, count(*)::int as load from media_event
    where agent_id = any(${agentIds}::uuid[]) and state in ('offered', 'accepted')
    group by agent_id`.execute(trx);
  return new Map(rows.rows.map((row) => [row.agent_id, row.load]));
}
