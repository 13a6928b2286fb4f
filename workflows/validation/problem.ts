/** Every kind of problem `validateWorkflow` reports; the editor and the API key on these. */
export const PROBLEM_CODES = [
  'start_missing',
  'start_multiple',
  'node_id_duplicate',
  'node_type_unknown',
  'config_invalid',
  'acd_group_unknown',
  'node_unreachable',
  'port_unconnected',
  'port_multiple_edges',
  'edge_id_duplicate',
  'edge_source_missing',
  'edge_target_missing',
  'edge_port_unknown',
  'edge_into_start',
  'cycle_without_wait',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One reason a graph cannot be published, placed on the node, edge and field it concerns. */
export interface Problem {
  code: ProblemCode;
  /** A sentence for the admin. */
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path inside the node's config, e.g. `cases.0.value`. */
  field?: string;
  /** The output port concerned, so the editor can mark the handle. */
  port?: string;
}
