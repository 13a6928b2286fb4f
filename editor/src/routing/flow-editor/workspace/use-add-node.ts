import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { findNodeType } from '../../../../../workflows';
import { useLanguage } from '../../../i18n/use-language';
import type { EditorStore } from '../editor-store';
import { newNodeConfigOf } from '../node-catalog';
import { placeNewNode } from '../store/placement';

const GRID = 16;
const snap = (value: number) => Math.round(value / GRID) * GRID;

/**
 * Adds a node of a type where it was dropped (connected from `from` when a connection from that
 * port was dropped there), or (from a palette click) beside the selected node and
 * connected from its first free port, else near the middle of the view, clear of other nodes; its
 * texts in the UI's language.
 */
export function useAddNode(store: EditorStore) {
  const { screenToFlowPosition } = useReactFlow();
  const language = useLanguage();
  return useCallback(
    (type: string, position?: { x: number; y: number }, from?: { source: string; port: string }) => {
      const { nodes, edges } = store.getState();
      const placement = position ? { position, from } : placeNewNode(type, nodes, edges, nearTheMiddle());
      const where = placement.position;
      const nodeType = findNodeType(type);
      const config = nodeType ? newNodeConfigOf(nodeType, language) : undefined;
      store.getState().addNode(type, { x: snap(where.x), y: snap(where.y) }, config, placement.from);

      function nearTheMiddle() {
        const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
        const center = canvas
          ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
          : { x: 400, y: 300 };
        const point = screenToFlowPosition(center);
        return { x: point.x - 120, y: point.y - 40 };
      }
    },
    [screenToFlowPosition, store, language],
  );
}
