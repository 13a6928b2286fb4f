import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import {
  CURRENT_SCHEMA_VERSION,
  findNodeType,
  START_NODE_TYPE,
  validateWorkflow,
  type Problem,
  type TraceStep,
  type WorkflowGraph,
} from '../../../../workflows';
import { defaultConfigOf, portsFor } from './node-catalog';

function defaultConfigOfType(type: string): Record<string, unknown> {
  const nodeType = findNodeType(type);
  return nodeType === undefined ? {} : defaultConfigOf(nodeType);
}

export interface WorkflowNodeData extends Record<string, unknown> {
  label?: string;
  config: Record<string, unknown>;
}
/** A canvas node; its React Flow `type` is the workflow node type id. */
export type FlowNode = Node<WorkflowNodeData>;
/** A canvas edge; `sourceHandle` is the port name. */
export type FlowEdge = Edge;

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The path of a simulation or a real run: visited nodes with the port each left by, taken edges. */
export interface Highlight {
  nodes: Record<string, { order: number[]; ports: string[]; error?: string }>;
  edges: Record<string, true>;
}

export interface EditorState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly: boolean;
  past: Snapshot[];
  future: Snapshot[];
  /** The graph as last saved, to tell whether there are unsaved changes. */
  savedKey: string;
  acdGroupIds: ReadonlySet<string>;
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
  highlight: Highlight | null;
  clipboard: Snapshot | null;

  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  onConnect(connection: Connection): void;
  isValidConnection(connection: Connection | FlowEdge): boolean;
  /** Records the current graph for undo; call before a change. */
  checkpoint(coalesceKey?: string): void;
  addNode(type: string, position: { x: number; y: number }): string;
  updateNode(id: string, patch: { config?: Record<string, unknown>; label?: string }): void;
  deleteSelected(): void;
  copySelected(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  select(nodeId: string | undefined): void;
  setGraph(graph: WorkflowGraph, options?: { asChange?: boolean }): void;
  setPositions(positions: Record<string, { x: number; y: number }>): void;
  markSaved(graph?: WorkflowGraph): void;
  setAcdGroupIds(ids: ReadonlySet<string>): void;
  setHighlight(highlight: Highlight | null): void;
  toGraph(): WorkflowGraph;
}

const HISTORY_LIMIT = 100;

export function graphToFlow(graph: WorkflowGraph): Snapshot {
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

export const graphKey = (graph: WorkflowGraph) => JSON.stringify({ nodes: graph.nodes, edges: graph.edges });

function uniqueNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 50);
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

const edgeIdFor = (source: string, port: string, target: string) => `${source}.${port}-${target}`.slice(0, 200);

/** Changes that only move or select things do not need a new validation. */
const cosmetic = (change: { type: string }) =>
  change.type === 'select' || change.type === 'dimensions' || change.type === 'position';

