import { z } from 'zod';
import { SimulationMocks, WorkflowGraph } from '../workflows';
import { apiError, clientPageQuery, page, timestamp, usedByList } from './common';
import { defineRoute } from './define-route';
import { toE164 } from './phone-number';
import { resourceRoutes } from './resource-routes';
import { problem, traceStep, workflowOutcome } from './workflow-shapes';

const testSender = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((value) => toE164(value) ?? value);

export const routingApplicationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  clientId: z.uuid().optional(),
  fallbackAcdGroupId: z.uuid().nullable().optional(),
});
export const routingApplicationPatchBody = z.strictObject({
  name: routingApplicationBody.shape.name.optional(),
  fallbackAcdGroupId: z.uuid().nullable().optional(),
  activeVersionId: z.uuid().nullable().optional(),
  testVersionId: z.uuid().nullable().optional(),
  testSenders: z.array(testSender).max(100).optional(),
});
/** The graph is checked by the workflow core (migrated, then validated), not by this schema. */
export const draftBody = z.strictObject({ graph: z.unknown() });
export const publishBody = z.strictObject({ comment: z.string().max(2000).default('') });
/** The longest text a simulated SMS or reply may have. */
export const MAX_SIMULATED_TEXT = 10_000;
/** A simulated conversation has at most this many replies (or timeouts) after the first SMS. */
export const MAX_SIMULATED_REPLIES = 20;

/** What the sender does when the run waits for a reply: replies with a text, or lets the timeout pass. */
export const simulatedReply = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reply'), text: z.string().max(MAX_SIMULATED_TEXT) }),
  z.strictObject({ kind: z.literal('timeout') }),
]);
export type SimulatedReply = z.output<typeof simulatedReply>;

export const simulateBody = z.strictObject({
  sender: z.string().trim().min(1).max(64),
  message: z.string().max(MAX_SIMULATED_TEXT),
  keyword: z.string().max(256).nullable().optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  versionId: z.uuid().optional(),
  graph: z.unknown().optional(),
  mocks: SimulationMocks.optional(),
  replies: z
    .array(simulatedReply)
    .max(MAX_SIMULATED_REPLIES)
    .optional()
    .describe(
      'A conversation: each time the run waits for a reply, the next of these resumes it (a reply ' +
        'leaves the wait node by `reply` with its text in the node’s variable, a timeout by `timeout`)',
    ),
});

/**
 * What a saved test case runs: the made-up SMS, the replies that follow it and the fake answers
 * (the graph is the one on the canvas).
 */
export const testCaseInput = simulateBody.pick({
  sender: true,
  message: true,
  keyword: true,
  at: true,
  mocks: true,
  replies: true,
});
export type TestCaseInput = z.input<typeof testCaseInput>;
export const testCaseBody = testCaseInput.extend({ name: z.string().trim().min(1).max(200) });
export const testCase = z.object({
  id: z.string(),
  routingApplicationId: z.string(),
  name: z.string(),
  input: testCaseInput,
  createdAt: timestamp,
});
export type TestCase = z.output<typeof testCase>;

export const routingApplication = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  fallbackAcdGroupId: z.string().nullable(),
  activeVersionId: z.string().nullable(),
  testVersionId: z.string().nullable(),
  testSenders: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type RoutingApplication = z.output<typeof routingApplication>;

export const draft = z.object({ graph: WorkflowGraph, problems: z.array(problem) });
export type Draft = z.output<typeof draft>;

export const versionSummary = z.object({
  id: z.string(),
  routingApplicationId: z.string(),
  number: z.number().int(),
  comment: z.string(),
  publishedAt: timestamp,
  publishedBy: z.string().nullable(),
});
export type VersionSummary = z.output<typeof versionSummary>;
/** A version as the list shows it: with the ACD groups its nodes name that the client no longer has. */
export const versionListItem = versionSummary.extend({
  /** Deleted groups the version routes to or reads; such a version cannot be made active or the test version. */
  missingAcdGroupIds: z.array(z.string()),
});
export type VersionListItem = z.output<typeof versionListItem>;
export const version = versionSummary.extend({ graph: WorkflowGraph });
export type Version = z.output<typeof version>;

/**
 * What a simulated run asked its services to do, recorded and not done. A conversation answers it
 * per step and for the whole run; whatever a new kind of effect records belongs here.
 */
export const simulationEffects = z.object({
  httpRequests: z
    .array(
      z.object({
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        url: z.string(),
        headers: z.record(z.string(), z.string()),
        body: z.string().optional(),
        timeoutMs: z.number(),
      }),
    )
    .describe('The requests the run would have sent'),
  emails: z
    .array(z.object({ to: z.array(z.string()), subject: z.string(), text: z.string() }))
    .describe('The e-mails the run would have sent'),
  sms: z
    .array(
      z.object({
        nodeId: z.string().describe('The send_sms node that would have sent it'),
        to: z.string().describe('The recipient, E.164'),
        text: z.string(),
        sendConnectorId: z
          .string()
          .nullable()
          .describe("The node's send connector; null: the one of the connector the SMS came in on"),
      }),
    )
    .describe('The SMS the run would have sent (recorded, not sent); a refusal mocked in mocks.sms is not among them'),
});
export type SimulationEffects = z.output<typeof simulationEffects>;

