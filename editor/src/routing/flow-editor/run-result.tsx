import { Alert, Badge, Code, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { findNodeType, type TraceStep, type WorkflowOutcome } from '../../../../workflows';
import { sayRunReason } from '../../../../i18n/run-reason';
import { formatTime } from '../../common/format';
import { useEditor } from './editor-store';
import { useLanguage } from '../../i18n/use-language';
import { portLabelOf } from './node-catalog';
import { useFocusNode } from './use-focus-node';

const BOLD = { b: <b /> };

/** How a run ended, in a sentence. */
export function OutcomeAlert({
  outcome,
  groupName,
}: {
  outcome: WorkflowOutcome | null;
  groupName(id: string): string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!outcome) return <Alert color="gray">{t('flowEditor.run.notFinished')}</Alert>;
  if (outcome.kind === 'routed') {
    return (
      <Alert color="teal" variant="light" p="xs" data-testid="outcome">
        <Text size="sm">
          <Trans
            i18nKey="flowEditor.run.routed"
            values={{ group: groupName(outcome.acdGroupId), subject: outcome.subject, priority: outcome.priority }}
            components={BOLD}
          />
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color={outcome.kind === 'dropped' ? 'gray' : 'red'} variant="light" p="xs" data-testid="outcome">
      <Text size="sm">
        <Trans
          i18nKey={outcome.kind === 'dropped' ? 'flowEditor.run.dropped' : 'flowEditor.run.failed'}
          values={{ reason: outcome.kind === 'failed' ? sayRunReason(outcome.reason, language) : outcome.reason }}
          components={BOLD}
        />
      </Text>
    </Alert>
  );
}

/**
 * The steps of a run; a click on one shows its node. `firstNumber` numbers a part of a longer path
 * (a step of a conversation) as the graph does.
 */
export function TraceTable({ trace, firstNumber = 1 }: { trace: readonly TraceStep[]; firstNumber?: number }) {
  const nodes = useEditor((state) => state.nodes);
  const focusNode = useFocusNode();
  const language = useLanguage();
  const { t } = useTranslation();
  return (
    <Table fz="xs" verticalSpacing={4} horizontalSpacing="xs" className="trace-table" data-testid="trace">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={28}>#</Table.Th>
          <Table.Th>{t('flowEditor.run.node')}</Table.Th>
          <Table.Th>{t('flowEditor.run.port')}</Table.Th>
          <Table.Th>{t('flowEditor.run.varsOrError')}</Table.Th>
          <Table.Th w={80}>{t('flowEditor.run.time')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trace.map((step, index) => {
          const node = nodes.find((candidate) => candidate.id === step.nodeId);
          const label = node?.data.label?.trim() || findNodeType(step.type)?.label[language] || step.type;
          const nodeType = findNodeType(step.type);
          return (
            <Table.Tr key={index}>
              <Table.Td c="dimmed">{firstNumber + index}</Table.Td>
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
                  <Badge
                    size="sm"
                    variant="light"
                    color="orange"
                    tt="none"
                    title={t('flowEditor.run.portTitle', { port: step.port })}
                  >
                    {node && nodeType ? portLabelOf(nodeType, node.data.config, step.port, language) : step.port}
                  </Badge>
                ) : nodeType?.kind === 'wait' && !step.error ? (
                  // A wait node is entered without a port; it leaves by one once a reply or the timeout wakes it.
                  <Badge size="sm" variant="light" color="violet" tt="none">
                    {t('conversationSimulation.waits')}
                  </Badge>
                ) : (
                  <Text size="xs" c="dimmed">
                    {step.error ? '—' : t('flowEditor.run.end')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {step.error ? (
                  <Text size="xs" c="red.7">
                    {sayRunReason(step.error, language)}
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
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Text size="xs" c="dimmed">
        {t('flowEditor.run.steps', { count })}
      </Text>
    </Group>
  );
}