export function createEditorStore(
  graph: WorkflowGraph,
  options: { readOnly?: boolean; acdGroupIds?: ReadonlySet<string> } = {},
) {
  const initial = graphToFlow(graph);
  let lastCoalesce: { key: string; at: number } | undefined;

  return createStore<EditorState>()((set, get) => {
    const revalidate = (nodes: FlowNode[], edges: FlowEdge[], acdGroupIds = get().acdGroupIds) => {
      const problems = validateWorkflow(flowToGraph(nodes, edges), { acdGroupIds });
      const problemsByNode: Record<string, Problem[]> = {};
      for (const problem of problems) {
        if (problem.nodeId) (problemsByNode[problem.nodeId] ??= []).push(problem);
      }
      return { problems, problemsByNode };
    };
    // A run's path no longer fits a graph that changed.
    const commit = (nodes: FlowNode[], edges: FlowEdge[]) =>
      set({ nodes, edges, ...revalidate(nodes, edges), future: [], highlight: null });

    const acdGroupIds = options.acdGroupIds ?? new Set<string>();
    return {
      nodes: initial.nodes,
      edges: initial.edges,
      readOnly: options.readOnly ?? false,
      past: [],
      future: [],
      savedKey: graphKey(graph),
      acdGroupIds,
      ...revalidateStatic(initial, acdGroupIds),
      highlight: null,
      clipboard: null,

      onNodesChange(changes) {
        const state = get();
        if (state.readOnly) {
          const allowed = changes.filter((change) => change.type === 'select' || change.type === 'dimensions');
          if (allowed.length > 0) set({ nodes: applyNodeChanges(allowed, state.nodes) });
          return;
        }
        if (changes.some((change) => change.type === 'remove')) state.checkpoint();
        const nodes = applyNodeChanges(changes, state.nodes);
        if (changes.every(cosmetic)) {
          set({ nodes });
          return;
        }
        const removed = new Set(changes.flatMap((change) => (change.type === 'remove' ? [change.id] : [])));
        const edges = removed.size
          ? state.edges.filter((edge) => !removed.has(edge.source) && !removed.has(edge.target))
          : state.edges;
        commit(nodes, edges);
      },

      onEdgesChange(changes) {
        const state = get();
        const relevant = state.readOnly ? changes.filter((change) => change.type === 'select') : changes;
        if (relevant.length === 0) return;
        if (relevant.some((change) => change.type === 'remove')) state.checkpoint();
        const edges = applyEdgeChanges(relevant, state.edges);
        if (relevant.every(cosmetic)) set({ edges });
        else commit(state.nodes, edges);
      },

      isValidConnection(connection) {
        const { nodes, edges } = get();
        if (!connection.source || !connection.target || !connection.sourceHandle) return false;
        if (connection.source === connection.target) return false;
        const target = nodes.find((node) => node.id === connection.target);
        if (!target || target.type === START_NODE_TYPE) return false;
        return !edges.some(
          (edge) => edge.source === connection.source && edge.sourceHandle === connection.sourceHandle,
        );
      },

      onConnect(connection) {
        const state = get();
        if (state.readOnly || !state.isValidConnection(connection)) return;
        state.checkpoint();
        const edge: FlowEdge = {
          id: edgeIdFor(connection.source, connection.sourceHandle!, connection.target),
          source: connection.source,
          sourceHandle: connection.sourceHandle,
          target: connection.target,
        };
        commit(state.nodes, addEdge(edge, state.edges));
      },

      checkpoint(coalesceKey) {
        const now = Date.now();
        // Typing into one field makes one undo step, not one per keystroke.
        if (coalesceKey && lastCoalesce && lastCoalesce.key === coalesceKey && now - lastCoalesce.at < 1500) {
          lastCoalesce.at = now;
          return;
        }
        lastCoalesce = coalesceKey ? { key: coalesceKey, at: now } : undefined;
        const { nodes, edges, past } = get();
        set({ past: [...past.slice(-HISTORY_LIMIT + 1), { nodes, edges }], future: [] });
      },

      addNode(type, position) {
        const state = get();
        state.checkpoint();
        const id = uniqueNodeId(type, new Set(state.nodes.map((node) => node.id)));
        const node: FlowNode = { id, type, position, data: { config: defaultConfigOfType(type) }, selected: true };
        commit(
          [...state.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node],
          state.edges,
        );
        return id;
      },

      updateNode(id, patch) {
        const state = get();
        if (state.readOnly) return;
        const node = state.nodes.find((candidate) => candidate.id === id);
        if (!node) return;
        state.checkpoint(`${id}:${Object.keys(patch).join(',')}`);
        const data: WorkflowNodeData = { ...node.data };
        if (patch.config !== undefined) data.config = patch.config;
        if (patch.label !== undefined) data.label = patch.label;
        const nodes = state.nodes.map((candidate) => (candidate.id === id ? { ...candidate, data } : candidate));
        let edges = state.edges;
        if (patch.config !== undefined && node.type) {
          edges = followRenamedPorts(
            edges,
            id,
            portsFor(node.type, node.data.config),
            portsFor(node.type, patch.config),
          );
        }
        commit(nodes, edges);
      },

      deleteSelected() {
        const state = get();
        if (state.readOnly) return;
        const nodeIds = new Set(state.nodes.filter((node) => node.selected).map((node) => node.id));
        const edgeIds = new Set(state.edges.filter((edge) => edge.selected).map((edge) => edge.id));
        if (nodeIds.size === 0 && edgeIds.size === 0) return;
        state.checkpoint();
        commit(
          state.nodes.filter((node) => !nodeIds.has(node.id)),
          state.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
        );
      },

      copySelected() {
        const { nodes, edges } = get();
        const selected = nodes.filter((node) => node.selected);
        if (selected.length === 0) return;
        const ids = new Set(selected.map((node) => node.id));
        set({
          clipboard: {
            nodes: structuredClone(selected),
            edges: structuredClone(edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))),
          },
        });
      },

      paste() {
        const state = get();
        if (state.readOnly || !state.clipboard) return;
        state.checkpoint();
        const taken = new Set(state.nodes.map((node) => node.id));
        const renamed = new Map<string, string>();
        const pasted = state.clipboard.nodes.map((node) => {
          const id = uniqueNodeId(node.type ?? 'node', taken);
          taken.add(id);
          renamed.set(node.id, id);
          return {
            ...structuredClone(node),
            id,
            selected: true,
            position: { x: node.position.x + 40, y: node.position.y + 40 },
          };
        });
        const pastedEdges = state.clipboard.edges.map((edge) => {
          const source = renamed.get(edge.source)!;
          const target = renamed.get(edge.target)!;
          return {
            id: edgeIdFor(source, edge.sourceHandle ?? '', target),
            source,
            sourceHandle: edge.sourceHandle ?? null,
            target,
          };
        });
        // The next paste lands a little further along.
        const { clipboard } = state;
        set({
          clipboard: {
            nodes: clipboard.nodes.map((node) => ({
              ...node,
              position: { x: node.position.x + 40, y: node.position.y + 40 },
            })),
            edges: clipboard.edges,
          },
        });
        commit(
          [...state.nodes.map((node) => ({ ...node, selected: false })), ...pasted],
          [...state.edges, ...pastedEdges],
        );
      },

      undo() {
        const { past, future, nodes, edges, readOnly } = get();
        const previous = past.at(-1);
        if (readOnly || !previous) return;
        lastCoalesce = undefined;
        set({
          nodes: previous.nodes,
          edges: previous.edges,
          past: past.slice(0, -1),
          future: [{ nodes, edges }, ...future],
          ...revalidate(previous.nodes, previous.edges),
        });
      },

      redo() {
        const { past, future, nodes, edges, readOnly } = get();
        const next = future[0];
        if (readOnly || !next) return;
        lastCoalesce = undefined;
        set({
          nodes: next.nodes,
          edges: next.edges,
          past: [...past, { nodes, edges }],
          future: future.slice(1),
          ...revalidate(next.nodes, next.edges),
        });
      },

      select(nodeId) {
        set((state) => ({
          nodes: state.nodes.map((node) =>
            node.selected === (node.id === nodeId) ? node : { ...node, selected: node.id === nodeId },
          ),
          edges: state.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
        }));
      },

      setGraph(next, setOptions = {}) {
        const flow = graphToFlow(next);
        if (setOptions.asChange) {
          get().checkpoint();
          commit(flow.nodes, flow.edges);
        } else {
          set({ ...flow, past: [], future: [], savedKey: graphKey(next), ...revalidate(flow.nodes, flow.edges) });
        }
      },

      setPositions(positions) {
        const state = get();
        state.checkpoint();
        set({
          nodes: state.nodes.map((node) => (positions[node.id] ? { ...node, position: positions[node.id]! } : node)),
          future: [],
        });
      },

      markSaved(saved) {
        set({ savedKey: graphKey(saved ?? get().toGraph()) });
      },

      setAcdGroupIds(ids) {
        const { nodes, edges } = get();
        set({ acdGroupIds: ids, ...revalidate(nodes, edges, ids) });
      },

      setHighlight(highlight) {
        set({ highlight });
      },

      toGraph() {
        const { nodes, edges } = get();
        return flowToGraph(nodes, edges);
      },
    };
  });
}

