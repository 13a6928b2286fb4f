import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Language } from '../../i18n/languages';
import { toE164 } from '../../contract/phone-number';
import type { routingApplicationApi } from '../../contract/routing-applications';
import { createMockServices, createWorkflowRunner, migrateDefinition, type WorkflowGraph } from '../../workflows';
import type { Database, RoutingApplicationTable } from '../db/schema';
import { apiSentence, fieldError, FieldError, reason } from '../http/api-error';
import { graphProblems, parseGraph } from './graph-problems';

export type SimulateRequest = z.output<typeof routingApplicationApi.simulate.body>;

/**
 * Runs one SMS through a version, a given graph or the draft, with mocked services and no side
 * effects: the run's result, the graph's problems, and what the services were asked to do (the
 * requests, e-mails and SMS it would have sent).
 */
export async function simulateRun(
  db: Kysely<Database>,
  application: Selectable<RoutingApplicationTable>,
  request: SimulateRequest,
  language: Language,
) {
  if (request.versionId && request.graph !== undefined) throw new FieldError('graph', apiSentence('versionOrGraph'));
  const graph = request.versionId
    ? await versionGraph(db, application.id, request.versionId)
    : parseGraph(request.graph ?? application.draft_graph);
  const problems = await graphProblems(db, application.client_id, graph, language);
  const at = request.at ? new Date(request.at) : new Date();
  const services = createMockServices(request.mocks ?? {});
  const result = await createWorkflowRunner(graph).run(
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
  return { ...result, problems, httpRequests: services.httpRequests, emails: services.emails, sms: services.sentSms };
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
