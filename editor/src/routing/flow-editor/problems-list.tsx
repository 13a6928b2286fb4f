import { Group, ScrollArea, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEditor } from './editor-store';
import { useFocusNode } from './use-focus-node';

export function ProblemsList() {
  const { t } = useTranslation();
  const problems = useEditor((state) => state.problems);
  const selected = useEditor((state) => {
    const chosen = state.nodes.filter((node) => node.selected);
    return chosen.length === 1 ? chosen[0]!.id : undefined;
  });
  const focusNode = useFocusNode();
  if (problems.length === 0) {
    return (
      <Group gap={8} p="md" data-testid="no-problems">
        <ThemeIcon color="teal" variant="light" size="sm" radius="xl">
          <CircleCheck size={14} />
        </ThemeIcon>
        <Text size="sm">{t('flowEditor.problems.none')}</Text>
      </Group>
    );
  }
  return (
    <ScrollArea h="100%" type="auto">
      <Stack gap={0} data-testid="problems-list">
        {problems.map((problem, index) => (
          <UnstyledButton
            key={index}
            className="problem-row"
            onClick={() => problem.nodeId && focusNode(problem.nodeId)}
            disabled={!problem.nodeId}
            data-node={problem.nodeId}
            data-current={(problem.nodeId !== undefined && problem.nodeId === selected) || undefined}
            ref={(row) => {
              if (row && problem.nodeId !== undefined && problem.nodeId === selected)
                row.scrollIntoView({ block: 'nearest' });
            }}
          >
            <Group gap={8} wrap="nowrap" align="flex-start">
              <CircleAlert size={15} color="var(--mantine-color-red-6)" style={{ flexShrink: 0, marginTop: 2 }} />
              <Text size="sm" style={{ flex: 1 }}>
                {problem.message}
              </Text>
              {problem.nodeId && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {problem.nodeId}
                </Text>
              )}
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </ScrollArea>
  );
}
