import { Alert, Badge, Code, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { findNodeType, type TraceStep, type WorkflowOutcome } from '../../../../workflows';
import { formatTime } from '../../common/format';
import { useEditor } from './editor-store';
import { useLanguage } from '../../i18n/use-language';
import { portLabelOf } from './node-catalog';
import { useFocusNode } from './use-focus-node';

/** How a run ended, in a sentence. */
export function OutcomeAlert({
  outcome,
  groupName,
}: {
  outcome: WorkflowOutcome | null;
  groupName(id: string): string;
}) {
  if (!outcome) return <Alert color="gray">The run has not finished.</Alert>;
  if (outcome.kind === 'routed') {
    return (
      <Alert color="teal" variant="light" p="xs" data-testid="outcome">
        <Text size="sm">
          <b>Routed</b> to <b>{groupName(outcome.acdGroupId)}</b> with the subject “{outcome.subject}”, priority{' '}
          {outcome.priority}.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color={outcome.kind === 'dropped' ? 'gray' : 'red'} variant="light" p="xs" data-testid="outcome">
      <Text size="sm">
        <b>{outcome.kind === 'dropped' ? 'Dropped' : 'Failed'}</b>: {outcome.reason}
      </Text>
    </Alert>
  );
}

/** The steps of a run; a click on one shows its node. */
export function TraceTable({ trace }: { trace: readonly TraceStep[] }) {
  const nodes = useEditor((state) => state.nodes);
  const focusNode = useFocusNode();
  const language = useLanguage();
  return (
    <Table fz="xs" verticalSpacing={4} horizontalSpacing="xs" className="trace-table" data-testid="trace">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28}>#</Table.Th>
          <Table.Th>Node</Table.Th>
          <Table.Th>Left by port</Table.Th>
          <Table.Th>Variables set, or error</Table.Th>
          <Table.Th w={80}>Time</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trace.map((step, index) => {
          const node = nodes.find((candidate) => candidate.id === step.nodeId);
          const label = node?.data.label?.trim() || findNodeType(step.type)?.label[language] || step.type;
          const nodeType = findNodeType(step.type);
          return (
            <Table.Tr key={index}>
              <Table.Td c="dimmed">{index + 1}</Table.Td>
              <Table.Td>
                <UnstyledButton onClick={() => node && focusNode(step.nodeId)} className="trace-node">
                  <Text size="xs" fw={500} span>
                    {label}
                  </Text>{' '}
                  <Text size="xs" c="dimmed" span ff="monospace">
                    {step.nodeId}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                {step.port ? (
                  <Badge size="sm" variant="light" color="orange" tt="none" title={`port ${step.port}`}>
                    {node && nodeType ? portLabelOf(nodeType, node.data.config, step.port, language) : step.port}
                  </Badge>
                ) : (
                  <Text size="xs" c="dimmed">
                    {step.error ? '—' : 'end'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {step.error ? (
                  <Text size="xs" c="red.7">
                    {step.error}
                  </Text>
                ) : step.vars ? (
                  <Code fz={11}>{JSON.stringify(step.vars).slice(0, 200)}</Code>
                ) : (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td c="dimmed" title={step.at}>
                {formatTime(step.at)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function TraceSummary({ count }: { count: number }) {
  return (
    <Group gap={6}>
      <Text size="xs" c="dimmed">
        {count} step{count === 1 ? '' : 's'} · visited nodes are lit, the edges taken are animated
      </Text>
    </Group>
  );
}
