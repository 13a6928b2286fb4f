import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Language } from '../../../../i18n/languages';
import { findNodeType, type Problem, type WorkflowGraph } from '../../../../workflows';
import { defaultConfigOf, portsFor } from './node-catalog';
import { copyOfSelection, pasteOf } from './store/clipboard';
import {
  flowToGraph,
  graphKey,
  graphToFlow,
  type FlowEdge,
  type FlowNode,
  type FlowSnapshot,
} from './store/flow-graph';
import {
  canConnect,
  connectReplacing,
  followRenamedPorts,
  isCosmetic,
  uniqueNodeId,
  withoutSelected,
  type ReplacedEdge,
} from './store/graph-edits';
import type { Highlight } from './store/highlight';
import { joinsPreviousStep, recordChange, redoStep, undoStep, type CoalesceMark } from './store/history';
import { validateFlow } from './store/validation';

// The store's parts are plain functions in ./store; these are what the rest of the UI names.
export type { FlowEdge, FlowNode, WorkflowNodeData } from './store/flow-graph';
export type { ReplacedEdge } from './store/graph-edits';
export { graphKey } from './store/flow-graph';
export { highlightOf, type Highlight } from './store/highlight';

/** A node or edge of the newer graph of a diff: new, or changed (an edge: now leads elsewhere). */
export interface DiffMarks {
  nodes: Record<string, 'added' | 'changed'>;
  edges: Record<string, 'added' | 'retargeted'>;
}

export interface EditorState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly: boolean;
  past: FlowSnapshot[];
  future: FlowSnapshot[];
  /** The graph as last saved, to tell whether there are unsaved changes. */
  savedKey: string;
  acdGroupIds: ReadonlySet<string>;
  /** The language the problems are told in. */
  language: Language;
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
  highlight: Highlight | null;
  clipboard: FlowSnapshot | null;
  /** What a version diff marks on this graph (added and changed nodes, new edges), until the next change. */
  diffMarks: DiffMarks | null;
  /** The edge the last connection replaced (a port has one edge), until the next change. */
  replacedEdge: ReplacedEdge | null;

  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  onConnect(connection: Connection): void;
  isValidConnection(connection: Connection | FlowEdge): boolean;
  /** Records the current graph for undo; call before a change. */
  checkpoint(coalesceKey?: string): void;
  /** Adds a node, selected (connected from `from`'s port, in the same undo step); without a config it starts with its type's defaults. */
  addNode(
    type: string,
    position: { x: number; y: number },
    config?: Record<string, unknown>,
    from?: { source: string; port: string },
  ): string;
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
  setLanguage(language: Language): void;
  setHighlight(highlight: Highlight | null): void;
  setDiffMarks(marks: DiffMarks | null): void;
  toGraph(): WorkflowGraph;
}

function defaultConfigOfType(type: string): Record<string, unknown> {
  const nodeType = findNodeType(type);
  return nodeType === undefined ? {} : defaultConfigOf(nodeType);
}

