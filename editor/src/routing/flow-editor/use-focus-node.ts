import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditor } from './editor-store';

/** Selects a node and brings it into view (from the problems list, the trace, …). */
export function useFocusNode() {
  const { fitView } = useReactFlow();
  const select = useEditor((state) => state.select);
  return useCallback(
    (nodeId: string) => {
      select(nodeId);
      void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1, padding: 0.8 });
    },
    [fitView, select],
  );
}
