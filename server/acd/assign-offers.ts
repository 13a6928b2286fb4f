import type { AcdStrategy } from '../db/schema';

export interface OfferCandidate {
  agentId: string;
  /** The member's priority in the group: higher is asked first. */
  priority: number;
  /** Milliseconds since the epoch: when the agent last got work or became available. */
  idleSince: number;
  freeSlots: number;
}

export interface Assignment {
  eventId: string;
  agentId: string;
}

export interface AssignInput {
  /** Queued events, most urgent first (priority, then age). */
  eventIds: string[];
  agents: OfferCandidate[];
  strategy: AcdStrategy;
  /** Round robin continues after the member the group offered to last. */
  lastOfferedAgentId: string | null;
  /** Agents who had an event offered before (declined, let it expire): asked last for it. */
  offeredBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** The agent an event goes to first when available (a reopened conversation's last agent). */
  preferredAgent?: ReadonlyMap<string, string>;
  /** The only agent an event may go to (an admin reassigned it to them). */
  reservedFor?: ReadonlyMap<string, string>;
}

/** Where an agent stands for all the groups of one dispatch: one capacity, one idle clock. */
export interface AgentAvailability {
  agentId: string;
  /** Milliseconds since the epoch: when the agent last got work or became available. */
  idleSince: number;
  freeSlots: number;
}

export interface GroupQueue {
  groupId: string;
  /** Queued events, most urgent first (priority, then age). */
  eventIds: string[];
  /** The group's available members with their priority in it: higher is asked first. */
  members: Array<{ agentId: string; priority: number }>;
  strategy: AcdStrategy;
  /** Round robin continues after the member the group offered to last. */
  lastOfferedAgentId: string | null;
  /** Agents who had an event offered before (declined, let it expire): asked last for it. */
  offeredBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** The agent an event goes to first when available (a reopened conversation's last agent). */
  preferredAgent?: ReadonlyMap<string, string>;
  /** The only agent an event may go to (an admin reassigned it to them). */
  reservedFor?: ReadonlyMap<string, string>;
}

export interface GroupAssignment extends Assignment {
  groupId: string;
}

/**
 * Decides which agent is offered which event. Pure: the distributor locks the rows, asks this,
 * and writes the answer. Each event goes to the best agent with a free slot: one who has not
 * passed on it before, then its preferred agent (the last agent of a reopened conversation),
 * then the highest member priority, then the group's strategy. An event reserved for one agent
 * goes to that agent or waits.
 */
export function assignOffers(input: AssignInput): Assignment[] {
  return assignOffersAcrossGroups(
    [
      {
        groupId: '',
        eventIds: input.eventIds,
        members: input.agents,
        strategy: input.strategy,
        lastOfferedAgentId: input.lastOfferedAgentId,
        offeredBefore: input.offeredBefore,
        ...(input.preferredAgent ? { preferredAgent: input.preferredAgent } : {}),
        ...(input.reservedFor ? { reservedFor: input.reservedFor } : {}),
      },
    ],
    input.agents,
  ).map(({ eventId, agentId }) => ({ eventId, agentId }));
}

/**
 * `assignOffers` for several groups in turn, which share their agents: an agent in two groups
 * has one capacity, and after an offer in the first group is the least idle in the second.
 */
export function assignOffersAcrossGroups(
  groups: readonly GroupQueue[],
  availability: readonly AgentAvailability[],
): GroupAssignment[] {
  const agents = new Map(availability.map((agent) => [agent.agentId, { ...agent }]));
  let clock = Math.max(0, ...availability.map((agent) => agent.idleSince));
  const assignments: GroupAssignment[] = [];

  for (const group of groups) {
    const members = group.members
      .filter((member) => agents.has(member.agentId))
      .sort((a, b) => compareIds(a.agentId, b.agentId));
    let lastOffered = group.lastOfferedAgentId;
    for (const eventId of group.eventIds) {
      const passedOn = group.offeredBefore.get(eventId);
      const preferred = group.preferredAgent?.get(eventId);
      const reserved = group.reservedFor?.get(eventId);
      const rotation = roundRobinRotation(members, lastOffered);
      let best: AgentAvailability | undefined;
      let bestRank: number[] | undefined;
      for (const member of members) {
        const agent = agents.get(member.agentId)!;
        if (agent.freeSlots <= 0) continue;
        if (reserved !== undefined && reserved !== agent.agentId) continue;
        const rank = [
          passedOn?.has(agent.agentId) ? 1 : 0,
          preferred === agent.agentId ? 0 : 1,
          -member.priority,
          group.strategy === 'round_robin' ? rotation.get(agent.agentId)! : agent.idleSince,
        ];
        if (!bestRank || compareRanks(rank, bestRank) < 0) {
          best = agent;
          bestRank = rank;
        }
      }
      if (!best) {
        // Nobody has room: neither has anyone for the events after it. A reserved event only
        // waits for its agent.
        if (reserved === undefined) break;
        continue;
      }
      assignments.push({ groupId: group.groupId, eventId, agentId: best.agentId });
      best.freeSlots -= 1;
      // The agent who just got work is now the least idle.
      best.idleSince = ++clock;
      lastOffered = best.agentId;
    }
  }
  return assignments;
}

/** Position of each agent in the circle that starts right after the last one offered to. */
function roundRobinRotation(agents: Array<{ agentId: string }>, lastOffered: string | null): Map<string, number> {
  const start = lastOffered === null ? 0 : agents.findIndex((agent) => compareIds(agent.agentId, lastOffered) > 0);
  const first = start < 0 ? 0 : start;
  return new Map(agents.map((agent, index) => [agent.agentId, (index - first + agents.length) % agents.length]));
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
