import { Button, CloseButton, Group, Paper, Text } from '@mantine/core';
import { Panel } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { findNodeType } from '../../../../workflows';
import { useLanguage } from '../../i18n/use-language';
import { useEditor, useEditorStore, type FlowNode } from './editor-store';
import { lookOf, portLabelOf } from './node-catalog';

/**
 * A port has one edge: a connection from a port that had one replaced it. Says so, naming the
 * node the old edge went to, with the undo that brings it back.
 */
export function EdgeReplacedNotice() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useEditorStore();
  const replaced = useEditor((state) => state.replacedEdge);
  const nodes = useEditor((state) => state.nodes);
  if (!replaced) return null;
  const title = (id: string) => {
    const node: FlowNode | undefined = nodes.find((candidate) => candidate.id === id);
    const nodeType = findNodeType(node?.type ?? '');
    return node?.data.label?.trim() || (nodeType ? `${lookOf(nodeType, language).label} (${id})` : id);
  };
  const source = nodes.find((node) => node.id === replaced.source);
  const sourceType = findNodeType(source?.type ?? '');
  const port =
    sourceType && source ? portLabelOf(sourceType, source.data.config, replaced.port, language) : replaced.port;
  return (
    <Panel position="top-center">
      <Paper withBorder shadow="sm" radius="md" px="sm" py={6} data-testid="edge-replaced" role="status">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">
            {t('flowEditor.edgeReplaced.text', {
              port,
              node: title(replaced.source),
              before: title(replaced.before),
              after: title(replaced.after),
            })}
          </Text>
          <Button size="compact-xs" variant="light" style={{ flexShrink: 0 }} onClick={() => store.getState().undo()}>
            {t('flowEditor.edgeReplaced.undo')}
          </Button>
          <CloseButton
            size="sm"
            aria-label={t('flowEditor.edgeReplaced.dismiss')}
            onClick={() => store.setState({ replacedEdge: null })}
          />
        </Group>
      </Paper>
    </Panel>
  );
}
