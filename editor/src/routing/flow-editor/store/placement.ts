import { START_NODE_TYPE } from '../../../../../workflows';
import { portsFor } from '../node-catalog';
import type { FlowEdge, FlowNode } from './flow-graph';

/** Where a node added by a click goes, and the free port it is connected from, if any. */
export interface Placement {
  position: { x: number; y: number };
  from?: { source: string; port: string };
}

/** Room a node takes when it has not been measured yet (a node just added). */
const NODE_SIZE = { width: 240, height: 120 };
const GAP = { x: 80, y: 24 };

/**
 * A clicked node type goes beside the one selected node, connected from its first free port; with
 * none selected (or no free port), at `near`. Either way it is moved down until it covers no node.
 */
export function placeNewNode(
  type: string,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  near: { x: number; y: number },
): Placement {
  const selected = nodes.filter((node) => node.selected);
  const source = selected.length === 1 ? selected[0]! : undefined;
  const port = source !== undefined && type !== START_NODE_TYPE ? firstFreePort(source, edges) : undefined;
  if (source === undefined || port === undefined) return { position: freeSpotFrom(near, nodes) };
  const beside = { x: source.position.x + sizeOf(source).width + GAP.x, y: source.position.y };
  return { position: freeSpotFrom(beside, nodes), from: { source: source.id, port } };
}

function firstFreePort(node: FlowNode, edges: readonly FlowEdge[]): string | undefined {
  const used = new Set(edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle));
  return portsFor(node.type ?? '', node.data.config).find((port) => !used.has(port));
}

function sizeOf(node: FlowNode): { width: number; height: number } {
  return { width: node.measured?.width ?? NODE_SIZE.width, height: node.measured?.height ?? NODE_SIZE.height };
}

function freeSpotFrom(start: { x: number; y: number }, nodes: readonly FlowNode[]): { x: number; y: number } {
  let spot = start;
  for (let tries = 0; tries < 50; tries += 1) {
    const covered = nodes.find((node) => overlaps(spot, node));
    if (covered === undefined) return spot;
    spot = { x: spot.x, y: covered.position.y + sizeOf(covered).height + GAP.y };
  }
  return spot;
}

function overlaps(spot: { x: number; y: number }, node: FlowNode): boolean {
  const size = sizeOf(node);
  return (
    spot.x < node.position.x + size.width &&
    node.position.x < spot.x + NODE_SIZE.width &&
    spot.y < node.position.y + size.height &&
    node.position.y < spot.y + NODE_SIZE.height
  );
}
