import { Alert, Badge, Box, Code, Group, ScrollArea, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { MousePointerClick, TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import { configSchemaOf, findNodeType, issueText } from '../../../../../workflows';
import { useLanguage } from '../../../i18n/use-language';
import { lookOf, parseConfig } from '../node-catalog';
import { useEditor } from '../editor-store';
import { ObjectFields, type FormContext } from './config-form';
import { useTranslation } from 'react-i18next';

export function Inspector({ acdGroups }: { acdGroups: { value: string; label: string }[] }) {
  const selected = useEditor((state) => {
    const nodes = state.nodes.filter((node) => node.selected);
    return nodes.length === 1 ? nodes[0]! : nodes.length;
  });
  const { t } = useTranslation();
  if (typeof selected === 'number') {
    return (
      <Stack align="center" gap={8} p="xl" mt="xl" ta="center">
        <ThemeIcon variant="light" color="gray" size={40} radius="xl">
          <MousePointerClick size={20} />
        </ThemeIcon>
        <Text size="sm" fw={600}>
          {selected > 1
            ? t('flowEditor.inspector.nodesSelected', { count: selected })
            : t('flowEditor.inspector.nothingSelected')}
        </Text>
        <Text size="xs" c="dimmed">
          {selected > 1 ? t('flowEditor.inspector.manyHint') : t('flowEditor.inspector.noneHint')}
        </Text>
      </Stack>
    );
  }
  return <NodeInspector key={selected.id} nodeId={selected.id} acdGroups={acdGroups} />;
}

function NodeInspector({ nodeId, acdGroups }: { nodeId: string; acdGroups: { value: string; label: string }[] }) {
  const node = useEditor((state) => state.nodes.find((candidate) => candidate.id === nodeId));
  const problems = useEditor((state) => state.problemsByNode[nodeId]);
  const readOnly = useEditor((state) => state.readOnly);
  const updateNode = useEditor((state) => state.updateNode);
  const nodeType = node?.type ? findNodeType(node.type) : undefined;
  const schema = nodeType ? configSchemaOf(nodeType) : undefined;
  const language = useLanguage();
  const { t } = useTranslation();

  const errors = useMemo(() => {
    const map: Record<string, string> = {};
    if (!node || !nodeType) return map;
    const parsed = parseConfig(nodeType, node.data.config);
    if (!parsed.ok)
      for (const issue of parsed.issues) map[issue.path.map(String).join('.')] ??= issueText(issue, language);
    for (const problem of problems ?? []) {
      if (problem.field && problem.code !== 'config_invalid') map[problem.field] ??= problem.message;
    }
    return map;
  }, [node, nodeType, problems, language]);

  if (!node) return null;
  if (!nodeType || !schema) {
    return (
      <Box p="md">
        <Alert color="red" title={t('flowEditor.inspector.unknownTypeTitle')}>
          {t('flowEditor.inspector.unknownTypeText', { type: '\0' })
            .split('\0')
            .flatMap((part, index) => (index === 0 ? [part] : [<Code key={index}>{node.type}</Code>, part]))}
        </Alert>
      </Box>
    );
  }
  const look = lookOf(nodeType, language);
  const Icon = look.icon;
  const color = look.color;
  const context: FormContext = { acdGroups, errors, readOnly };
  // Problems the form cannot show next to a field: unconnected ports, unreachable node, …
  const unplaced = (problems ?? []).filter((problem) => !problem.field || !(problem.field in errors));

  return (
    <ScrollArea h="100%" type="auto" offsetScrollbars>
      <Stack gap="md" p="md" data-testid="inspector">
        <Group gap={10} wrap="nowrap" align="flex-start">
          <ThemeIcon color={color} variant="light" size={34} radius="md">
            <Icon size={18} />
          </ThemeIcon>
          <Box style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text fw={600} size="sm">
                {look.label}
              </Text>
              <Badge size="xs" variant="light" color={color}>
                {look.categoryLabel}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {look.description}
            </Text>
          </Box>
        </Group>
        {unplaced.length > 0 && (
          <Alert color="red" variant="light" p="xs" icon={<TriangleAlert size={16} />} data-testid="inspector-problems">
            <Stack gap={4}>
              {unplaced.map((problem, index) => (
                <Text key={index} size="xs">
                  {problem.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <Group gap="xs" grow align="flex-start">
          <TextInput
            size="xs"
            label={t('flowEditor.inspector.label')}
            placeholder={look.label}
            value={node.data.label ?? ''}
            onChange={(event) => updateNode(nodeId, { label: event.currentTarget.value })}
            className="nodrag nokey"
            disabled={readOnly}
            maxLength={100}
            description={t('flowEditor.inspector.labelHint')}
          />
          <TextInput
            size="xs"
            label={t('flowEditor.inspector.nodeId')}
            value={node.id}
            readOnly
            disabled
            description={t('flowEditor.inspector.nodeIdHint')}
          />
        </Group>
        {Object.keys(schema.properties ?? {}).length > 0 ? (
          <ObjectFields
            schema={schema}
            value={node.data.config}
            onChange={(config) => updateNode(nodeId, { config })}
            path=""
            context={context}
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t('flowEditor.inspector.nothingToConfigure')}
          </Text>
        )}
      </Stack>
    </ScrollArea>
  );
}
