import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../support/api-client';
import { createAcdSetup } from '../../support/fixtures';
import { startServerProcess, withProcessDatabase } from '../../support/server-process';

describe.each(['pglite', 'postgres'] as const)('durability on %s', (backend) => {
  it('keeps every SMS that was answered 200 when the process is killed with SIGKILL', async (context) => {
    await withProcessDatabase(backend, context, async (env) => {
      const first = await startServerProcess(env);
      const admin = await first.signInAdmin();
      const { connectorId, token } = await createAcdSetup(admin, { recipient: '+4940999000', requireToken: true });

      // 20 senders deliver without pause; the process is killed while requests are in flight.
      const acknowledged: string[] = [];
      let running = true;
      const deliverLoop = async (lane: number) => {
        for (let i = 0; running; i++) {
          try {
            const response = await fetch(`${first.url}/SMSReceiver`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-switchboard-token': token },
              body: `receiver=4940999000&sender=49170${lane}&message=lane+${lane}+no+${i}`,
            });
            if (response.status === 200) acknowledged.push(((await response.json()) as { id: string }).id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const lanes = Array.from({ length: 20 }, (_, lane) => deliverLoop(lane));
      while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
      await first.kill();
      running = false;
      await Promise.all(lanes);

      const second = await startServerProcess(env);
      try {
        const again = await second.signInAdmin();
        const stored = new Map<string, { mediaEvent: unknown; conversationId: string | null }>();
        let cursor: string | null = null;
        do {
          const page: ApiResponse = await again.get(
            `/api/sms?connectorId=${connectorId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.status).toBe(200);
          for (const sms of page.body.items) stored.set(sms.id, sms);
          cursor = page.body.nextCursor;
        } while (cursor);

        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(300);
        // Each stored SMS came with its conversation in the same transaction, and each conversation
        // (a lane's sender) with one media event: its first SMS's.
        const all = [...stored.values()];
        expect(all.filter((sms) => !sms.conversationId)).toEqual([]);
        const conversations = new Set(all.map((sms) => sms.conversationId));
        const withEvents = all.filter((sms) => sms.mediaEvent);
        expect(new Set(withEvents.map((sms) => sms.conversationId))).toEqual(conversations);
        expect(withEvents).toHaveLength(conversations.size);
      } finally {
        await second.stop();
      }
    });
  }, 120_000);
});