export function createEditorStore(
  graph: WorkflowGraph,
  options: { readOnly?: boolean; acdGroupIds?: ReadonlySet<string>; language?: Language } = {},
) {
  const initial = graphToFlow(graph);
  const acdGroupIds = options.acdGroupIds ?? new Set<string>();
  const language = options.language ?? 'en';
  let lastCoalesce: CoalesceMark | undefined;

  return createStore<EditorState>()((set, get) => {
    const revalidate = (
      nodes: FlowNode[],
      edges: FlowEdge[],
      context: Partial<Pick<EditorState, 'acdGroupIds' | 'language'>> = {},
    ) => validateFlow(nodes, edges, { acdGroupIds: get().acdGroupIds, language: get().language, ...context });
    // A run's path no longer fits a graph that changed.
    const commit = (nodes: FlowNode[], edges: FlowEdge[], replacedEdge: ReplacedEdge | null = null) =>
      set({ nodes, edges, ...revalidate(nodes, edges), future: [], highlight: null, diffMarks: null, replacedEdge });
    const travel = (step: typeof undoStep) => {
      const { past, future, nodes, edges, readOnly } = get();
      const moved = readOnly ? undefined : step({ past, future }, { nodes, edges });
      if (!moved) return;
      lastCoalesce = undefined;
      const { snapshot, history } = moved;
      set({ ...snapshot, ...history, ...revalidate(snapshot.nodes, snapshot.edges), replacedEdge: null });
    };

    return {
      nodes: initial.nodes,
      edges: initial.edges,
      readOnly: options.readOnly ?? false,
      past: [],
      future: [],
      savedKey: graphKey(graph),
      acdGroupIds,
      language,
      ...validateFlow(initial.nodes, initial.edges, { acdGroupIds, language }),
      highlight: null,
      clipboard: null,
      diffMarks: null,
      replacedEdge: null,

      onNodesChange(changes) {
        const state = get();
        if (state.readOnly) {
          const allowed = changes.filter((change) => change.type === 'select' || change.type === 'dimensions');
          if (allowed.length > 0) set({ nodes: applyNodeChanges(allowed, state.nodes) });
          return;
        }
        if (changes.some((change) => change.type === 'remove')) state.checkpoint();
        const nodes = applyNodeChanges(changes, state.nodes);
        if (changes.every(isCosmetic)) {
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
        if (relevant.every(isCosmetic)) set({ edges });
        else commit(state.nodes, edges);
      },

      isValidConnection(connection) {
        const { nodes, edges } = get();
        return canConnect(connection, nodes, edges);
      },

      onConnect(connection) {
        const state = get();
        if (state.readOnly || !state.isValidConnection(connection)) return;
        state.checkpoint();
        const { edges, replaced } = connectReplacing(
          state.edges,
          connection.source,
          connection.sourceHandle!,
          connection.target,
        );
        commit(state.nodes, edges, replaced ?? null);
      },

      checkpoint(coalesceKey) {
        const now = Date.now();
        if (joinsPreviousStep(lastCoalesce, coalesceKey, now)) {
          lastCoalesce!.at = now;
          return;
        }
        lastCoalesce = coalesceKey ? { key: coalesceKey, at: now } : undefined;
        const { nodes, edges, past, future } = get();
        set(recordChange({ past, future }, { nodes, edges }));
      },

      addNode(type, position, config = defaultConfigOfType(type), from) {
        const state = get();
        state.checkpoint();
        const id = uniqueNodeId(type, new Set(state.nodes.map((node) => node.id)));
        const node: FlowNode = { id, type, position, data: { config }, selected: true };
        const nodes = [...state.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node];
        const connection = from && { source: from.source, sourceHandle: from.port, target: id };
        const connected =
          connection && canConnect(connection, nodes, state.edges)
            ? connectReplacing(state.edges, from.source, from.port, id)
            : { edges: state.edges };
        commit(nodes, connected.edges, connected.replaced ?? null);
        return id;
      },

      updateNode(id, patch) {
        const state = get();
        if (state.readOnly) return;
        const node = state.nodes.find((candidate) => candidate.id === id);
        if (!node) return;
        state.checkpoint(`${id}:${Object.keys(patch).join(',')}`);
        const data = { ...node.data };
        if (patch.config !== undefined) data.config = patch.config;
        if (patch.label !== undefined) data.label = patch.label;
        const nodes = state.nodes.map((candidate) => (candidate.id === id ? { ...candidate, data } : candidate));
        const edges =
          patch.config !== undefined && node.type
            ? followRenamedPorts(
                state.edges,
                id,
                portsFor(node.type, node.data.config),
                portsFor(node.type, patch.config),
              )
            : state.edges;
        commit(nodes, edges);
      },

      deleteSelected() {
        const state = get();
        if (state.readOnly) return;
        const left = withoutSelected(state.nodes, state.edges);
        if (!left) return;
        state.checkpoint();
        commit(left.nodes, left.edges);
      },

      copySelected() {
        const { nodes, edges } = get();
        const copy = copyOfSelection(nodes, edges);
        if (copy) set({ clipboard: copy });
      },

      paste() {
        const state = get();
        if (state.readOnly || !state.clipboard) return;
        state.checkpoint();
        const { pasted, clipboard } = pasteOf(state.clipboard, new Set(state.nodes.map((node) => node.id)));
        set({ clipboard });
        commit(
          [...state.nodes.map((node) => ({ ...node, selected: false })), ...pasted.nodes],
          [...state.edges, ...pasted.edges],
        );
      },

      undo: () => travel(undoStep),
      redo: () => travel(redoStep),

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
        set({ acdGroupIds: ids, ...revalidate(nodes, edges, { acdGroupIds: ids }) });
      },

      setLanguage(next) {
        const { nodes, edges } = get();
        set({ language: next, ...revalidate(nodes, edges, { language: next }) });
      },

      setHighlight(highlight) {
        set({ highlight });
      },

      setDiffMarks(diffMarks) {
        set({ diffMarks });
      },

      toGraph() {
        const { nodes, edges } = get();
        return flowToGraph(nodes, edges);
      },
    };
  });
}

/** Whether the draft differs from what was last saved. */
export function hasUnsavedChanges(state: EditorState): boolean {
  return graphKey(state.toGraph()) !== state.savedKey;
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
