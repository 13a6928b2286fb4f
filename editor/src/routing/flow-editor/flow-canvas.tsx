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
  type OnConnectEnd,
} from '@xyflow/react';
import { useMantineTheme } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { findNodeType } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { ConnectionDropMenu, type ConnectionDrop } from './connection-drop-menu';
import { EdgeReplacedNotice } from './edge-replaced-notice';
import { lookOf, portLabelOf } from './node-catalog';
import { useEditor, type FlowNode } from './editor-store';
import { DRAG_MIME } from './palette';
import { nodeTypes } from './workflow-node';

/** The canvas of the store in context: the draft being edited, a version, or a run's graph. */
export function FlowCanvas({
  onDropType,
  fitPadding = 0.2,
  minimap = true,
}: {
  /** Adds a node where it was dropped, connected from `from` when a connection was dropped there. */
  onDropType?: (type: string, position: { x: number; y: number }, from?: { source: string; port: string }) => void;
  fitPadding?: number;
  minimap?: boolean;
}) {
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const readOnly = useEditor((state) => state.readOnly);
  const highlight = useEditor((state) => state.highlight);
  const diffMarks = useEditor((state) => state.diffMarks);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const onConnect = useEditor((state) => state.onConnect);
  const isValidConnection = useEditor((state) => state.isValidConnection);
  const checkpoint = useEditor((state) => state.checkpoint);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const theme = useMantineTheme();
  const language = useLanguage();
  const [connectionDrop, setConnectionDrop] = useState<ConnectionDrop | null>(null);

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
        const diffMark = diffMarks?.edges[edge.id];
        return {
          ...edge,
          animated: taken,
          className: taken ? 'edge-taken' : dimmed ? 'edge-dimmed' : diffMark ? `edge-diff-${diffMark}` : undefined,
          markerEnd: {
            type: MarkerType.ArrowClosed,
            width: 18,
            height: 18,
            color: taken ? '#f08c00' : edge.selected ? '#1c7ed6' : '#868e96',
          },
          zIndex: taken ? 1 : 0,
        };
      }),
    [edges, highlight, diffMarks],
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

  // A connection let go on empty canvas (not over a node or a port) offers the palette there.
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, connection) => {
      if (!onDropType || connection.isValid || connection.toNode || !connection.fromNode) return;
      const port = connection.fromHandle?.id;
      if (connection.fromHandle?.type !== 'source' || !port) return;
      const onPane = event.target instanceof Element && event.target.closest('.react-flow__pane') !== null;
      if (!onPane) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const node = nodes.find((candidate) => candidate.id === connection.fromNode?.id);
      if (!node) return;
      const nodeType = findNodeType(node.type ?? '');
      setConnectionDrop({
        from: { source: node.id, port },
        portLabel: nodeType ? portLabelOf(nodeType, node.data.config, port, language) : port,
        nodeTitle: node.data.label?.trim() || lookOf(nodeType, language).label || node.id,
        screen: { x: point.clientX, y: point.clientY },
      });
    },
    [onDropType, language, nodes],
  );

  const chooseForDrop = useCallback(
    (type: string) => {
      if (!connectionDrop || !onDropType) return;
      const position = screenToFlowPosition(connectionDrop.screen);
      setConnectionDrop(null);
      // The node's input (its left side, a little below its head) lands at the point let go.
      onDropType(type, { x: position.x, y: position.y - 20 }, connectionDrop.from);
    },
    [connectionDrop, onDropType, screenToFlowPosition],
  );

  return (
    <>
      <ReactFlow<FlowNode, Edge>
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
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
        {!readOnly && <EdgeReplacedNotice />}
      </ReactFlow>
      {connectionDrop && (
        <ConnectionDropMenu drop={connectionDrop} onChoose={chooseForDrop} onClose={() => setConnectionDrop(null)} />
      )}
    </>
  );
}
