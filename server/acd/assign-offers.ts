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
}

/**
 * Decides which agent is offered which event. Pure: the distributor locks the rows, asks this,
 * and writes the answer. Each event goes to the best agent with a free slot: one who has not
 * passed on it before, then the highest member priority, then the group's strategy.
 */
export function assignOffers(input: AssignInput): Assignment[] {
  const agents = input.agents.map((agent) => ({ ...agent })).sort((a, b) => compareIds(a.agentId, b.agentId));
  let lastOffered = input.lastOfferedAgentId;
  let clock = Math.max(0, ...agents.map((agent) => agent.idleSince));
  const assignments: Assignment[] = [];

  for (const eventId of input.eventIds) {
    const passedOn = input.offeredBefore.get(eventId);
    const rotation = roundRobinRotation(agents, lastOffered);
    let best: (typeof agents)[number] | undefined;
    let bestRank: number[] | undefined;
    for (const agent of agents) {
      if (agent.freeSlots <= 0) continue;
      const rank = [
        passedOn?.has(agent.agentId) ? 1 : 0,
        -agent.priority,
        input.strategy === 'round_robin' ? rotation.get(agent.agentId)! : agent.idleSince,
      ];
      if (!bestRank || compareRanks(rank, bestRank) < 0) {
        best = agent;
        bestRank = rank;
      }
    }
    if (!best) break;
    assignments.push({ eventId, agentId: best.agentId });
    best.freeSlots -= 1;
    // The agent who just got work is now the least idle.
    best.idleSince = ++clock;
    lastOffered = best.agentId;
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
