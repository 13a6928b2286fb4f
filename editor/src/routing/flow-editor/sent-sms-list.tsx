import { Code, Stack, Table, Text, Title } from '@mantine/core';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendConnectors } from '../../api/queries';
import type { SimulationResult } from '../../api/types';
import { WorkspaceContext } from './workspace/workspace-context';

/** The SMS a test run would have sent: recorded by the simulation, never sent. */
export function SentSmsList({ sms }: { sms: SimulationResult['sms'] }) {
  const { t } = useTranslation();
  const clientId = useContext(WorkspaceContext)?.application.clientId;
  const connectors = useSendConnectors(clientId).data ?? [];
  if (sms.length === 0) return null;
  const connectorName = (id: string | null) =>
    id === null ? t('workflowSms.test.viaOwn') : (connectors.find((connector) => connector.id === id)?.name ?? id);
  return (
    <Stack gap={4} data-testid="sent-sms">
      <Title order={6}>{t('workflowSms.test.sentTitle')}</Title>
      <Text size="xs" c="dimmed">
        {t('workflowSms.test.sentCount', { count: sms.length })}
      </Text>
      <Table fz="xs" verticalSpacing={4} horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workflowSms.test.to')}</Table.Th>
            <Table.Th>{t('workflowSms.test.text')}</Table.Th>
            <Table.Th>{t('workflowSms.test.via')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sms.map((message, index) => (
            <Table.Tr key={index} data-node-id={message.nodeId}>
              <Table.Td>
                <Code fz={11}>{message.to}</Code>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{message.text}</Table.Td>
              <Table.Td>{connectorName(message.sendConnectorId)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
