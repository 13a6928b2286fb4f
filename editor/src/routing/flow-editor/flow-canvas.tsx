import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useNodesInitialized,
  type Edge,
} from '@xyflow/react';
import { useMantineTheme } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { findNodeType } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { lookOf } from './node-catalog';
import { useEditor, type FlowNode } from './editor-store';
import { DRAG_MIME } from './palette';
import { nodeTypes } from './workflow-node';

/** The canvas of the store in context: the draft being edited, a version, or a run's graph. */
export function FlowCanvas({
  onDropType,
  fitPadding = 0.2,
  minimap = true,
}: {
  onDropType?: (type: string, position: { x: number; y: number }) => void;
  fitPadding?: number;
  minimap?: boolean;
}) {
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const readOnly = useEditor((state) => state.readOnly);
  const highlight = useEditor((state) => state.highlight);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const onConnect = useEditor((state) => state.onConnect);
  const isValidConnection = useEditor((state) => state.isValidConnection);
  const checkpoint = useEditor((state) => state.checkpoint);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const theme = useMantineTheme();
  const language = useLanguage();

  // Fit once the nodes there were at the start have been measured; an empty canvas keeps its
  // viewport, so nodes dropped one after the other land where they were dropped.
  const initialized = useNodesInitialized();
  const fitted = useRef(nodes.length === 0);
  useEffect(() => {
    if (!initialized || fitted.current) return;
    fitted.current = true;
    void fitView({ padding: fitPadding, maxZoom: 1.1 });
  }, [initialized, fitView, fitPadding]);

  const shownEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge) => {
        const taken = highlight?.edges[edge.id] === true;
        const dimmed = highlight !== null && !taken;
        return {
          ...edge,
          animated: taken,
          className: taken ? 'edge-taken' : dimmed ? 'edge-dimmed' : undefined,
          markerEnd: {
            type: MarkerType.ArrowClosed,
            width: 18,
            height: 18,
            color: taken ? '#f08c00' : edge.selected ? '#1c7ed6' : '#868e96',
          },
          zIndex: taken ? 1 : 0,
        };
      }),
    [edges, highlight],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!onDropType) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
    },
    [onDropType],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      if (!onDropType) return;
      event.preventDefault();
      const type = event.dataTransfer.getData(DRAG_MIME) || event.dataTransfer.getData('text/plain');
      if (!type || !findNodeType(type)) return;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropType(type, { x: position.x - 20, y: position.y - 20 });
    },
    [onDropType, screenToFlowPosition],
  );

  return (
    <ReactFlow<FlowNode, Edge>
      nodes={nodes}
      edges={shownEdges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onNodeDragStart={() => checkpoint()}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      deleteKeyCode={null}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      snapToGrid
      snapGrid={[16, 16]}
      minZoom={0.2}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
      className={highlight ? 'flow-highlighting' : undefined}
    >
      <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#ced4da" />
      {minimap && (
        <MiniMap
          pannable
          zoomable
          nodeStrokeWidth={2}
          nodeColor={(node) =>
            theme.colors[lookOf(findNodeType(node.type ?? ''), language).color]?.[6] ?? theme.colors.gray[6]
          }
          maskColor="rgba(241, 243, 245, 0.7)"
          style={{ width: 160, height: 110 }}
        />
      )}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
