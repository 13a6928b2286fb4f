import { sql, type Transaction } from 'kysely';
import type { AcdStrategy, Database, SmsDelivery } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { deskLogged, noEffects, type AcdEffects } from './acd-effects';
import { assignOffersAcrossGroups, type GroupQueue } from './assign-offers';
import { canTakeOfferNow } from './offer-eligibility';
import { deskMediaEventColumns, presentDeskMediaEvent, type DeskMediaEventRow } from './desk-media-event';

export interface MediaEventEmailInput {
  mediaEvent: { id: string; subject: string; createdAt: Date };
  sms: { sender: string; receiver: string; message: string; receivedAt: Date };
  groupName: string;
  link: string;
  /** The link opens the event's conversation on the desk, to answer it there (else the event). */
  linkAnswers?: boolean;
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
  /**
   * The desk's link for e-mails: to the conversation when the event has one (an e-mail agent
   * keeps it, see conversations/email-held-conversation.ts), else to the media event.
   */
  mediaEventLink: (mediaEventId: string, conversationId: string | null) => string;
}

export interface DispatchResult {
  offered: number;
  /** Groups in which every slot found was filled: there may be more to do there. */
  saturated: string[];
  effects: AcdEffects;
}

/** One available agent's membership of one of the groups, locked for this dispatch. */
interface MembershipRow {
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

type QueuedEvent = DeskMediaEventRow & {
  client_id: string;
  passed_on: string[];
  /**
   * Offered it first when available: the agent a transfer named, else (not transferred) the last
   * agent of the event's conversation (reopened).
   */
  preferred_agent_id: string | null;
  /** The one agent an admin reassigned it to. */
  reserved_agent_id: string | null;
};

interface Offer {
  id: string;
  event: QueuedEvent;
  /** The membership the offer is made through: the agent, and the group's name and timeout. */
  membership: MembershipRow;
  web: boolean;
}

interface DeskEvent {
  agentId: string;
  seq: number;
  payload: ReturnType<typeof presentDeskMediaEvent>;
}

interface Mail {
  offer: Offer;
  message: ReturnType<ComposeMediaEventEmail>;
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

  const memberships = await lockAvailableMemberships(trx, groupIds, options);
  if (memberships.length === 0) return nothing;
  const agents = new Map(memberships.map((row) => [row.agent_id, row]));
  const freeSlots = await freeSlotsOf(trx, [...agents.values()]);
  const groups = groupBy(memberships, (row) => row.acd_group_id);
  const openSlots = openSlotsByGroup(groups, freeSlots);
  if (openSlots.size === 0) return nothing;

  const events = await lockQueuedEvents(trx, openSlots, [...agents.keys()]);
  if (events.length === 0) return nothing;
  const eventsByGroup = groupBy(events, (event) => event.acd_group_id!);
  const offers = planOffers(groups, eventsByGroup, agents, freeSlots);
  if (offers.length === 0) return nothing;

  const offeredAt = memberships[0]!.tx_now; // now() of this transaction, which the writes below use too
  const deskEvents = deskEventsFor(offers, agents, offeredAt);
  const mails = offers.filter((offer) => !offer.web).map((offer) => ({ offer, message: composeFor(offer, options) }));
  await writeOffers(trx, offers, deskEvents, mails, agents);

