import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { pruneDeskEvents } from '../../../server/acd/desk-events';
import { useTestServer } from '../../support/test-server';
import { desk, openDeskStream } from './acd-support';
import { createAcdSetup, setStatus, type UserHandle } from '../../support/fixtures';

/**
 * A desk that reconnects resumes after the last event it applied (Last-Event-ID). When that
 * point is no longer in the log (pruned after the retention time), the stream says `reset`, so
 * the desk reloads its state instead of silently missing events.
 */
const server = useTestServer();

const db = () => server.switchboard.database.db;

/** An agent whose desk log holds `count` status events; answers the agent and the log's last id. */
async function agentWithEvents(count: number): Promise<{ agent: UserHandle; last: number }> {
  const setup = await createAcdSetup(server.admin, { agents: [{}] });
  const [agent] = setup.agents as [UserHandle];
  for (let i = 0; i < count; i++) await setStatus(agent, i % 2 === 0 ? 'available' : 'pause');
  const { lastEventId } = await desk(agent);
  expect(lastEventId).toBeGreaterThanOrEqual(count);
  return { agent, last: lastEventId };
}

/** Ages the agent's events up to `upTo` past the retention time, and prunes as the sweep does. */
async function pruneUpTo(agent: UserHandle, upTo: number, last: number): Promise<void> {
  await sql`update desk_event set created_at = now() - interval '25 hours'
    where agent_id = ${agent.id} and seq <= ${upTo}`.execute(db());
  await pruneDeskEvents(db(), 24);
  const kept = await db()
    .selectFrom('desk_event')
    .select('seq')
    .where('agent_id', '=', agent.id)
    .orderBy('seq')
    .execute();
  expect(kept.map((row) => Number(row.seq))).toEqual(Array.from({ length: last - upTo }, (_, i) => upTo + 1 + i));
}

describe('desk stream resume', () => {
  it('says reset when the event after the resume point was pruned, and goes on from the end of the log', async () => {
    const { agent, last } = await agentWithEvents(6);
    await pruneUpTo(agent, last - 2, last);
    const stream = openDeskStream(agent, { lastEventId: last - 3 });
    try {
      const reset = await stream.waitForEvent((e) => e.event === 'reset');
      expect(reset.id).toBe(String(last));
      expect(stream.events[0]).toBe(reset);
      await setStatus(agent, 'busy');
      const next = await stream.waitForEvent((e) => e.event === 'status' && e.data.status === 'busy');
      expect(next.id).toBe(String(last + 1));
      // Nothing of the log before the reset point was replayed.
      expect(stream.events.map((e) => e.event)).toEqual(['reset', 'status']);
    } finally {
      await stream.close();
    }
  });

  it('resumes without a reset when the next event is still kept', async () => {
    const { agent, last } = await agentWithEvents(6);
    await pruneUpTo(agent, last - 2, last);
    const stream = openDeskStream(agent, { lastEventId: last - 2 });
    try {
      await stream.waitForEvent((e) => e.id === String(last));
      expect(stream.events.map((e) => [e.event, e.id])).toEqual([
        ['status', String(last - 1)],
        ['status', String(last)],
      ]);
    } finally {
      await stream.close();
    }
  });

  it('says reset when the whole log was pruned', async () => {
    const { agent, last } = await agentWithEvents(3);
    await pruneUpTo(agent, last, last);
    const stream = openDeskStream(agent, { lastEventId: last - 1 });
    try {
      expect((await stream.waitForEvent((e) => e.event === 'reset')).id).toBe(String(last));
    } finally {
      await stream.close();
    }
  });
});
