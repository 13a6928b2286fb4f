import { sql, type Transaction } from 'kysely';
import type { AgentStatus, Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { noEffects, type AcdEffects } from './acd-effects';
import { appendDeskEvents, type DeskEvent, type WithdrawReason } from './desk-events';
import { callOffUnsentEmail } from './unsent-email-offers';

export interface AgentStateRow {
  agent_id: string;
  client_id: string;
  status: AgentStatus;
  status_since: Date;
  idle_since: Date;
  event_seq: number;
  pause_reason: string | null;
}

/** Statuses in which an agent keeps no un-accepted offers. */
const GIVES_BACK_OFFERS: ReadonlySet<AgentStatus> = new Set(['pause', 'logged_off']);

/**
 * Locks an agent's ACD state row (creating it, logged off, on first use). Every transaction that
 * changes an agent's work or status takes this lock first, before any media event row.
 */
export async function lockAgent(trx: Transaction<Database>, agentId: string): Promise<AgentStateRow | undefined> {
  const lock = () => sql<AgentStateRow>`select * from agent_state where agent_id = ${agentId} for update`.execute(trx);
  const existing = await lock();
  if (existing.rows[0]) return existing.rows[0];
  await sql`insert into agent_state (agent_id, client_id, status)
    select id, client_id, 'logged_off' from app_user where id = ${agentId} and role = 'agent'
    on conflict (agent_id) do nothing`.execute(trx);
  return (await lock()).rows[0];
}

export interface StatusChange {
  agentId: string;
  status: AgentStatus;
  changedBy: string | null;
  reason?: string;
  /**
   * With `pause`: the name of the reason the agent gave, or null for none. Left out, a pause
   * keeps the reason it has (an admin pausing a paused agent changes nothing).
   */
  pauseReason?: string | null;
}

/**
 * Sets an agent's status, records it in the history and tells the desk. Pause and logging off
 * give un-accepted offers back to the queue: web offers, and e-mail offers whose e-mail has not
 * gone out (one being sent right now is left to finish). A pause with another reason is a change
 * of its own: written to the history, its time counted from now.
 */
export async function changeAgentStatus(
  trx: Transaction<Database>,
  change: StatusChange,
): Promise<{ state: AgentStateRow; effects: AcdEffects } | undefined> {
  const effects = noEffects();
  const current = await lockAgent(trx, change.agentId);
  if (!current) return undefined;
  const statusChanged = current.status !== change.status;
  const pauseReason =
    change.status !== 'pause'
      ? null
      : change.pauseReason === undefined && !statusChanged
        ? current.pause_reason
        : (change.pauseReason ?? null);
  if (!statusChanged && current.pause_reason === pauseReason) return { state: current, effects };

  const updated = await sql<AgentStateRow>`
    update agent_state set status = ${change.status}, pause_reason = ${pauseReason}, status_since = now(),
      idle_since = case when ${change.status} = 'available' then now() else idle_since end
    where agent_id = ${change.agentId}
    returning *`.execute(trx);
  const state = updated.rows[0]!;
  await trx
    .insertInto('agent_status_history')
    .values({
      id: uuid7(),
      agent_id: change.agentId,
      client_id: state.client_id,
      status: change.status,
      changed_by: change.changedBy,
      reason: change.reason ?? null,
      pause_reason: pauseReason,
    })
    .execute();

  const deskEvents: DeskEvent[] = [
    {
      agentId: change.agentId,
      kind: 'status',
      payload: { status: state.status, statusSince: state.status_since.toISOString(), pauseReason },
    },
  ];
  if (statusChanged && GIVES_BACK_OFFERS.has(change.status)) {
    const reason = change.status as WithdrawReason;
    const why = reason === 'pause' ? 'the agent paused' : 'the agent logged off';
    const byEmail = await callOffUnsentEmail(trx, change.agentId, why);
    const returned = await returnOffersToQueue(
      trx,
      change.agentId,
      sql`(e.offer_deadline is not null or e.id = any(${byEmail}::uuid[]))`,
      'withdrawn',
    );
    for (const event of returned) {
      // Offers by e-mail were never on the desk.
      if (!byEmail.includes(event.id)) deskEvents.push(withdrawn(change.agentId, event.id, reason));
      if (event.acd_group_id) effects.groups.add(event.acd_group_id);
    }
  }
  if (statusChanged && change.status === 'available')
    for (const group of await groupsOf(trx, change.agentId)) effects.groups.add(group);
  await appendDeskEvents(trx, deskEvents, effects);
  return { state, effects };
}

/**
 * Puts an agent's offered events matching `which` back in the queue and closes their offers with
 * `outcome`. The caller holds the agent's lock.
 */
export async function returnOffersToQueue(
  trx: Transaction<Database>,
  agentId: string,
  which: ReturnType<typeof sql>,
  outcome: 'withdrawn' | 'expired' | 'declined' | 'failed',
): Promise<Array<{ id: string; acd_group_id: string | null }>> {
  const returned = await sql<{ id: string; acd_group_id: string | null }>`
    update media_event e set state = 'queued', agent_id = null, offered_at = null, offer_deadline = null, updated_at = now()
    where e.agent_id = ${agentId} and e.state = 'offered' and ${which}
    returning e.id, e.acd_group_id`.execute(trx);
  if (returned.rows.length > 0) {
    await sql`update media_event_offer set outcome = ${outcome}, ended_at = now()
      where agent_id = ${agentId} and outcome is null
        and media_event_id = any(${returned.rows.map((row) => row.id)}::uuid[])`.execute(trx);
  }
  return returned.rows;
}

export function withdrawn(agentId: string, mediaEventId: string, reason: WithdrawReason): DeskEvent {
  return { agentId, kind: 'withdrawn', payload: { mediaEventId, reason } };
}

export async function groupsOf(trx: Transaction<Database>, agentId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('acd_group_member')
    .select('acd_group_id')
    .where('agent_id', '=', agentId)
    .execute();
  return rows.map((row) => row.acd_group_id);
}

/**
 * An agent leaves (deactivated, deleted, or no longer an agent): logged off, and everything they
 * were offered or held goes back to the queue so nobody's SMS is stranded with them.
 */
export async function releaseAgent(
  trx: Transaction<Database>,
  agentId: string,
  changedBy: string | null,
): Promise<AcdEffects> {
  const change = await changeAgentStatus(trx, { agentId, status: 'logged_off', changedBy, reason: 'agent removed' });
  const effects = change?.effects ?? noEffects();
  if (!change) return effects;
  const held = await sql<{ id: string; acd_group_id: string | null }>`
    update media_event set state = 'queued', agent_id = null, offered_at = null, offer_deadline = null,
      accepted_at = null, updated_at = now()
    where agent_id = ${agentId} and state in ('offered', 'accepted')
    returning id, acd_group_id`.execute(trx);
  // What an admin reassigned to them is the group's again.
  await sql`update media_event set reserved_agent_id = null
    where reserved_agent_id = ${agentId} and state = 'queued'`.execute(trx);
  // Their conversations wait in the queue again; new SMS in them no longer go to this agent.
  await sql`update conversation set state = 'waiting', agent_id = null
    where agent_id = ${agentId} and state = 'assigned'`.execute(trx);
  if (held.rows.length > 0) {
    // Accepted work taken back is withdrawn too: otherwise their desk history would show it as
    // finished by them once whoever gets it next finishes it.
    await sql`update media_event_offer set outcome = 'withdrawn', ended_at = now()
      where agent_id = ${agentId} and (outcome is null
        or (outcome = 'accepted' and media_event_id = any(${held.rows.map((row) => row.id)}::uuid[])))`.execute(trx);
    for (const event of held.rows) if (event.acd_group_id) effects.groups.add(event.acd_group_id);
  }
  return effects;
}
