import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../support/api-client';
import { useTestServer } from '../../support/test-server';
import { desk, offeredTo, openDeskStream } from './acd-support';
import {
  createAcdSetup,
  deliver,
  mediaEventOf,
  newPassword,
  setStatus,
  type UserHandle,
  waitFor,
} from '../../support/fixtures';

const server = useTestServer();
beforeAll(async () => {}, 60_000);

/** The ways the users API lets an agent leave (`server/routes/users.ts`). */
interface Departure {
  how: string;
  leave(agent: UserHandle): Promise<ApiResponse>;
  expectedStatus: number;
  /** Makes them an agent who can sign in again; answers their client. Absent: there is no coming back. */
  comeBack?(agent: UserHandle): Promise<ApiClient>;
}

const departures: Departure[] = [
  {
    how: 'is deactivated',
    leave: (agent) => server.admin.patch(`/api/users/${agent.id}`, { active: false }),
    expectedStatus: 200,
    async comeBack(agent) {
      // Deactivating ended their sessions: reactivated, they sign in anew.
      const password = newPassword();
      expect((await server.admin.patch(`/api/users/${agent.id}`, { active: true, password })).status).toBe(200);
      const api = new ApiClient(server.url);
      await api.login(agent.email, password);
      return api;
    },
  },
  {
    how: 'is given another role',
    leave: (agent) => server.admin.patch(`/api/users/${agent.id}`, { role: 'client_admin' }),
    expectedStatus: 200,
    async comeBack(agent) {
      expect((await server.admin.patch(`/api/users/${agent.id}`, { role: 'agent' })).status).toBe(200);
      return agent.api;
    },
  },
  {
    how: 'is deleted',
    leave: (agent) => server.admin.delete(`/api/users/${agent.id}`),
    expectedStatus: 204,
  },
];

describe('an agent who leaves', () => {
  for (const departure of departures) {
    it(`${departure.how}: their accepted and offered SMS go back to the queue and to a colleague`, async () => {
      // The leaving agent has the higher priority, so the colleague gets work only once they are gone.
      const setup = await createAcdSetup(server.admin, { agents: [{ capacity: 2, priority: 10 }, { capacity: 2 }] });
      const [leaving, colleague] = setup.agents as [UserHandle, UserHandle];
      await setStatus(leaving, 'available');
      const heldSms = await deliver(server.url, { receiver: setup.recipient, message: 'accepted before leaving' });
      const held = await offeredTo([leaving], heldSms);
      expect((await leaving.api.post(`/api/desk/media-events/${held.mediaEventId}/accept`)).status).toBe(200);
      const offeredSms = await deliver(server.url, { receiver: setup.recipient, message: 'offered before leaving' });
      const offered = await offeredTo([leaving], offeredSms);
      await setStatus(colleague, 'available');
      expect((await desk(colleague)).offers).toEqual([]);

      const stream = openDeskStream(leaving, { lastEventId: (await desk(leaving)).lastEventId });
      try {
        await stream.opened;
        expect((await departure.leave(leaving)).status).toBe(departure.expectedStatus);
        // Their open desk is told the offer is gone.
        const withdrawn = await stream.waitForEvent((e) => e.event === 'withdrawn');
        expect(withdrawn.data).toEqual({ mediaEventId: offered.mediaEventId, reason: 'logged_off' });
      } finally {
        await stream.close();
      }

      // The colleague is offered both, the one the leaving agent had accepted as well.
      const both = [held.mediaEventId, offered.mediaEventId].sort();
      const offers = await waitFor('both offered to the colleague', async () => {
        const ids = (await desk(colleague)).offers.map((offer) => offer.id).sort();
        return ids.length === 2 ? ids : undefined;
      });
      expect(offers).toEqual(both);
      for (const smsId of [heldSms, offeredSms]) {
        expect(await mediaEventOf(server.admin, smsId)).toMatchObject({ state: 'offered', agentId: colleague.id });
      }
      for (const id of both) {
        expect((await colleague.api.post(`/api/desk/media-events/${id}/accept`)).status).toBe(200);
        expect((await colleague.api.post(`/api/desk/media-events/${id}/complete`)).status).toBe(200);
      }

      if (!departure.comeBack) {
        expect((await server.admin.get(`/api/users/${leaving.id}`)).status).toBe(404);
        expect((await server.admin.get(`/api/agents/${leaving.id}`)).status).toBe(404);
        return;
      }
      // Back as an agent, their desk holds nothing, and lists both as withdrawn from them:
      // neither was completed by them.
      const back = await departure.comeBack(leaving);
      const after = (await back.get('/api/desk')).body;
      expect(after).toMatchObject({ status: 'logged_off', offers: [], accepted: [] });
      const history = after.history.map((entry: { id: string; outcome: string }) => [entry.id, entry.outcome]);
      expect(history.sort()).toEqual(both.map((id) => [id, 'withdrawn']));
    });
  }
});
