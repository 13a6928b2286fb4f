import type { NodeType } from '../node-types/define-node-type';
import { acdGroupStatusNode } from './acd-group-status';
import { businessHoursNode } from './business-hours';
import { dropNode } from './drop';
import { httpRequestNode } from './http-request';
import { percentageSplitNode } from './percentage-split';
import { routeToAcdGroupNode } from './route-to-acd-group';
import { sendEmailNode } from './send-email';
import { sendSmsNode } from './send-sms';
import { setVariablesNode } from './set-variables';
import { startNode } from './start';
import { switchNode } from './switch';
import { waitForReplyNode } from './wait-for-reply';

/** Every node type, in palette order. Adding a node type means adding it here. */
export const nodeTypeCatalog = [
  startNode,
  switchNode,
  businessHoursNode,
  percentageSplitNode,
  setVariablesNode,
  httpRequestNode,
  sendEmailNode,
  waitForReplyNode,
  sendSmsNode,
  acdGroupStatusNode,
  routeToAcdGroupNode,
  dropNode,
] as const;

export type NodeTypeId = (typeof nodeTypeCatalog)[number]['type'];

const nodeTypesById: ReadonlyMap<string, NodeType> = new Map(
  nodeTypeCatalog.map((nodeType): [string, NodeType] => [nodeType.type, nodeType]),
);

export function findNodeType(type: string): NodeType | undefined {
  return nodeTypesById.get(type);
}

export const START_NODE_TYPE: NodeTypeId = startNode.type;
