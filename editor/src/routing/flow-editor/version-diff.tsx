import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { GitCompare } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  diffGraphs,
  findNodeType,
  migrateDefinition,
  type GraphDiff,
  type NodeChange,
  type WorkflowGraph,
} from '../../../../workflows';
import { fetchVersion, keys } from '../../api/queries';
import type { VersionListItem } from '../../api/types';
import { ErrorAlert } from '../../common/page';
import { useLanguage } from '../../i18n/use-language';
import type { DiffMarks } from './editor-store';
import { lookOf, portLabelOf } from './node-catalog';
import { useWorkspace } from './workspace/workspace-context';

const DRAFT = 'draft';

/** What two graphs of the application differ in: listed here and marked on the newer one on the canvas. */
export function VersionDiff({ versions, activeNumber }: { versions: VersionListItem[]; activeNumber?: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const { application, draft, view, commands } = useWorkspace();
  const choices = [
    { value: DRAFT, label: t('flowEditor.diff.draft') },
    ...versions.map((version) => ({
      value: String(version.number),
      label: t('flowEditor.diff.version', { number: version.number }),
    })),
  ];
  const [from, setFrom] = useState<string>(String(activeNumber ?? versions.at(-1)?.number ?? ''));
  const [to, setTo] = useState<string>(DRAFT);
  const [shown, setShown] = useState<
    { diff: GraphDiff; before: WorkflowGraph; after: WorkflowGraph; label: string } | undefined
  >();
  const [error, setError] = useState<unknown>(null);

  const graphOf = async (choice: string): Promise<WorkflowGraph> => {
    if (choice === DRAFT) return draft.getState().toGraph();
    const number = Number(choice);
    const version = await queryClient.fetchQuery({
      queryKey: keys.version(application.id, number),
      queryFn: () => fetchVersion(application.id, number),
    });
    return migrateDefinition(version.graph);
  };

  const compare = async () => {
    setError(null);
    try {
      const [before, after] = await Promise.all([graphOf(from), graphOf(to)]);
      const diff = diffGraphs(before, after);
      // The newer graph goes on the canvas, with what is new or changed marked on it.
      if (to === DRAFT) commands.backToDraft();
      else {
        const summary = versions.find((version) => String(version.number) === to);
        if (summary) await commands.openVersion(summary);
      }
      const store = to === DRAFT ? draft : (view.getState().viewing?.store ?? draft);
      store.getState().setDiffMarks(marksOf(diff, after));
      setShown({ diff, before, after, label: t('flowEditor.diff.between', { from: labelOf(from), to: labelOf(to) }) });
    } catch (failure) {
      setError(failure);
    }
  };
  const labelOf = (choice: string) => choices.find((option) => option.value === choice)?.label ?? choice;

  const nodeName = (graph: WorkflowGraph, id: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === id);
    const nodeType = findNodeType(node?.type ?? '');
    return node?.label?.trim() || `${lookOf(nodeType, language).label} (${id})`;
  };
  const portName = (graph: WorkflowGraph, source: string, port: string) => {
    const node = graph.nodes.find((candidate) => candidate.id === source);
    const nodeType = findNodeType(node?.type ?? '');
    return nodeType && node ? portLabelOf(nodeType, node.config, port, language) : port;
  };
  const changeWords = (changes: NodeChange[]) =>
    changes.map((change) => t(`flowEditor.diff.change.${change}`)).join(', ');

  return (
    <Stack
      gap={6}
      px="sm"
      py={6}
      data-testid="version-diff"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Select
          size="xs"
          w={150}
          label={t('flowEditor.diff.from')}
          data={choices}
          value={from}
          onChange={(value) => value && setFrom(value)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          size="xs"
          w={150}
          label={t('flowEditor.diff.to')}
          data={choices}
          value={to}
          onChange={(value) => value && setTo(value)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Button
          size="xs"
          variant="light"
          leftSection={<GitCompare size={13} />}
          disabled={from === to || from === ''}
          onClick={() => void compare()}
        >
          {t('flowEditor.diff.compare')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {shown && (
        <Stack gap={2} data-testid="diff-list">
          <Text size="xs" fw={600}>
            {shown.label}
          </Text>
          {isEmpty(shown.diff) && (
            <Text size="xs" c="dimmed">
              {t('flowEditor.diff.nothing')}
            </Text>
          )}
          {shown.diff.nodes.added.map((id) => (
            <Text key={`a${id}`} size="xs" className="diff-added" data-diff-row="node-added" data-node={id}>
              {t('flowEditor.diff.nodeAdded', { node: nodeName(shown.after, id) })}
            </Text>
          ))}
          {shown.diff.nodes.removed.map((id) => (
            <Text key={`r${id}`} size="xs" className="diff-removed" data-diff-row="node-removed" data-node={id}>
              {t('flowEditor.diff.nodeRemoved', { node: nodeName(shown.before, id) })}
            </Text>
          ))}
          {shown.diff.nodes.changed.map(({ id, changes }) => (
            <Text key={`c${id}`} size="xs" className="diff-changed" data-diff-row="node-changed" data-node={id}>
              {t('flowEditor.diff.nodeChanged', { node: nodeName(shown.after, id), changes: changeWords(changes) })}
            </Text>
          ))}
          {shown.diff.edges.added.map((edge) => (
            <Text key={`ea${edge.source}.${edge.port}`} size="xs" className="diff-added" data-diff-row="edge-added">
              {t('flowEditor.diff.edgeAdded', {
                port: portName(shown.after, edge.source, edge.port),
                node: nodeName(shown.after, edge.source),
                target: nodeName(shown.after, edge.target),
              })}
            </Text>
          ))}
          {shown.diff.edges.removed.map((edge) => (
            <Text key={`er${edge.source}.${edge.port}`} size="xs" className="diff-removed" data-diff-row="edge-removed">
              {t('flowEditor.diff.edgeRemoved', {
                port: portName(shown.before, edge.source, edge.port),
                node: nodeName(shown.before, edge.source),
                target: nodeName(shown.before, edge.target),
              })}
            </Text>
          ))}
          {shown.diff.edges.retargeted.map((edge) => (
            <Text
              key={`et${edge.source}.${edge.port}`}
              size="xs"
              className="diff-changed"
              data-diff-row="edge-retargeted"
            >
              {t('flowEditor.diff.edgeRetargeted', {
                port: portName(shown.after, edge.source, edge.port),
                node: nodeName(shown.after, edge.source),
                before: nodeName(shown.before, edge.before),
                after: nodeName(shown.after, edge.after),
              })}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function isEmpty(diff: GraphDiff): boolean {
  return (
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length === 0 &&
    diff.edges.added.length + diff.edges.removed.length + diff.edges.retargeted.length === 0
  );
}

/** The marks of a diff on its newer graph: the canvas's edge ids for the edges by port. */
function marksOf(diff: GraphDiff, after: WorkflowGraph): DiffMarks {
  const marks: DiffMarks = { nodes: {}, edges: {} };
  for (const id of diff.nodes.added) marks.nodes[id] = 'added';
  for (const { id } of diff.nodes.changed) marks.nodes[id] = 'changed';
  const edgeId = (source: string, port: string) =>
    after.edges.find((edge) => edge.source === source && edge.sourcePort === port)?.id;
  for (const edge of diff.edges.added) {
    const id = edgeId(edge.source, edge.port);
    if (id) marks.edges[id] = 'added';
  }
  for (const edge of diff.edges.retargeted) {
    const id = edgeId(edge.source, edge.port);
    if (id) marks.edges[id] = 'retargeted';
  }
  return marks;
}
