import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Language } from '../../i18n/languages';
import { toE164 } from '../../contract/phone-number';
import type {
  ConversationStep,
  routingApplicationApi,
  SimulatedReply,
  SimulatedWait,
  SimulationEffects,
  SimulationResult,
} from '../../contract/routing-applications';
import {
  createMockServices,
  createWorkflowRunner,
  migrateDefinition,
  type MockServices,
  type RunProgress,
  type WorkflowGraph,
} from '../../workflows';
import type { Database, RoutingApplicationTable } from '../db/schema';
import { apiSentence, fieldError, FieldError, reason } from '../http/api-error';
import { graphProblems, parseGraph } from './graph-problems';

export type SimulateRequest = z.output<typeof routingApplicationApi.simulate.body>;

/**
 * Runs an SMS, and the replies that follow it, through a version, a given graph or the draft, with
 * mocked services and no side effects: the path, the graph's problems, and what the services were
 * asked to do. Each time the run waits, the next reply (or timeout) resumes it from its persisted
 * state, as a real reply would; a reply comes at the instant the wait began, a timeout when it ends.
 */
export async function simulateRun(
  db: Kysely<Database>,
  application: Selectable<RoutingApplicationTable>,
  request: SimulateRequest,
  language: Language,
): Promise<SimulationResult> {
  if (request.versionId && request.graph !== undefined) throw new FieldError('graph', apiSentence('versionOrGraph'));
  const graph = request.versionId
    ? await versionGraph(db, application.id, request.versionId)
    : parseGraph(request.graph ?? application.draft_graph);
  const problems = await graphProblems(db, application.client_id, graph, language);
  const at = request.at ? new Date(request.at) : new Date();
  const services = createMockServices(request.mocks ?? {});
  const runner = createWorkflowRunner(graph);
  const replies = request.replies ?? [];

  let recorded = effectsOf(services);
  /** The step's part of the path and of the effects: what the runner added since the last step. */
  const stepOf = (input: ConversationStep['input'], progress: RunProgress, traceBefore: number): ConversationStep => {
    const now = effectsOf(services);
    const step = {
      input,
      trace: progress.trace.slice(traceBefore),
      waiting: waitOf(progress),
      ...effectsSince(recorded, now),
    };
    recorded = now;
    return step;
  };

  let progress = await runner.start(
    {
      sender: toE164(request.sender) ?? request.sender,
      receiver: '',
      text: request.message,
      keyword: request.keyword ?? null,
      connectorId: null,
      receivedAt: at.toISOString(),
    },
    services,
    { now: at },
  );
  const steps = [stepOf({ kind: 'sms', text: request.message }, progress, 0)];
  let used = 0;
  while (progress.status === 'waiting' && used < replies.length) {
    const reply = replies[used++]!;
    const traceBefore = progress.trace.length;
    const wokenAt = new Date(reply.kind === 'reply' ? progress.since : progress.until);
    progress = await runner.resume(progress.state, reply, services, { now: wokenAt });
    steps.push(stepOf(reply, progress, traceBefore));
  }
  return {
    status: progress.status,
    outcome: progress.status === 'finished' ? progress.outcome : null,
    trace: progress.trace,
    problems,
    waiting: waitOf(progress),
    steps,
    unusedReplies: replies.slice(used) satisfies SimulatedReply[],
    ...effectsOf(services),
  };
}

function waitOf(progress: RunProgress): SimulatedWait | null {
  if (progress.status !== 'waiting') return null;
  return { nodeId: progress.nodeId, nodeType: progress.nodeType, since: progress.since, until: progress.until };
}

/** Everything the mocked services recorded so far, copied. */
function effectsOf(services: MockServices): SimulationEffects {
  return { httpRequests: [...services.httpRequests], emails: [...services.emails], sms: [...services.sentSms] };
}

/** What each list of `now` holds beyond `before` (the lists only grow during a simulation). */
function effectsSince(before: SimulationEffects, now: SimulationEffects): SimulationEffects {
  const since = <T>(earlier: readonly T[], later: readonly T[]) => later.slice(earlier.length);
  return {
    httpRequests: since(before.httpRequests, now.httpRequests),
    emails: since(before.emails, now.emails),
    sms: since(before.sms, now.sms),
  };
}

async function versionGraph(db: Kysely<Database>, applicationId: string, versionId: string): Promise<WorkflowGraph> {
  const row = await db
    .selectFrom('routing_application_version')
    .select('graph')
    .where('id', '=', versionId)
    .where('routing_application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw fieldError('versionId', reason('noVersion'));
  return migrateDefinition(row.graph);
}
