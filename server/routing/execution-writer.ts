import { sql, type Kysely, type Transaction } from 'kysely';
import type { TraceStep, WorkflowOutcome } from '../../workflows';
import { BatchCommitter } from '../db/batch-committer';
import type { Database, ExecutionStatus, SmsStatus } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface FinishedExecution {
  id: string;
  smsId: string;
  clientId: string;
  /** Who sent the SMS, for the subject of a media event in the fallback group. */
  sender: string;
  routingApplicationId: string | null;
  versionId: string | null;
  status: ExecutionStatus;
  outcome: WorkflowOutcome;
  trace: TraceStep[];
  startedAt: Date;
  finishedAt: Date;
  smsStatus: SmsStatus;
  mediaEvent: { id: string; acdGroupId: string; subject: string; priority: number } | null;
  /** Where the SMS goes instead should the group of its media event no longer exist. */
  fallbackAcdGroupId: string | null;
  /** A run that waited (see waiting-run-store.ts): how its wait ended, written with its result. */
  resumed?: { state: 'resumed' | 'timed_out' | 'failed' };
}

export interface WrittenExecution {
  /** False when the SMS was no longer waiting (another instance wrote its result first). */
  written: boolean;
  /** The group its media event was queued in: the fallback group when its own was gone. */
  queuedIn: string | null;
}

/**
 * Writes finished runs in batches: the SMS's new status, its execution (outcome and trace) and
 * its media event commit together. Only an SMS still waiting is written, so a run that another
 * instance finished first changes nothing. A media event whose group was deleted while the run
 * went on goes to the fallback group instead, or the SMS fails, saying why (see
 * `rerouteWithoutGroup`): a vanished group never keeps an SMS waiting.
 */
export function createExecutionWriter(
  db: Kysely<Database>,
  logger?: Logger,
  onQueued?: (acdGroupIds: Set<string>) => void,
) {
  return new BatchCommitter<FinishedExecution, WrittenExecution>({
    what: 'writing workflow executions',
    commit: (batch) => writeExecutions(db, batch),
    afterCommit: (_batch, results) => {
      const groups = new Set<string>();
      for (const result of results.values()) if (result.written && result.queuedIn) groups.add(result.queuedIn);
      if (groups.size > 0) onQueued?.(groups);
    },
    maxConcurrentBatches: 4,
    ...(logger ? { logger } : {}),
  });
}

async function writeExecutions(
  db: Kysely<Database>,
  batch: FinishedExecution[],
): Promise<Map<FinishedExecution, WrittenExecution>> {
  return db.transaction().execute(async (trx) => {
    const present = await lockReferences(trx, batch);
    const planned = new Map(batch.map((e) => [e, withPresentReferences(e, present)]));
    const all = [...planned.values()];
    const updated = await sql<{ id: string }>`
      update inbound_sms s set status = u.status, routing_lease_until = null, updated_at = now()
      from unnest(${all.map((e) => e.smsId)}::uuid[], ${all.map((e) => e.smsStatus)}::text[]) as u(id, status)
      where s.id = u.id and s.status = 'received'
      returning s.id`.execute(trx);
    const written = new Set(updated.rows.map((row) => row.id));
    const rows = all.filter((e) => written.has(e.smsId));
    if (rows.length > 0) {
      await sql`
        insert into workflow_execution (id, client_id, sms_id, routing_application_id, version_id, status, outcome, trace, started_at, finished_at)
        select * from unnest(${rows.map((e) => e.id)}::uuid[], ${rows.map((e) => e.clientId)}::uuid[],
          ${rows.map((e) => e.smsId)}::uuid[], ${rows.map((e) => e.routingApplicationId)}::uuid[],
          ${rows.map((e) => e.versionId)}::uuid[], ${rows.map((e) => e.status)}::text[],
          ${rows.map((e) => JSON.stringify(e.outcome))}::jsonb[], ${rows.map((e) => JSON.stringify(e.trace))}::jsonb[],
          ${rows.map((e) => e.startedAt.toISOString())}::timestamptz[], ${rows.map((e) => e.finishedAt.toISOString())}::timestamptz[])
        on conflict (sms_id) do update set status = excluded.status, outcome = excluded.outcome, trace = excluded.trace,
          finished_at = excluded.finished_at, routing_application_id = excluded.routing_application_id,
          version_id = excluded.version_id
        -- Only a run that waited is finished over its row; any other execution of the SMS stays.
        where workflow_execution.status = 'waiting'`.execute(trx);
      const resumed = rows.filter((e) => e.resumed);
      if (resumed.length > 0) {
        await sql`
          update waiting_run w set state = u.state, claimed_until = null, updated_at = now()
          from unnest(${resumed.map((e) => e.smsId)}::uuid[], ${resumed.map((e) => e.resumed!.state)}::text[])
            as u(sms_id, state)
          where w.sms_id = u.sms_id and w.state = 'waiting'`.execute(trx);
      }
      const events = rows.filter((e) => e.mediaEvent);
      if (events.length > 0) {
        await sql`
          -- An event's age, which orders the queue, is how long its sender has waited: since the SMS
          -- arrived (as for Direct ACD Group connectors), not since its workflow finished.
          -- The event belongs to the SMS's conversation, which now waits in the event's group.
          with inserted as (
            insert into media_event (id, client_id, sms_id, acd_group_id, subject, priority, state, created_at,
              conversation_id)
            select t.id, t.client_id, t.sms_id, t.acd_group_id, t.subject, t.priority, 'queued', s.received_at,
              s.conversation_id
            from unnest(${events.map((e) => e.mediaEvent!.id)}::uuid[], ${events.map((e) => e.clientId)}::uuid[],
              ${events.map((e) => e.smsId)}::uuid[], ${events.map((e) => e.mediaEvent!.acdGroupId)}::uuid[],
              ${events.map((e) => e.mediaEvent!.subject)}::text[], ${events.map((e) => e.mediaEvent!.priority)}::int[])
              as t(id, client_id, sms_id, acd_group_id, subject, priority)
            join inbound_sms s on s.id = t.sms_id
            on conflict (sms_id) where state <> 'transferred' do nothing
            returning conversation_id, acd_group_id
          )
          update conversation c set acd_group_id = i.acd_group_id
          from inserted i where c.id = i.conversation_id and c.state = 'waiting'`.execute(trx);
      }
      const ended = rows.filter((e) => !e.mediaEvent).map((e) => e.smsId);
      if (ended.length > 0) {
        // Dropped, or failed without a fallback group: nobody will take the conversation up.
        await sql`
          update conversation c set state = 'closed', closed_at = now()
          from inbound_sms s
          where s.id = any(${ended}::uuid[]) and c.id = s.conversation_id and c.state = 'waiting'
            and not exists (select 1 from media_event e where e.conversation_id = c.id
              and e.state in ('queued', 'offered', 'accepted'))`.execute(trx);
      }
    }
    return new Map(
      batch.map((e) => {
        const row = planned.get(e)!;
        return [e, { written: written.has(e.smsId), queuedIn: row.mediaEvent?.acdGroupId ?? null }];
      }),
    );
  });
}

