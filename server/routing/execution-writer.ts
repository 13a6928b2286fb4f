import { sql, type Kysely } from 'kysely';
import type { TraceStep, WorkflowOutcome } from '../../workflows';
import { BatchCommitter } from '../db/batch-committer';
import type { Database, ExecutionStatus, SmsStatus } from '../db/schema';
import type { Logger } from '../logging/logger';

export interface FinishedExecution {
  id: string;
  smsId: string;
  clientId: string;
  routingApplicationId: string | null;
  versionId: string | null;
  status: ExecutionStatus;
  outcome: WorkflowOutcome;
  trace: TraceStep[];
  startedAt: Date;
  finishedAt: Date;
  smsStatus: SmsStatus;
  mediaEvent: { id: string; acdGroupId: string; subject: string; priority: number } | null;
}

/**
 * Writes finished runs in batches: the SMS's new status, its execution (outcome and trace) and
 * its media event commit together. Only an SMS still waiting is written, so a run that another
 * instance finished first changes nothing. Answers whether this run's result was written.
 */
export function createExecutionWriter(
  db: Kysely<Database>,
  logger?: Logger,
  onQueued?: (acdGroupIds: Set<string>) => void,
) {
  return new BatchCommitter<FinishedExecution, boolean>({
    what: 'writing workflow executions',
    commit: (batch) => writeExecutions(db, batch),
    afterCommit: (batch, written) => {
      const groups = new Set<string>();
      for (const execution of batch) {
        if (execution.mediaEvent && written.get(execution)) groups.add(execution.mediaEvent.acdGroupId);
      }
      if (groups.size > 0) onQueued?.(groups);
    },
    maxConcurrentBatches: 2,
    ...(logger ? { logger } : {}),
  });
}

async function writeExecutions(
  db: Kysely<Database>,
  batch: FinishedExecution[],
): Promise<Map<FinishedExecution, boolean>> {
  return db.transaction().execute(async (trx) => {
    const updated = await sql<{ id: string }>`
      update inbound_sms s set status = u.status, routing_lease_until = null, updated_at = now()
      from unnest(${batch.map((e) => e.smsId)}::uuid[], ${batch.map((e) => e.smsStatus)}::text[]) as u(id, status)
      where s.id = u.id and s.status = 'received'
      returning s.id`.execute(trx);
    const written = new Set(updated.rows.map((row) => row.id));
    const rows = batch.filter((e) => written.has(e.smsId));
    if (rows.length > 0) {
      await sql`
        insert into workflow_execution (id, client_id, sms_id, routing_application_id, version_id, status, outcome, trace, started_at, finished_at)
        select * from unnest(${rows.map((e) => e.id)}::uuid[], ${rows.map((e) => e.clientId)}::uuid[],
          ${rows.map((e) => e.smsId)}::uuid[], ${rows.map((e) => e.routingApplicationId)}::uuid[],
          ${rows.map((e) => e.versionId)}::uuid[], ${rows.map((e) => e.status)}::text[],
          ${rows.map((e) => JSON.stringify(e.outcome))}::jsonb[], ${rows.map((e) => JSON.stringify(e.trace))}::jsonb[],
          ${rows.map((e) => e.startedAt.toISOString())}::timestamptz[], ${rows.map((e) => e.finishedAt.toISOString())}::timestamptz[])
        on conflict (sms_id) do nothing`.execute(trx);
      const events = rows.filter((e) => e.mediaEvent);
      if (events.length > 0) {
        await sql`
          -- An event's age, which orders the queue, is how long its sender has waited: since the SMS
          -- arrived (as for Direct ACD Group connectors), not since its workflow finished.
          insert into media_event (id, client_id, sms_id, acd_group_id, subject, priority, state, created_at)
          select t.id, t.client_id, t.sms_id, t.acd_group_id, t.subject, t.priority, 'queued', s.received_at
          from unnest(${events.map((e) => e.mediaEvent!.id)}::uuid[], ${events.map((e) => e.clientId)}::uuid[],
            ${events.map((e) => e.smsId)}::uuid[], ${events.map((e) => e.mediaEvent!.acdGroupId)}::uuid[],
            ${events.map((e) => e.mediaEvent!.subject)}::text[], ${events.map((e) => e.mediaEvent!.priority)}::int[])
            as t(id, client_id, sms_id, acd_group_id, subject, priority)
          join inbound_sms s on s.id = t.sms_id
          on conflict (sms_id) do nothing`.execute(trx);
      }
    }
    return new Map(batch.map((e) => [e, written.has(e.smsId)]));
  });
}