/** Where a run waits for a reply, since and until when (ISO 8601 UTC). */
export const simulatedWait = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  since: z.string(),
  until: z.string(),
});
export type SimulatedWait = z.output<typeof simulatedWait>;

/** One step of a simulated conversation: what came in, the nodes it went through, and where it stopped. */
export const conversationStep = simulationEffects.extend({
  input: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sms'), text: z.string() }),
    ...simulatedReply.options,
  ]),
  trace: z.array(traceStep).describe('The nodes this step went through (a wait node is entered, then left)'),
  waiting: simulatedWait.nullable().describe('Where the run waits after this step; null once it has finished'),
});
export type ConversationStep = z.output<typeof conversationStep>;

export const simulationResult = simulationEffects.extend({
  status: z
    .enum(['finished', 'waiting'])
    .describe('`waiting`: the run waits for a reply the request did not give (see `waiting`)'),
  outcome: workflowOutcome.nullable().describe('How the run ended; null while it waits'),
  trace: z.array(traceStep).describe('The whole path, every step of the conversation'),
  problems: z.array(problem),
  waiting: simulatedWait.nullable().describe('Where the run still waits when the replies ran out'),
  steps: z.array(conversationStep).describe('The first SMS, then each reply or timeout that was used'),
  unusedReplies: z.array(simulatedReply).describe('Replies left over: the run finished before it needed them'),
});
export type SimulationResult = z.output<typeof simulationResult>;

const versionParams = z.object({ id: z.uuid(), number: z.coerce.number().int().min(1) });
const testCaseParams = z.object({ id: z.uuid(), testCaseId: z.uuid() });
/** An application keeps at most this many test cases. */
export const MAX_TEST_CASES = 100;

const routes = resourceRoutes('/api/routing-applications', routingApplication);

export const routingApplicationApi = {
  list: routes.list(clientPageQuery, { summary: 'The routing applications of the caller’s clients.' }),
  create: routes.create(routingApplicationBody, { summary: 'Creates a routing application with an empty draft.' }),
  get: routes.get({ summary: 'One routing application.' }),
  update: routes.update(routingApplicationPatchBody, {
    summary: 'Changes a routing application: name, fallback group, active and test versions, test senders.',
    errors: { 409: 'The version to make active or test routes to ACD groups that no longer exist' },
  }),
  usedBy: routes.ofOne('GET', 'used-by', {
    summary: 'The connectors that route to the application now.',
    responses: { 200: usedByList },
  }),
  delete: routes.delete({
    summary: 'Deletes a routing application no connector routes to.',
    errors: { 409: 'A connector routes to it (listed in `usedBy`)' },
  }),
  getDraft: routes.ofOne('GET', 'draft', {
    summary: 'The draft graph and its problems.',
    responses: { 200: draft },
  }),
  saveDraft: routes.ofOne('PUT', 'draft', {
    summary: 'Saves (or imports) the draft graph; its problems are answered, not refused.',
    body: draftBody,
    responses: { 200: draft },
  }),
  publish: routes.ofOne('POST', 'publish', {
    summary: 'Publishes the draft as a new version; the first version goes live at once.',
    body: publishBody,
    responses: { 201: version, 422: apiError.extend({ problems: z.array(problem) }) },
    errors: { 409: 'The draft is the same as the latest version: nothing is published' },
  }),
  versions: routes.ofOne('GET', 'versions', {
    summary: 'The published versions, newest first, without their graphs, each with the deleted ACD groups it names.',
    responses: { 200: page(versionListItem) },
  }),
  version: defineRoute({
    method: 'GET',
    path: '/api/routing-applications/:id/versions/:number',
    summary: 'One published version with its graph (the export).',
    params: versionParams,
    responses: { 200: version },
  }),
  testCases: routes.ofOne('GET', 'test-cases', {
    summary: 'The test cases saved with the application, oldest first.',
    responses: { 200: page(testCase) },
  }),
  createTestCase: routes.ofOne('POST', 'test-cases', {
    summary: 'Saves a test case (an SMS, the replies that follow it and its fake answers) with the application.',
    body: testCaseBody,
    responses: { 201: testCase },
    errors: { 409: 'The application has the most test cases it may keep' },
  }),
  deleteTestCase: defineRoute({
    method: 'DELETE',
    path: '/api/routing-applications/:id/test-cases/:testCaseId',
    summary: 'Deletes a saved test case.',
    params: testCaseParams,
    responses: { 204: null },
  }),
  simulate: routes.ofOne('POST', 'simulate', {
    summary:
      'Runs the draft, a version or a given graph on a made-up SMS and the replies that follow it, without side effects.',
    body: simulateBody,
    responses: { 200: simulationResult },
  }),
};
