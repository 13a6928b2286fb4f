import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../../../workflows';
import { uuid7 } from '../../../server/db/uuid7';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import {
  createClientWithGroups,
  deliver,
  deliverRouted,
  publishWithConnector,
  routedSms,
} from '../../support/fixtures';

const MAX_ATTEMPTS = 5; // the engine's default

// A short lease, so that retries of an SMS whose result cannot be written come quickly.
const server = useTestServer({ env: { SWITCHBOARD_ROUTING_LEASE_SECONDS: '1' } });

const db = () => server.switchboard.database.db;
let numbers = 0;
const uniqueRecipient = () => `+4940${String(Date.now() % 1_000_000).padStart(6, '0')}${numbers++}`;

const routesTo = (acdGroupId: string): WorkflowGraph =>
  aGraph(
    [
      ['start', 'start'],
      ['route', 'route_to_acd_group', { acdGroupId, subject: 'For {{sms.sender}}' }],
    ],
    [['start', 'next', 'route']],
  );

/** Deletes a group's row behind the API's back, as a delete racing a running workflow would. */
async function deleteGroupRow(acdGroupId: string) {
  await db().deleteFrom('acd_group').where('id', '=', acdGroupId).execute();
}

/** Runs the recovery sweep until the SMS has left `received` (each run waits for its lease to expire). */
async function sweepUntilSettled(smsId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await server.switchboard.engine.sweep();
    const sms = await server.admin.get(`/api/sms/${smsId}`);
    if (sms.body.status !== 'received') return sms.body;
    if (Date.now() > deadline) throw new Error(`SMS ${smsId} still waits after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function attemptsOf(smsId: string): Promise<number> {
  const row = await db()
    .selectFrom('inbound_sms')
    .select('routing_attempts')
    .where('id', '=', smsId)
    .executeTakeFirstOrThrow();
  return row.routing_attempts;
}

describe('an SMS whose group vanished while it was routed', () => {
  it('goes to the fallback group, failed with the reason, visible in the traffic API', async () => {
    const recipient = uniqueRecipient();
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Doomed', 'Fallback']);
    const { applicationId, versionId } = await publishWithConnector(
      server.admin,
      clientId,
      routesTo(groups.Doomed!),
      recipient,
      { fallbackAcdGroupId: groups.Fallback! },
    );
    await deleteGroupRow(groups.Doomed!);

    const smsId = await deliver(server.url, { receiver: recipient, sender: '+491701000001', message: 'hello' });
    const sms = await routedSms(server.admin, smsId);
    expect(sms.status).toBe('routed');
    expect(sms.mediaEvent).toMatchObject({ acdGroupId: groups.Fallback, state: 'queued' });
    expect(sms.mediaEvent?.subject).toBe(
      `SMS from +491701000001 (routing failed: The ACD group it was routed to (${groups.Doomed}) no longer exists)`,
    );
    expect(sms.execution).toMatchObject({
      routingApplicationId: applicationId,
      versionId,
      status: 'failed',
      outcome: { kind: 'failed', reason: `The ACD group it was routed to (${groups.Doomed}) no longer exists` },
    });
    // The run itself is kept: the trace still shows the node that routed to the vanished group.
    expect(sms.execution?.trace.map((step: { nodeId: string }) => step.nodeId)).toContain('route');
    const inFallback = await server.admin.get(`/api/media-events?acdGroupId=${groups.Fallback}&smsId=${smsId}`);
    expect(inFallback.body.items).toHaveLength(1);
  });

  it('fails with the reason when the application has no fallback group', async () => {
    const recipient = uniqueRecipient();
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Doomed']);
    await publishWithConnector(server.admin, clientId, routesTo(groups.Doomed!), recipient);
    await deleteGroupRow(groups.Doomed!);

    const sms = await deliverRouted(server, { receiver: recipient, sender: '+491701000002', message: 'hello' });
    expect(sms.status).toBe('failed');
    expect(sms.mediaEvent).toBeNull();
    expect(sms.execution).toMatchObject({
      status: 'failed',
      outcome: {
        kind: 'failed',
        reason: `The ACD group it was routed to (${groups.Doomed}) no longer exists, and there is no fallback ACD group`,
      },
    });
  });

  it('fails with the reason when the fallback group vanished too', async () => {
    const recipient = uniqueRecipient();
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Doomed', 'Fallback']);
    await publishWithConnector(server.admin, clientId, routesTo(groups.Doomed!), recipient, {
      fallbackAcdGroupId: groups.Fallback!,
    });
    // Routed once, so the engine has the application (with its fallback group) cached when the rows go.
    expect((await deliverRouted(server, { receiver: recipient, sender: '+491701000003', message: 'one' })).status).toBe(
      'routed',
    );
    await deleteGroupRow(groups.Doomed!);
    await deleteGroupRow(groups.Fallback!);

    // Another customer: the first one's conversation is still open, and its SMS would join it unrouted.
    const sms = await deliverRouted(server, { receiver: recipient, sender: '+491701000013', message: 'hello' });
    expect(sms.status).toBe('failed');
    expect(sms.mediaEvent).toBeNull();
    // Whether the engine still had the fallback cached when it ran depends on when it heard of the
    // deleted rows (the fallback is set null with them); either way the reason says what is gone.
    expect([
      `The ACD group it was routed to (${groups.Doomed}) no longer exists, nor does the fallback ACD group (${groups.Fallback})`,
      `The ACD group it was routed to (${groups.Doomed}) no longer exists, and there is no fallback ACD group`,
    ]).toContain(sms.execution?.outcome?.reason);
  });

  it('fails with both reasons when a failed run finds its fallback group gone', async () => {
    const recipient = uniqueRecipient();
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Fallback']);
    // An application without any version fails every run, which sends its SMS to the fallback group.
    const application = await server.admin.post('/api/routing-applications', {
      name: 'Never published',
      clientId,
      fallbackAcdGroupId: groups.Fallback,
    });
    const connector = await server.admin.post('/api/connectors', {
      name: 'To the unpublished application',
      recipient,
      requireToken: false,
      routingType: 'routing_application',
      routingApplicationId: application.body.id,
      clientId,
    });
    expect(connector.status).toBe(201);
    // Read once, so the engine has the fallback group cached when its row goes.
    expect((await deliverRouted(server, { receiver: recipient, sender: '+491701000004', message: 'one' })).status).toBe(
      'routed',
    );
    await deleteGroupRow(groups.Fallback!);

    // Another customer: the first one's conversation is still open, and its SMS would join it unrouted.
    const sms = await deliverRouted(server, { receiver: recipient, sender: '+491701000014', message: 'two' });
    expect(sms.status).toBe('failed');
    expect(sms.mediaEvent).toBeNull();
    // As above: the fallback may be seen gone, or (its row set null) as never set.
    expect([
      `The routing application has no active version; the fallback ACD group (${groups.Fallback}) no longer exists`,
      'The routing application has no active version',
    ]).toContain(sms.execution?.outcome?.reason);
  });
});

describe('an SMS whose result cannot be written', () => {
  it(`is written off after ${MAX_ATTEMPTS} attempts to the fallback group with the reason, or fails with it without one`, async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Target', 'Fallback']);
    const withFallback = uniqueRecipient();
    await publishWithConnector(server.admin, clientId, routesTo(groups.Target!), withFallback, {
      fallbackAcdGroupId: groups.Fallback!,
    });
    const withoutFallback = uniqueRecipient();
    await publishWithConnector(server.admin, clientId, routesTo(groups.Target!), withoutFallback);
    // Any completed result of these SMS is refused, every time: only a write-off can end them.
    await sql`create function refuse_unwritable() returns trigger language plpgsql as $$
      begin
        if new.status = 'completed' and exists (select 1 from inbound_sms s where s.id = new.sms_id and s.message = 'UNWRITABLE') then
          raise exception 'this result cannot be written';
        end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger refuse_unwritable before insert on workflow_execution
      for each row execute function refuse_unwritable()`.execute(db());
    try {
      const toFallback = await deliver(server.url, {
        receiver: withFallback,
        sender: '+491702000001',
        message: 'UNWRITABLE',
      });
      const toNowhere = await deliver(server.url, {
        receiver: withoutFallback,
        sender: '+491702000002',
        message: 'UNWRITABLE',
      });

      const reason = `Routing was attempted ${MAX_ATTEMPTS} times without finishing; the server log has the errors`;
      const routed = await sweepUntilSettled(toFallback);
      expect(routed.status).toBe('routed');
      expect(routed.mediaEvent).toMatchObject({ acdGroupId: groups.Fallback, state: 'queued' });
      expect(routed.execution).toMatchObject({ status: 'failed', outcome: { kind: 'failed', reason } });

      const failed = await sweepUntilSettled(toNowhere);
      expect(failed.status).toBe('failed');
      expect(failed.mediaEvent).toBeNull();
      expect(failed.execution).toMatchObject({ status: 'failed', outcome: { kind: 'failed', reason } });

      // Bounded: the first run from memory, then one claim per attempt and one for the write-off.
      expect(await attemptsOf(toFallback)).toBe(MAX_ATTEMPTS + 1);
      expect(await attemptsOf(toNowhere)).toBe(MAX_ATTEMPTS + 1);
    } finally {
      await sql`drop trigger refuse_unwritable on workflow_execution`.execute(db());
      await sql`drop function refuse_unwritable()`.execute(db());
    }
  }, 120_000);

  it('is marked failed alone when not even its write-off can be written, so it is never retried forever', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Target', 'Fallback']);
    const recipient = uniqueRecipient();
    await publishWithConnector(server.admin, clientId, routesTo(groups.Target!), recipient, {
      fallbackAcdGroupId: groups.Fallback!,
    });
    await sql`create function refuse_any_result() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from inbound_sms s where s.id = new.sms_id and s.message = 'NOTHING WRITABLE') then
          raise exception 'no result of this SMS can be written';
        end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger refuse_any_result before insert on workflow_execution
      for each row execute function refuse_any_result()`.execute(db());
    try {
      const smsId = await deliver(server.url, {
        receiver: recipient,
        sender: '+491702000003',
        message: 'NOTHING WRITABLE',
      });
      const sms = await sweepUntilSettled(smsId);
      expect(sms.status).toBe('failed');
      expect(sms.execution).toBeNull();
      expect(sms.mediaEvent).toBeNull();
      // The attempts, then two write-offs: the second one gives up on writing anything but the status.
      expect(await attemptsOf(smsId)).toBe(MAX_ATTEMPTS + 2);
      expect(server.logLines().some((line) => line.includes('writing off an SMS failed again'))).toBe(true);
    } finally {
      await sql`drop trigger refuse_any_result on workflow_execution`.execute(db());
      await sql`drop function refuse_any_result()`.execute(db());
    }
  }, 120_000);

  it('counts attempts in the database, so attempts of earlier lives (a crash loop) end it too', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Target', 'Fallback']);
    const { connectorId } = await publishWithConnector(
      server.admin,
      clientId,
      routesTo(groups.Target!),
      uniqueRecipient(),
      { fallbackAcdGroupId: groups.Fallback! },
    );
    // An SMS that earlier server lives claimed as often as allowed, and died routing each time.
    const smsId = uuid7();
    await db()
      .insertInto('inbound_sms')
      .values({
        id: smsId,
        client_id: clientId,
        connector_id: connectorId,
        sender: '+491703000001',
        sender_normalized: '+491703000001',
        receiver: '+4940',
        receiver_normalized: '+4940',
        message: 'crashes the server',
        keyword: null,
        message_id: null,
        status: 'received',
        raw: '{}',
        routing_lease_until: null,
        routing_attempts: MAX_ATTEMPTS,
      })
      .execute();

    const sms = await sweepUntilSettled(smsId);
    expect(sms.status).toBe('routed');
    expect(sms.mediaEvent?.acdGroupId).toBe(groups.Fallback);
    expect(sms.execution?.outcome?.reason).toBe(
      `Routing was attempted ${MAX_ATTEMPTS} times without finishing; the server log has the errors`,
    );
  });
});
