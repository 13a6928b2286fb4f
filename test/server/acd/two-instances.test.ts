import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../support/test-server';
import { openDeskStream } from './acd-support';
import { createAcdSetup, deliver, type UserHandle, waitFor } from '../../support/fixtures';

/**
 * Two Switchboard instances on one PostgreSQL, both dispatching the same group while agents on
 * either instance accept, decline and pause at random. Several instances need a shared database
 * server, so this runs on PostgreSQL whatever TEST_DB says.
 */
let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  first = await startTestServer({ backend: 'postgres' });
  second = await startTestServer({ shareDatabaseOf: first });
}, 60_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
});

const SMS_COUNT = 240;
const CAPACITY = 2;

describe('two server instances on one database', () => {
  it('wakes a desk stream open on the other instance, at once', async () => {
    const setup = await createAcdSetup(first.admin, { agents: [{ capacity: 2 }] });
    const agent = { ...setup.agents[0]!, api: setup.agents[0]!.api.at(second.url) };
    const stream = openDeskStream(agent);
    try {
      await stream.opened;
      // The admin changes the status on the first instance; the stream lives on the second.
      const paused = await first.admin.put(`/api/agents/${agent.id}/status`, { status: 'available' });
      expect(paused.status).toBe(200);
      await stream.waitForEvent((event) => event.event === 'status', 3000);
      // An SMS delivered to the first instance is offered there, and shows on the second at once.
      const smsId = await deliver(first.url, { receiver: setup.recipient, message: 'across instances' });
      const offer = await stream.waitForEvent((event) => event.event === 'offer', 3000);
      expect(offer.data).toMatchObject({ sms: { id: smsId } });
    } finally {
      await stream.close();
    }
  });

  it('never offers an event to two agents at once, never exceeds capacity, and loses nothing', async () => {
    const setup = await createAcdSetup(first.admin, {
      agents: Array.from({ length: 8 }, () => ({ capacity: CAPACITY })),
      offerTimeoutSeconds: 5,
    });
    const db = first.switchboard.database.db;
    // Half the agents work through each instance.
    const agents = await Promise.all(
      setup.agents.map(async (agent, index) => {
        const instance = index % 2 === 0 ? first : second;
        return { ...agent, api: agent.api.at(instance.url) } satisfies UserHandle;
      }),
    );
    for (const agent of agents) {
      expect((await agent.api.put('/api/desk/status', { status: 'available' })).status).toBe(200);
    }

    let violations: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const over = await sql<{ agent_id: string; load: number }>`
          select agent_id, count(*)::int as load from media_event
          where agent_id is not null and state in ('offered', 'accepted') group by agent_id having count(*) > ${CAPACITY}`.execute(
          db,
        );
        violations = violations.concat(over.rows.map((row) => `${row.agent_id} held ${row.load}`));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    const accepted = new Map<string, string>();
    const doubleAccepts: string[] = [];
    let working = true;
    const random = seeded(42);
    const work = agents.map(async (agent) => {
      while (working) {
        const desk = (await agent.api.get('/api/desk')).body;
        for (const offer of desk.offers) {
          const roll = random();
          const action = roll < 0.25 ? 'decline' : 'accept';
          const response = await agent.api.post(`/api/desk/media-events/${offer.id}/${action}`);
          if (action === 'accept' && response.status === 200) {
            if (accepted.has(offer.id)) doubleAccepts.push(offer.id);
            accepted.set(offer.id, agent.id);
          }
        }
        for (const held of desk.accepted) await agent.api.post(`/api/desk/media-events/${held.id}/complete`);
        if (random() < 0.03) {
          await agent.api.put('/api/desk/status', { status: 'pause' });
          await agent.api.put('/api/desk/status', { status: 'available' });
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });

    // Providers deliver to both instances at once.
    const deliveries = Array.from({ length: SMS_COUNT }, async (_, index) => {
      const instance = index % 2 === 0 ? first : second;
      await deliver(instance.url, { receiver: setup.recipient, message: `sms ${index}` });
    });
    await Promise.all(deliveries);

    await waitFor(
      'every event completed',
      async () => {
        const open = await sql<{ n: number }>`
          select count(*)::int as n from media_event where acd_group_id = ${setup.groupId} and state <> 'completed'`.execute(
          db,
        );
        return open.rows[0]!.n === 0;
      },
      90_000,
    );
    working = false;
    await Promise.all(work);
    sampling = false;
    await sampler;

    const events = await sql<{ state: string; n: number }>`
      select state, count(*)::int as n from media_event where acd_group_id = ${setup.groupId} group by state`.execute(
      db,
    );
    expect(events.rows).toEqual([{ state: 'completed', n: SMS_COUNT }]);
    const offers = await sql<{ outcome: string | null; n: number }>`
      select o.outcome, count(*)::int as n from media_event_offer o join media_event e on e.id = o.media_event_id
      where e.acd_group_id = ${setup.groupId} group by o.outcome order by o.outcome`.execute(db);
    const byOutcome = Object.fromEntries(offers.rows.map((row) => [row.outcome ?? 'open', row.n]));
    expect(byOutcome.accepted).toBe(SMS_COUNT);
    expect(byOutcome.open).toBeUndefined();
    expect(byOutcome.declined).toBeGreaterThan(10);
    const perEvent = await sql<{ n: number }>`
      select count(*)::int as n from media_event_offer o join media_event e on e.id = o.media_event_id
      where e.acd_group_id = ${setup.groupId} and o.outcome = 'accepted' group by o.media_event_id having count(*) > 1`.execute(
      db,
    );
    expect(perEvent.rows).toEqual([]);
    expect(doubleAccepts).toEqual([]);
    expect(accepted.size).toBe(SMS_COUNT);
    expect(violations).toEqual([]);
    // Lock conflicts are skipped, never failed on.
    const errors = [...first.logLines(), ...second.logLines()].filter((line) =>
      line.includes('dispatching an ACD group failed'),
    );
    expect(errors).toEqual([]);
  }, 150_000);
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}
