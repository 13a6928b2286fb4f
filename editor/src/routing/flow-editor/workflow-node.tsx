import { Handle, Position, useUpdateNodeInternals, type NodeProps, type NodeTypes } from '@xyflow/react';
import { CircleAlert } from 'lucide-react';
import { memo, useContext, useEffect, useMemo } from 'react';
import { findNodeType, nodeTypeCatalog, START_NODE_TYPE } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { lookOf, missingGroupsOf, portViews, summaryOf } from './node-catalog';
import { WorkspaceContext } from './workspace/workspace-context';
import { useEditor, type FlowNode } from './editor-store';
import { useTranslation } from 'react-i18next';

/** The one node component: every node type is drawn from its declaration in the catalog. */
export const WorkflowNodeView = memo(function WorkflowNodeView({ id, type, data, selected }: NodeProps<FlowNode>) {
  const nodeType = findNodeType(type);
  const problems = useEditor((state) => state.problemsByNode[id]);
  const visit = useEditor((state) => state.highlight?.nodes[id]);
  const diffMark = useEditor((state) => state.diffMarks?.nodes[id]);
  const highlighting = useEditor((state) => state.highlight !== null);
  const updateNodeInternals = useUpdateNodeInternals();

  const language = useLanguage();
  const { t } = useTranslation();
  // Outside a workspace (a lone canvas) groups are named by the start of their id, none marked.
  const workspace = useContext(WorkspaceContext);
  const names = workspace?.names;
  const ports = useMemo(
    () => (nodeType ? portViews(nodeType, data.config, language) : []),
    [nodeType, data.config, language],
  );
  const portKey = ports.map((port) => port.id).join('\0');
  useEffect(() => updateNodeInternals(id), [id, portKey, updateNodeInternals]);

  const look = lookOf(nodeType, language);
  const Icon = look.icon;
  const color = look.color;
  const title = data.label?.trim() || look.label || type;
  const summary = nodeType
    ? (summaryOf(nodeType, data.config, language, names) ?? t('flowEditor.node.incomplete'))
    : t('flowEditor.node.unknownType', { type });
  const missingGroup =
    nodeType !== undefined && names !== undefined && missingGroupsOf(nodeType, data.config, names).length > 0;
  const hasProblems = (problems?.length ?? 0) > 0;

  const body = (
    <div
      className="wf-node"
      data-selected={selected || undefined}
      data-problem={hasProblems || undefined}
      data-missing-group={missingGroup || undefined}
      data-visited={visit ? true : undefined}
      data-diff={diffMark}
      data-dimmed={highlighting && !visit ? true : undefined}
      data-testid={`node-${id}`}
      style={{
        ['--node-color' as string]: `var(--mantine-color-${color}-6)`,
        ['--node-tint' as string]: `var(--mantine-color-${color}-0)`,
      }}
    >
      {type !== START_NODE_TYPE && <Handle type="target" position={Position.Left} className="wf-target" />}
      <div className="wf-node-head">
        <span className="wf-node-icon">
          <Icon size={15} strokeWidth={2} />
        </span>
        <div className="wf-node-titles">
          <div className="wf-node-title">{title}</div>
          <div className="wf-node-type">{data.label?.trim() ? look.label : id}</div>
        </div>
        {hasProblems && (
          // Its problems are told in the Problems list (and the inspector), not over the neighbours.
          <button
            type="button"
            className="wf-node-alert nodrag"
            data-testid={`problems-of-${id}`}
            aria-label={t('flowEditor.node.showProblems', { count: problems!.length })}
            title={t('flowEditor.node.showProblems', { count: problems!.length })}
            onClick={(event) => {
              event.stopPropagation();
              workspace?.draft.getState().select(id);
              workspace?.commands.showTab('problems');
            }}
          >
            <CircleAlert size={16} />
          </button>
        )}
        {visit && <span className="wf-node-step">{visit.order.join(', ')}</span>}
      </div>
      <div className="wf-node-summary" title={summary}>
        {summary}
      </div>
      {missingGroup && (
        <div className="wf-node-missing" data-testid={`missing-group-${id}`}>
          {t('flowEditor.node.groupGone')}
        </div>
      )}
      {ports.length > 0 && (
        <div className="wf-node-ports">
          {ports.map((port) => (
            <div key={port.id} className="wf-port" data-taken={visit?.ports.includes(port.id) || undefined}>
              <span className="wf-port-label" title={port.id}>
                {port.label}
              </span>
              <Handle type="source" position={Position.Right} id={port.id} className="wf-source" data-port={port.id} />
            </div>
          ))}
        </div>
      )}
      {nodeType?.kind === 'terminal' && <div className="wf-node-end">{t('flowEditor.node.endsRun')}</div>}
    </div>
  );

  return body;
});

/** Module-level: React Flow re-mounts every node when this object changes. */
export const nodeTypes: NodeTypes = Object.fromEntries(
  nodeTypeCatalog.map((nodeType) => [nodeType.type, WorkflowNodeView]),
);