  deskLogged(
    effects,
    deskEvents.map(({ agentId, seq, payload }) => ({ agentId, seq, kind: 'offer', payload })),
  );
  effects.mail = mails.length > 0;
  return { offered: offers.length, saturated: saturatedGroups(openSlots, eventsByGroup, offers), effects };
}

/** The groups' members who may take an offer now, each agent locked (or skipped when another dispatch holds it). */
async function lockAvailableMemberships(
  trx: Transaction<Database>,
  groupIds: string[],
  options: DispatchOptions,
): Promise<MembershipRow[]> {
  const result = await sql<MembershipRow>`
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
  return result.rows;
}

/** Each locked agent's capacity less the events offered to or accepted by them. */
async function freeSlotsOf(trx: Transaction<Database>, agents: MembershipRow[]): Promise<Map<string, number>> {
  const loads = await agentLoads(
    trx,
    agents.map((agent) => agent.agent_id),
  );
  return new Map(agents.map((agent) => [agent.agent_id, agent.capacity - (loads.get(agent.agent_id) ?? 0)]));
}

/** The free slots of each group's members added up: how many events each group could offer. */
function openSlotsByGroup(groups: Map<string, MembershipRow[]>, freeSlots: Map<string, number>): Map<string, number> {
  const open = new Map<string, number>();
  for (const [groupId, members] of groups) {
    const slots = members.reduce((sum, member) => sum + Math.max(0, freeSlots.get(member.agent_id)!), 0);
    if (slots > 0) open.set(groupId, slots);
  }
  return open;
}

/**
 * Up to each group's open slots of its queued events, most urgent first, locked (skipping those
 * another dispatch holds). Events reserved for an agent not among `agentIds` wait for them without
 * taking a slot from the others.
 */
async function lockQueuedEvents(
  trx: Transaction<Database>,
  openSlots: Map<string, number>,
  agentIds: string[],
): Promise<QueuedEvent[]> {
  const result = await sql<QueuedEvent>`
    select ${deskMediaEventColumns}, e.client_id, e.reserved_agent_id,
      -- The agent who handed it on is asked last, like one who passed on it.
      array(select o.agent_id from media_event_offer o where o.media_event_id = e.id
        union all select e.transferred_by where e.transferred_by is not null) as passed_on,
      case when e.transferred_by is not null then e.preferred_agent_id
        else (select c.last_agent_id from conversation c where c.id = e.conversation_id) end as preferred_agent_id
    from unnest(${[...openSlots.keys()]}::uuid[], ${[...openSlots.values()]}::int[]) as q(group_id, slots)
    join acd_group g on g.id = q.group_id
    cross join lateral (
      select * from media_event e
      where e.acd_group_id = q.group_id and e.state = 'queued'
        and (e.reserved_agent_id is null or e.reserved_agent_id = any(${agentIds}::uuid[]))
      order by e.priority desc, e.created_at, e.id
      limit q.slots
      for update of e skip locked) e
    join inbound_sms s on s.id = e.sms_id
    left join app_user tu on tu.id = e.transferred_by
    order by e.priority desc, e.created_at, e.id`.execute(trx);
  return result.rows;
}

/** Who gets which event: `assignOffersAcrossGroups` on the locked rows. */
function planOffers(
  groups: Map<string, MembershipRow[]>,
  eventsByGroup: Map<string, QueuedEvent[]>,
  agents: Map<string, MembershipRow>,
  freeSlots: Map<string, number>,
): Offer[] {
  const queues = [...groups].flatMap(([groupId, members]): GroupQueue[] => {
    const events = eventsByGroup.get(groupId) ?? [];
    if (events.length === 0) return [];
    const group = members[0]!;
    return [
      {
        groupId,
        eventIds: events.map((event) => event.id),
        members: members.map((member) => ({ agentId: member.agent_id, priority: member.priority })),
        strategy: group.strategy,
        lastOfferedAgentId: group.last_offered_agent_id,
        offeredBefore: new Map(events.map((event) => [event.id, new Set(event.passed_on)])),
        preferredAgent: new Map(
          events.flatMap((event) => (event.preferred_agent_id ? [[event.id, event.preferred_agent_id]] : [])),
        ),
        reservedFor: new Map(
          events.flatMap((event) => (event.reserved_agent_id ? [[event.id, event.reserved_agent_id]] : [])),
        ),
      },
    ];
  });
  const availability = [...agents.values()].map((agent) => ({
    agentId: agent.agent_id,
    idleSince: agent.idle_since.getTime(),
    freeSlots: freeSlots.get(agent.agent_id)!,
  }));
  const eventById = new Map([...eventsByGroup.values()].flat().map((event) => [event.id, event]));
  const membershipOf = (groupId: string, agentId: string) =>
    groups.get(groupId)!.find((member) => member.agent_id === agentId)!;
  return assignOffersAcrossGroups(queues, availability).map(({ groupId, eventId, agentId }) => {
    const membership = membershipOf(groupId, agentId);
    return { id: uuid7(), event: eventById.get(eventId)!, membership, web: membership.sms_delivery === 'web' };
  });
}

/** Only a full page of events, all offered, means a group's queue may hold more for slots left. */
function saturatedGroups(
  openSlots: Map<string, number>,
  eventsByGroup: Map<string, QueuedEvent[]>,
  offers: Offer[],
): string[] {
  const offeredIn = groupBy(offers, (offer) => offer.membership.acd_group_id);
  return [...openSlots].flatMap(([groupId, slots]) =>
    (eventsByGroup.get(groupId)?.length ?? 0) === slots && (offeredIn.get(groupId)?.length ?? 0) === slots
      ? [groupId]
      : [],
  );
}

/** The desk log entry of each web offer; each agent's log continues after the sequence number read under its lock. */
function deskEventsFor(offers: Offer[], agents: Map<string, MembershipRow>, offeredAt: Date): DeskEvent[] {
  const nextSeq = new Map([...agents.values()].map((agent) => [agent.agent_id, Number(agent.event_seq)]));
  return offers
    .filter((offer) => offer.web)
    .map((offer) => {
      const seq = nextSeq.get(offer.membership.agent_id)! + 1;
      nextSeq.set(offer.membership.agent_id, seq);
      const payload = presentDeskMediaEvent({
        ...offer.event,
        state: 'offered',
        offered_at: offeredAt,
        offer_deadline: new Date(offeredAt.getTime() + offer.membership.offer_timeout_seconds * 1000),
      });
      return { agentId: offer.membership.agent_id, seq, payload };
    });
}

function composeFor(offer: Offer, options: DispatchOptions) {
  const message = options.composeEmail({
    mediaEvent: { id: offer.event.id, subject: offer.event.subject, createdAt: offer.event.created_at },
    sms: {
      sender: offer.event.sender,
      receiver: offer.event.receiver,
      message: offer.event.message,
      receivedAt: offer.event.received_at,
    },
    groupName: offer.membership.group_name,
    language: offer.membership.language,
    link: options.mediaEventLink(offer.event.id, offer.event.conversation_id),
    linkAnswers: offer.event.conversation_id !== null,
  });
  // Retries of one offer reuse its row and so its Message-ID; an event offered again after
  // a failed delivery is a new message to a new agent and needs an id of its own.
  const reoffer = offer.event.passed_on.length > 0;
  return reoffer ? { ...message, messageId: message.messageId.replace('@', `.${offer.id}@`) } : message;
}

/** Every write in one statement: one round trip, and all of it or nothing. */
async function writeOffers(
  trx: Transaction<Database>,
  offers: Offer[],
  deskEvents: DeskEvent[],
  mails: Mail[],
  agents: Map<string, MembershipRow>,
): Promise<void> {
  const lastSeq = new Map([...agents.values()].map((agent) => [agent.agent_id, Number(agent.event_seq)]));
  for (const event of deskEvents) lastSeq.set(event.agentId, event.seq);
  const offeredAgents = [...new Set(offers.map((offer) => offer.membership.agent_id))];
  const lastOffered = new Map(offers.map((offer) => [offer.membership.acd_group_id, offer.membership.agent_id]));
  await sql`
    with o(id, media_event_id, agent_id, client_id, channel, web, timeout) as (
      select * from unnest(${offers.map((o) => o.id)}::uuid[], ${offers.map((o) => o.event.id)}::uuid[],
        ${offers.map((o) => o.membership.agent_id)}::uuid[], ${offers.map((o) => o.event.client_id)}::uuid[],
        ${offers.map((o) => o.membership.sms_delivery)}::text[], ${offers.map((o) => o.web)}::boolean[],
        ${offers.map((o) => o.membership.offer_timeout_seconds)}::int[])
    ), offered as (
      -- A reservation is used up by the offer: declined or missed, the event is the group's again.
      update media_event e set state = 'offered', agent_id = o.agent_id, offered_at = now(), updated_at = now(),
        reserved_agent_id = null,
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
      from unnest(${offeredAgents}::uuid[], ${offeredAgents.map((id) => lastSeq.get(id)!)}::bigint[]) as s(agent_id, seq)
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
        ${deskEvents.map((e) => JSON.stringify(e.payload))}::jsonb[]) as d(agent_id, seq, payload)
    ), mail_rows as (
      insert into email_outbox (id, client_id, media_event_id, offer_id, message_id, to_address, subject, text_body)
      select * from unnest(${mails.map(() => uuid7())}::uuid[], ${mails.map((m) => m.offer.event.client_id)}::uuid[],
        ${mails.map((m) => m.offer.event.id)}::uuid[], ${mails.map((m) => m.offer.id)}::uuid[],
        ${mails.map((m) => m.message.messageId)}::text[], ${mails.map((m) => m.offer.membership.email)}::text[],
        ${mails.map((m) => m.message.subject)}::text[], ${mails.map((m) => m.message.text)}::text[])
      on conflict (message_id) do nothing
    )
    select count(*) as offered from offered`.execute(trx);
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

async function agentLoads(trx: Transaction<Database>, agentIds: string[]): Promise<Map<string, number>> {
  const rows = await sql<{ agent_id: string; load: number }>`
    select agent_id, count(*)::int as load from media_event
    where agent_id = any(${agentIds}::uuid[]) and state in ('offered', 'accepted')
    group by agent_id`.execute(trx);
  return new Map(rows.rows.map((row) => [row.agent_id, row.load]));
}
