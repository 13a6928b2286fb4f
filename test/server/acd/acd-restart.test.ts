import { describe, expect, it } from 'vitest';
import { startServerProcess, withProcessDatabase } from '../../support/server-process';
import { desk, offeredTo, openDeskStream } from './acd-support';
import { createAcdSetup, deliver, setStatus, type UserHandle } from '../../support/fixtures';

describe.each(['pglite', 'postgres'] as const)('ACD state across a crash on %s', (backend) => {
  it('keeps offers, accepted work, the queue and the desk log through a SIGKILL and a restart', async (context) => {
    await withProcessDatabase(backend, context, async (env) => {
      const first = await startServerProcess(env);
      const admin = await first.signInAdmin();
      const setup = await createAcdSetup(admin, { agents: [{ capacity: 2 }, {}] });
      const [a, b] = setup.agents as [UserHandle, UserHandle];
      await setStatus(a, 'available');
      const held = await deliver(first.url, { receiver: setup.recipient, message: 'held' });
      const heldOffer = await offeredTo([a], held);
      expect((await a.api.post(`/api/desk/media-events/${heldOffer.mediaEventId}/accept`)).status).toBe(200);
      const offered = await deliver(first.url, { receiver: setup.recipient, message: 'offered' });
      const pendingOffer = await offeredTo([a], offered);
      const queued = await deliver(first.url, { receiver: setup.recipient, message: 'queued' });
      const logBefore = (await desk(a)).lastEventId;

      await first.kill();
      const second = await startServerProcess(env);
      try {
        const atSecond = (agent: UserHandle) => ({ ...agent, api: agent.api.at(second.url) });
        const a2 = atSecond(a);
        const b2 = atSecond(b);
        const after = await desk(a2);
        expect(after.status).toBe('available');
        expect(after.accepted.map((e) => e.id)).toEqual([heldOffer.mediaEventId]);
        expect(after.offers.map((e) => e.id)).toEqual([pendingOffer.mediaEventId]);
        expect(after.lastEventId).toBe(logBefore);

        // The queued SMS reaches b when b becomes available; a's declined offer follows it.
        const stream = openDeskStream(a2, { lastEventId: logBefore });
        try {
          await setStatus(b2, 'available');
          await offeredTo([b2], queued, 5000);
          expect((await a2.api.post(`/api/desk/media-events/${pendingOffer.mediaEventId}/decline`)).status).toBe(200);
          await stream.waitForEvent((e) => e.event === 'withdrawn');
          // Resumed right after the last event before the crash (a may get the offer again: b is full).
          expect(stream.events[0]).toMatchObject({ id: String(logBefore + 1), event: 'withdrawn' });
        } finally {
          await stream.close();
        }
        expect((await a2.api.post(`/api/desk/media-events/${heldOffer.mediaEventId}/complete`)).status).toBe(200);
        await offeredTo([a2], offered, 5000);
      } finally {
        await second.stop();
      }
    });
  }, 120_000);
});
