import { z } from 'zod';
import { says } from '../node-types/check-words';

export const CURRENT_SCHEMA_VERSION = 1;

/** Node ids become state names of the compiled machine, so they avoid XState's `.` and `#`. */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const WorkflowNode = z.strictObject({
  id: z
    .string()
    .regex(NODE_ID_PATTERN, {
      error: says({
        en: 'A node id has 1–64 letters, digits, _ or -',
        de: 'Eine Knoten-ID hat 1–64 Buchstaben, Ziffern, _ oder -',
      }),
    })
    .refine((id) => id !== '__proto__', {
      error: says({ en: 'A node id cannot be __proto__', de: 'Eine Knoten-ID darf nicht __proto__ sein' }),
    }),
  type: z.string().min(1).max(64),
  /** What the admin calls this node ("VIP?"); shown instead of the type's label. */
  label: z.string().max(100).optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }),
  /** Checked against the node type's schema by `validateWorkflow`, so a draft can be saved half done. */
  config: z.record(z.string(), z.unknown()).default({}),
});
export type WorkflowNode = z.output<typeof WorkflowNode>;

export const WorkflowEdge = z.strictObject({
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(64),
  sourcePort: z.string().min(1).max(64),
  target: z.string().min(1).max(64),
});
export type WorkflowEdge = z.output<typeof WorkflowEdge>;

/** What the editor saves, a version freezes and `workflows/examples/` keeps in git. */
export const WorkflowGraph = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  nodes: z.array(WorkflowNode).max(500),
  edges: z.array(WorkflowEdge).max(2_000),
});
export type WorkflowGraph = z.output<typeof WorkflowGraph>;
