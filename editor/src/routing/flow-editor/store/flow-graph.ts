import type { Edge, Node } from '@xyflow/react';
import { CURRENT_SCHEMA_VERSION, START_NODE_TYPE, type WorkflowGraph } from '../../../../../workflows';

export interface WorkflowNodeData extends Record<string, unknown> {
  label?: string;
  config: Record<string, unknown>;
}
/** A canvas node; its React Flow `type` is the workflow node type id. */
export type FlowNode = Node<WorkflowNodeData>;
/** A canvas edge; `sourceHandle` is the port name. */
export type FlowEdge = Edge;

/** What the canvas holds: the unit of undo, redo and the clipboard. */
export interface FlowSnapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function graphToFlow(graph: WorkflowGraph): FlowSnapshot {
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { ...node.position },
      data: { config: node.config, ...(node.label !== undefined ? { label: node.label } : {}) },
      ...(node.type === START_NODE_TYPE ? { deletable: true } : {}),
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourcePort,
      target: edge.target,
    })),
  };
}

/** The stored graph of what the canvas shows; an empty label is no label, positions are whole pixels. */
export function flowToGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? '',
      ...(node.data.label !== undefined && node.data.label !== '' ? { label: node.data.label } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourcePort: edge.sourceHandle ?? '',
      target: edge.target,
    })),
  };
}

/** Equal for graphs that differ in nothing that is saved, to tell whether there are unsaved changes. */
export const graphKey = (graph: WorkflowGraph) => JSON.stringify({ nodes: graph.nodes, edges: graph.edges });