function revalidateStatic(flow: Snapshot, acdGroupIds: ReadonlySet<string>) {
  const problems = validateWorkflow(flowToGraph(flow.nodes, flow.edges), { acdGroupIds });
  const problemsByNode: Record<string, Problem[]> = {};
  for (const problem of problems) if (problem.nodeId) (problemsByNode[problem.nodeId] ??= []).push(problem);
  return { problems, problemsByNode };
}

/** When a case or branch id is edited, its edge follows; edges of ports that are gone are removed. */
function followRenamedPorts(edges: FlowEdge[], nodeId: string, before: string[], after: string[]): FlowEdge[] {
  if (before.join('\0') === after.join('\0')) return edges;
  const renames = new Map<string, string>();
  if (before.length === after.length) {
    before.forEach((port, index) => {
      if (port !== after[index] && !after.includes(port)) renames.set(port, after[index]!);
    });
  }
  const existing = new Set(after);
  return edges.flatMap((edge) => {
    if (edge.source !== nodeId || !edge.sourceHandle) return [edge];
    const renamed = renames.get(edge.sourceHandle);
    if (renamed) return [{ ...edge, sourceHandle: renamed }];
    return existing.has(edge.sourceHandle) ? [edge] : [];
  });
}

/** Builds the highlight of a run from its trace. */
export function highlightOf(trace: readonly TraceStep[], edges: readonly FlowEdge[]): Highlight {
  const highlight: Highlight = { nodes: {}, edges: {} };
  trace.forEach((step, index) => {
    const entry = (highlight.nodes[step.nodeId] ??= { order: [], ports: [] });
    entry.order.push(index + 1);
    if (step.port) entry.ports.push(step.port);
    if (step.error) entry.error = step.error;
    const next = trace[index + 1];
    if (step.port) {
      const edge = edges.find(
        (candidate) =>
          candidate.source === step.nodeId &&
          candidate.sourceHandle === step.port &&
          (!next || candidate.target === next.nodeId),
      );
      if (edge) highlight.edges[edge.id] = true;
    }
  });
  return highlight;
}

export type EditorStore = StoreApi<EditorState>;

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditor<T>(selector: (state: EditorState) => T): T {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditor outside EditorStoreContext');
  return useStore(store, selector);
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore outside EditorStoreContext');
  return store;
}

export function nodeTypeOf(node: FlowNode | undefined) {
  return node?.type ? findNodeType(node.type) : undefined;
}
