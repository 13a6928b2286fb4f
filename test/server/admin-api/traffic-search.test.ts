import { beforeAll, describe, expect, it } from 'vitest';
import { offeredTo } from '../acd/acd-support';
import { useTestServer } from '../../support/test-server';
import {
  createAcdGroup,
  createAcdSetup,
  createDirectConnector,
  createTenantWithUsers,
  deliver,
  expectStatus,
  setStatus,
  uniqueSender,
  waitFor,
  type Tenant,
  type UserHandle,
} from '../../support/fixtures';

const server = useTestServer();

interface Step {
  at: string;
  kind: string;
  agentId: string | null;
  agentName: string | null;
  channel: string | null;
}

async function handlingOf(smsId: string): Promise<Step[]> {
  const sms = expectStatus(
    await server.admin.get<{ handling: Step[] }>(`/api/sms/${smsId}`),
    200,
    `reading SMS ${smsId}`,
  );
  return sms.handling;
}

describe('searching Traffic', () => {
  let tenant: Tenant;
  let other: Tenant;
  let recipient: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    tenant = await createTenantWithUsers(server.admin, `search ${Date.now()}`);
    other = await createTenantWithUsers(server.admin, `search other ${Date.now()}`);
    const group = await createAcdGroup(server.admin, { name: 'Search', clientId: tenant.clientId });
    const connector = await createDirectConnector(server.admin, {
      clientId: tenant.clientId,
      acdGroupId: group.id,
      requireToken: false,
    });
    recipient = connector.recipient;
    const otherGroup = await createAcdGroup(server.admin, { name: 'Search', clientId: other.clientId });
    const otherConnector = await createDirectConnector(server.admin, {
      clientId: other.clientId,
      acdGroupId: otherGroup.id,
      requireToken: false,
    });
    const send = async (key: string, receiver: string, sender: string, message: string) => {
      ids[key] = await deliver(server.url, { receiver, sender, message });
    };
    await send('parcel', recipient, '+4917011122233', 'Wo ist mein Paket?');
    await send('percent', recipient, uniqueSender(), 'I want 100% of my money back');
    await send('hundred', recipient, uniqueSender(), 'I want 1000 of my money back');
    await send('underscore', recipient, uniqueSender(), 'my order is A_1');
    await send('nounderscore', recipient, uniqueSender(), 'my order is AB1');
    await send('backslash', recipient, uniqueSender(), 'path C:\\temp');
    await send('dhl', recipient, 'DHL', 'Your parcel arrives today');
    await send('otherParcel', otherConnector.recipient, '+4917011122233', 'Wo ist mein Paket?');
  });

  const found = async (query: string, as = server.admin) => {
    const response = await as.get<{ items: Array<{ id: string }> }>(`/api/sms?${query}`);
    return expectStatus(response, 200, query).items.map((item) => item.id);
  };
  const scoped = (query: string) => `clientId=${tenant.clientId}&${query}`;

  it('finds SMS by a part of the text in any letter case', async () => {
    expect(await found(scoped('text=PAKET'))).toEqual([ids.parcel]);
    expect(await found(scoped(`text=${encodeURIComponent('  paket  ')}`))).toEqual([ids.parcel]);
    expect(new Set(await found(scoped('text=parcel')))).toEqual(new Set([ids.dhl]));
  });

  it('finds SMS by a part of the sender, as it arrived or normalized', async () => {
    expect(await found(scoped('sender=11122233'))).toEqual([ids.parcel]);
    expect(await found(scoped(`sender=${encodeURIComponent('+49170111')}`))).toEqual([ids.parcel]);
    expect(await found(scoped('sender=dhl'))).toEqual([ids.dhl]);
    // Both at once: both must match.
    expect(await found(scoped('sender=dhl&text=paket'))).toEqual([]);
    expect(await found(scoped('sender=dhl&text=today'))).toEqual([ids.dhl]);
  });

  it('takes % and _ and \\ literally, not as wildcards', async () => {
    expect(await found(scoped(`text=${encodeURIComponent('100%')}`))).toEqual([ids.percent]);
    expect(await found(scoped(`text=${encodeURIComponent('A_1')}`))).toEqual([ids.underscore]);
    expect(await found(scoped(`text=${encodeURIComponent('%')}`))).toEqual([ids.percent]);
    expect(await found(scoped(`text=${encodeURIComponent('_')}`))).toEqual([ids.underscore]);
    expect(await found(scoped(`text=${encodeURIComponent('C:\\temp')}`))).toEqual([ids.backslash]);
    expect(await found(scoped(`text=${encodeURIComponent('\\')}`))).toEqual([ids.backslash]);
  });

  it('never finds another client’s SMS', async () => {
    expect(await found('text=Wo%20ist%20mein', tenant.clientAdmin.api)).toEqual([ids.parcel]);
    expect(await found('text=Wo%20ist%20mein', other.clientAdmin.api)).toEqual([ids.otherParcel]);
    expect(await found('sender=11122233', other.resellerAdmin.api)).toEqual([ids.otherParcel]);
    // Another client's id in the filter is refused, not searched.
    const response = await other.clientAdmin.api.get(`/api/sms?clientId=${tenant.clientId}&text=Paket`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(response.body)).not.toContain(ids.parcel);
    // The system admin sees both.
    expect(new Set(await found('text=Wo%20ist%20mein%20Paket'))).toEqual(new Set([ids.parcel, ids.otherParcel]));
  });

  it('refuses a search text that is empty or too long, naming the field', async () => {
    const long = await server.admin.get(`/api/sms?text=${'a'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ field: 'text' });
    const empty = await server.admin.get(`/api/sms?sender=${encodeURIComponent('   ')}`);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ field: 'sender' });
    expect(await found(scoped(`text=${'a'.repeat(100)}`))).toEqual([]);
  });
});

describe('the handling time line of an SMS', () => {
  it('shows who was offered it, who declined, who accepted and completed it, with their names', async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Anna Decliner' }, { displayName: 'Ben Closer' }],
    });
    const [anna, ben] = setup.agents as [UserHandle, UserHandle];
    await setStatus(anna, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'Who takes me?' });
    const first = await offeredTo([anna], smsId);
    await setStatus(ben, 'available');
    // Anna declines until Ben is offered it (which of the two gets a returned SMS is the ACD's choice).
    let mediaEventId = first.mediaEventId;
    await waitFor('Ben offered the SMS', async () => {
      const offer = await offeredTo([anna, ben], smsId);
      mediaEventId = offer.mediaEventId;
      if (offer.agent === ben) return true;
      const declined = await anna.api.post(`/api/desk/media-events/${offer.mediaEventId}/decline`);
      expect([200, 409]).toContain(declined.status);
      return false;
    });
    expectStatus(await ben.api.post(`/api/desk/media-events/${mediaEventId}/accept`), 200, 'accepting');
    expectStatus(await ben.api.post(`/api/desk/media-events/${mediaEventId}/complete`), 200, 'completing');

    const steps = await handlingOf(smsId);
    expect(steps[0]).toMatchObject({ kind: 'queued', agentId: null });
    expect(steps.at(-1)).toMatchObject({ kind: 'completed', agentId: ben.id, agentName: 'Ben Closer' });
    expect(steps.at(-2)).toMatchObject({ kind: 'accepted', agentId: ben.id, agentName: 'Ben Closer', channel: 'web' });
    expect(steps.at(-3)).toMatchObject({ kind: 'offered', agentId: ben.id, channel: 'web' });
    expect(steps[1]).toMatchObject({ kind: 'offered', agentId: anna.id, agentName: 'Anna Decliner', channel: 'web' });
    expect(steps[2]).toMatchObject({ kind: 'declined', agentId: anna.id, agentName: 'Anna Decliner' });
    // Every offer but the last ends with Anna's decline, and the steps are in time order.
    const middle = steps.slice(1, -3);
    for (let i = 0; i < middle.length; i += 2) {
      expect([middle[i]!.kind, middle[i + 1]!.kind]).toEqual(['offered', 'declined']);
    }
    const times = steps.map((step) => Date.parse(step.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('shows an offer that timed out, and the admin’s cancellation', { timeout: 60_000 }, async () => {
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Sam Silent' }],
      offerTimeoutSeconds: 5,
    });
    const [sam] = setup.agents as [UserHandle];
    await setStatus(sam, 'available');
    const smsId = await deliver(server.url, { receiver: setup.recipient, message: 'Nobody answers' });
    const { mediaEventId } = await offeredTo([sam], smsId);
    await waitFor(
      'the offer timed out',
      async () => (await handlingOf(smsId)).some((step) => step.kind === 'timed_out'),
      30_000,
    );
    // Sam, still available, may be offered it again: the admin cancels it whichever way it stands.
    expectStatus(await server.admin.post(`/api/media-events/${mediaEventId}/cancel`, {}), 200, 'cancelling');
    const steps = await handlingOf(smsId);
    expect(steps.slice(0, 3)).toMatchObject([
      { kind: 'queued' },
      { kind: 'offered', agentId: sam.id, agentName: 'Sam Silent' },
      { kind: 'timed_out', agentId: sam.id, agentName: 'Sam Silent' },
    ]);
    expect(steps.at(-1)).toMatchObject({ kind: 'cancelled', agentId: null });
  });

  it('shows only the queueing while nobody was offered it, and is 404 for another client’s SMS', async () => {
    const tenant = await createTenantWithUsers(server.admin, `handling ${Date.now()}`);
    const group = await createAcdGroup(server.admin, { name: 'None', clientId: tenant.clientId });
    const connector = await createDirectConnector(server.admin, {
      clientId: tenant.clientId,
      acdGroupId: group.id,
      requireToken: false,
    });
    const smsId = await deliver(server.url, { receiver: connector.recipient });
    const detail = expectStatus(
      await tenant.clientAdmin.api.get<{ handling: Step[] }>(`/api/sms/${smsId}`),
      200,
      'own',
    );
    expect(detail.handling.map((step) => step.kind)).toEqual(['queued']);
    const stranger = await createTenantWithUsers(server.admin, `handling stranger ${Date.now()}`);
    expect((await stranger.clientAdmin.api.get(`/api/sms/${smsId}`)).status).toBe(404);
  });
});
