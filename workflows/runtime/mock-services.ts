import { z } from 'zod';
import type { EmailMessage, HttpRequest, HttpResponse, SmsMessage, WorkflowServices } from './services';

const MockHttpAnswer = z.union([
  z.strictObject({ status: z.number().int().min(100).max(599).default(200), json: z.unknown().optional() }),
  z.strictObject({ error: z.string().min(1) }),
]);

/**
 * Fake answers for a simulation (`POST /simulate {mocks}`): HTTP answers keyed by node id or
 * URL (with or without its query), ACD group availability keyed by group id, the draw of a
 * percentage split, and SMS sends refused, keyed by node id.
 */
export const SimulationMocks = z.strictObject({
  http: z.record(z.string(), MockHttpAnswer).default({}),
  acdGroups: z
    .record(
      z.string(),
      z.strictObject({ availableAgents: z.number().int().min(0), queueLength: z.number().int().min(0).default(0) }),
    )
    .default({}),
  random: z.number().min(0).lt(1).optional(),
  /** A `send_sms` node (by id) whose message the send path refuses, with the reason code (`optedOut`, …). */
  sms: z.record(z.string(), z.strictObject({ error: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/) })).default({}),
});
export type SimulationMocks = z.input<typeof SimulationMocks>;

export interface MockServices extends WorkflowServices {
  /** Every request a run would have sent, for the simulation to show. */
  readonly httpRequests: HttpRequest[];
  /** Every e-mail a run would have sent. */
  readonly emails: EmailMessage[];
  /** Every SMS a run would have sent (refused ones are not here), with the node that sent it. */
  readonly sentSms: RecordedSms[];
}

export interface RecordedSms extends SmsMessage {
  nodeId: string;
}

/**
 * Services with no side effects. An HTTP call nobody mocked fails (the node's error port); a
 * group nobody mocked has no available agents and an empty queue.
 */
export function createMockServices(mocks: SimulationMocks = {}): MockServices {
  const { http, acdGroups, random, sms: refusals } = SimulationMocks.parse(mocks);
  const httpRequests: HttpRequest[] = [];
  const emails: EmailMessage[] = [];
  const sentSms: RecordedSms[] = [];
  return {
    httpRequests,
    emails,
    sentSms,
    sms: {
      send: async (message, { nodeId }) => {
        const refusal = refusals[nodeId];
        if (refusal !== undefined)
          return { sent: false, reason: refusal.error, message: `Refused in the simulation: ${refusal.error}` };
        sentSms.push({ nodeId, ...message });
        return { sent: true };
      },
    },
    email: {
      send: async (message) => {
        emails.push(message);
      },
    },
    async http(request, { nodeId }): Promise<HttpResponse> {
      httpRequests.push(request);
      const answer = http[nodeId] ?? http[request.url] ?? http[withoutQuery(request.url)];
      if (answer === undefined) throw new Error(`no mock answer for ${request.method} ${request.url}`);
      if ('error' in answer) throw new Error(answer.error);
      return { status: answer.status, json: answer.json ?? null };
    },
    acd: {
      groupStatus: async (acdGroupId) => acdGroups[acdGroupId] ?? { availableAgents: 0, queueLength: 0 },
    },
    random: random === undefined ? Math.random : () => random,
  };
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
