import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../support/test-server';
import { aGraph } from '../../workflows/fixtures';
import { createClientWithGroups, deliver, publishWithConnector, routedSms } from '../../support/fixtures';

const LEASE_SECONDS = 1;

const server = useTestServer({ env: { SWITCHBOARD_ROUTING_LEASE_SECONDS: String(LEASE_SECONDS) } });

const db = () => server.switchboard.database.db;

/** The server's log entries about `smsId` with the message `msg`. */
function logged(smsId: string, msg: string): Array<{ err?: { message?: string } }> {
  return server
    .logLines()
    .map((line) => JSON.parse(line) as { smsId?: string; msg?: string; err?: { message?: string } })
    .filter((entry) => entry.smsId === smsId && entry.msg === msg);
}

async function untilLogged(smsId: string, msg: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (logged(smsId, msg).length === 0) {
    if (Date.now() > deadline) throw new Error(`"${msg}" was not logged for ${smsId} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return logged(smsId, msg);
}

const routingState = (smsId: string) =>
  db()
    .selectFrom('inbound_sms')
    .select(['status', 'routing_attempts', 'routing_lease_until'])
    .where('id', '=', smsId)
    .executeTakeFirstOrThrow();

describe('an SMS whose run threw', () => {
  it('is run again by the recovery sweep once its lease has run out, and routed by its workflow', async () => {
    const { clientId, groups } = await createClientWithGroups(server.admin, ['Target']);
    const recipient = '+4940700001';
    const { versionId } = await publishWithConnector(
      server.admin,
      clientId,
      aGraph(
        [
          ['start', 'start'],
          ['route', 'route_to_acd_group', { acdGroupId: groups.Target, subject: 'For {{sms.sender}}' }],
        ],
        [['start', 'next', 'route']],
      ),
      recipient,
    );
    // The database refuses the first result of this SMS, once (a sequence is not rolled back with
    // the refused write): that write throws out of the run, which then waits for its lease.
    await sql`create sequence first_result_refused`.execute(db());
    await sql`create function refuse_first_result() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from inbound_sms s where s.id = new.sms_id and s.message = 'RETRIED')
            and nextval('first_result_refused') = 1 then
          raise exception 'the database refused this result once';
        end if;
        return new;
      end $$`.execute(db());
    await sql`create trigger refuse_first_result before insert on workflow_execution
      for each row execute function refuse_first_result()`.execute(db());
    try {
      const smsId = await deliver(server.url, { receiver: recipient, sender: '+491704000001', message: 'RETRIED' });

      const [threw] = await untilLogged(smsId, 'routing an SMS failed; it will be retried');
      expect(threw!.err?.message).toContain('the database refused this result once');
      const waiting = await routingState(smsId);
      // Run from memory, which no claim counts, and still leased to this instance.
      expect(waiting).toMatchObject({ status: 'received', routing_attempts: 0 });
      expect(waiting.routing_lease_until).not.toBeNull();

      // Nobody calls the sweep here: the server's own recovery sweep finds it after the lease.
      const sms = await routedSms(server.admin, smsId, 30_000);
      expect(sms.status).toBe('routed');
      expect(sms.mediaEvent).toMatchObject({ acdGroupId: groups.Target, state: 'queued' });
      expect(sms.execution).toMatchObject({
        versionId,
        status: 'completed',
        outcome: { kind: 'routed', acdGroupId: groups.Target },
      });
      // The second run started only once the first one's lease had run out.
      expect(Date.parse(sms.execution!.startedAt)).toBeGreaterThanOrEqual(
        new Date(waiting.routing_lease_until!).getTime(),
      );
      expect(await untilLogged(smsId, 'routing an SMS failed; it will be retried')).toHaveLength(1);
      expect(await routingState(smsId)).toMatchObject({
        status: 'routed',
        routing_attempts: 1,
        routing_lease_until: null,
      });
    } finally {
      await sql`drop trigger refuse_first_result on workflow_execution`.execute(db());
      await sql`drop function refuse_first_result()`.execute(db());
      await sql`drop sequence first_result_refused`.execute(db());
    }
  }, 60_000);
});
