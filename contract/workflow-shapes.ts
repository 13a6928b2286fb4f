import { z } from 'zod';
import { languages } from '../i18n/languages';
import {
  NODE_CATEGORIES,
  PROBLEM_CODES,
  type ConfigJsonSchema,
  type NodeTypeData,
  type Problem,
  type TraceStep,
  type WorkflowOutcome,
} from '../workflows';

// The workflow core's answers as the API sends them. The core declares them as TypeScript types;
// these schemas describe them on the wire, and the checks at the end keep both the same.

/** A text in every language Switchboard speaks. */
const localizedText = z.record(z.enum(languages), z.string());

export const problem = z.object({
  code: z.enum(PROBLEM_CODES),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional().describe('Dotted path inside the node’s config, e.g. `cases.0.value`'),
  port: z.string().optional(),
});

export const workflowOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('routed'), acdGroupId: z.string(), subject: z.string(), priority: z.number() }),
  z.object({ kind: z.literal('dropped'), reason: z.string() }),
  z.object({ kind: z.literal('failed'), reason: z.string() }),
]);

export const traceStep = z.object({
  nodeId: z.string(),
  type: z.string(),
  port: z.string().optional().describe('Absent for terminal nodes and for steps that failed'),
  at: z.string().describe('ISO 8601 UTC'),
  vars: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});

export const nodeTypeData = z.object({
  type: z.string(),
  label: z.string(),
  category: z.enum(NODE_CATEGORIES),
  description: z.string(),
  texts: z
    .object({ label: localizedText, description: localizedText })
    .describe('Label and description in every language'),
  icon: z.string(),
  kind: z.enum(['decision', 'effect', 'wait', 'terminal']),
  terminal: z.boolean(),
  ports: z.array(z.string()).describe('The ports of a node with the default config'),
  configSchema: z
    .custom<ConfigJsonSchema>((value) => typeof value === 'object' && value !== null)
    .meta({ type: 'object' })
    .describe('JSON Schema (draft 2020-12) of the config, each field’s editor words under `x-ui`'),
  defaults: z.record(z.string(), z.unknown()),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<z.output<typeof problem>, Problem>;
true satisfies Same<z.output<typeof workflowOutcome>, WorkflowOutcome>;
true satisfies Same<z.output<typeof traceStep>, TraceStep>;
true satisfies Same<z.output<typeof nodeTypeData>, NodeTypeData>;