interface PresentReferences {
  groups: ReadonlySet<string>;
  applications: ReadonlySet<string>;
  versions: ReadonlySet<string>;
}

/**
 * Which of the groups, applications and versions the batch names still exist, key-share locked
 * (as the foreign keys would lock them) so that none is deleted before this transaction commits.
 * One round trip per batch.
 */
async function lockReferences(trx: Transaction<Database>, batch: FinishedExecution[]): Promise<PresentReferences> {
  const ids = (pick: (e: FinishedExecution) => Array<string | null | undefined>) => [
    ...new Set(batch.flatMap(pick).filter((id): id is string => typeof id === 'string')),
  ];
  const { rows } = await sql<{ kind: 'group' | 'application' | 'version'; id: string }>`
    with g as (select id from acd_group
               where id = any(${ids((e) => [e.mediaEvent?.acdGroupId, e.fallbackAcdGroupId])}::uuid[]) for key share),
         a as (select id from routing_application
               where id = any(${ids((e) => [e.routingApplicationId])}::uuid[]) for key share),
         v as (select id from routing_application_version
               where id = any(${ids((e) => [e.versionId])}::uuid[]) for key share)
    select 'group' as kind, id from g union all select 'application', id from a union all select 'version', id from v`.execute(
    trx,
  );
  const of = (kind: string) => new Set(rows.filter((row) => row.kind === kind).map((row) => row.id));
  return { groups: of('group'), applications: of('application'), versions: of('version') };
}

/** The execution as it can be written now: without a deleted application, and rerouted from a deleted group. */
function withPresentReferences(execution: FinishedExecution, present: PresentReferences): FinishedExecution {
  const { routingApplicationId, versionId } = execution;
  const applicationPresent = routingApplicationId !== null && present.applications.has(routingApplicationId);
  return rerouteWithoutGroup(
    {
      ...execution,
      routingApplicationId: applicationPresent ? routingApplicationId : null,
      versionId: applicationPresent && versionId !== null && present.versions.has(versionId) ? versionId : null,
    },
    present.groups,
  );
}

/**
 * A media event whose group is gone (deleted while the run went on) goes to the fallback group,
 * with the reason as the outcome; without a fallback group that exists, the SMS fails with it.
 */
function rerouteWithoutGroup(execution: FinishedExecution, groups: ReadonlySet<string>): FinishedExecution {
  const event = execution.mediaEvent;
  if (!event || groups.has(event.acdGroupId)) return execution;
  const failedWith = (reason: string): FinishedExecution => ({
    ...execution,
    status: 'failed',
    smsStatus: 'failed',
    outcome: { kind: 'failed', reason },
    mediaEvent: null,
  });
  // A failed run's event is in the fallback group already: there is nowhere else to go.
  if (execution.outcome.kind === 'failed') {
    return failedWith(`${execution.outcome.reason}; the fallback ACD group (${event.acdGroupId}) no longer exists`);
  }
  const gone = `The ACD group it was routed to (${event.acdGroupId}) no longer exists`;
  const fallback = execution.fallbackAcdGroupId;
  if (fallback === null) return failedWith(`${gone}, and there is no fallback ACD group`);
  if (!groups.has(fallback)) return failedWith(`${gone}, nor does the fallback ACD group (${fallback})`);
  return {
    ...execution,
    status: 'failed',
    smsStatus: 'routed',
    outcome: { kind: 'failed', reason: gone },
    mediaEvent: { id: event.id, acdGroupId: fallback, subject: fallbackSubject(execution.sender, gone), priority: 0 },
  };
}

/** The subject of a media event in the fallback group: who wrote, and why the SMS is there. */
export function fallbackSubject(sender: string, reason: string): string {
  return `SMS from ${sender} (routing failed: ${reason})`.slice(0, 500);
}
