import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { NotificationListener } from '../../server/db/notification-listener';
import { POSTGRES_URL, postgresReachable } from '../support/test-database';
import { waitFor } from '../support/fixtures';

describe('the LISTEN connection', () => {
  it('comes back by itself when its connection is killed, listens again and says so', async (context) => {
    if (!(await postgresReachable())) return context.skip();
    const channel = `test_channel_${Date.now()}`;
    const heard: string[] = [];
    let resubscribed = 0;
    const { listener, other, endSession, close } = await listenerBeside({ initialMs: 300, maxMs: 1000 });
    const notify = (payload: string) => other.query('select pg_notify($1, $2)', [channel, payload]);
    try {
      await listener.listen(channel, {
        onNotify: (payload) => heard.push(payload),
        onResubscribed: () => void resubscribed++,
      });
      expect(listener.live).toBe(true);
      await notify('before');
      await waitFor('the first notification', async () => heard.includes('before'));

      // The server ends the listening session, as a restart or an administrator would.
      await endSession();
      await waitFor('the listener to notice', async () => !listener.live);
      await notify('while away'); // lost: nobody listens now
      await waitFor('the listener to listen again', async () => listener.live);
      expect(resubscribed).toBe(1);
      await notify('after');
      await waitFor('a notification after the reconnect', async () => heard.includes('after'));
      expect(heard).toEqual(['before', 'after']);
    } finally {
      await close();
    }
  });

  it('tries again when catching up fails, and is live only once it succeeded', async (context) => {
    if (!(await postgresReachable())) return context.skip();
    let attempts = 0;
    const { listener, endSession, close } = await listenerBeside({ initialMs: 50, maxMs: 200 });
    try {
      await listener.listen(`test_channel_b_${Date.now()}`, {
        onNotify: () => {},
        onResubscribed: async () => {
          attempts++;
          if (attempts < 3) throw new Error('the caches could not be reloaded');
        },
      });
      await endSession();
      await waitFor('the listener to notice', async () => !listener.live);
      await waitFor('the listener to be live again', async () => listener.live);
      expect(attempts).toBe(3);
    } finally {
      await close();
    }
  });
});

/** A listener, and another session on the same server that can end the listener's session. */
async function listenerBeside(backoff: { initialMs: number; maxMs: number }) {
  const name = `listener-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const listener = new NotificationListener(
    { connectionString: POSTGRES_URL, application_name: name },
    undefined,
    backoff,
  );
  const other = new pg.Client({ connectionString: POSTGRES_URL });
  await other.connect();
  return {
    listener,
    other,
    /** The server ends the listening session, as a restart or an administrator would. */
    endSession: () =>
      other.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [name]),
    async close() {
      await listener.close();
      await other.end();
    },
  };
}
