import { Badge, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeliveryAttempt } from '../api/types';
import { formatDateTime } from '../common/format';
import { OUTCOME_COLOR, statusColor } from './delivery-status';

/** The request as the log keeps it (secrets redacted), written the way HTTP shows it. */
export function requestText(request: DeliveryAttempt['request'], emptyBody: string): string {
  const search = new URLSearchParams(request.query).toString();
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
  return [
    `${request.method} ${request.path}${search ? `?${search}` : ''}`,
    ...headers,
    '',
    readableBody(request.body, request.headers['content-type'] ?? '') || emptyBody,
  ].join('\n');
}

/** A form body one decoded field a line, a JSON body indented; any other body as it arrived. */
function readableBody(body: string, contentType: string): string {
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    return [...new URLSearchParams(body)].map(([name, value]) => `${name}=${value}`).join('\n');
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : body;
  } catch {
    return body;
  }
}

/** One delivery attempt: what was answered and why, and the request in full. */
export function DeliveryRequestModal({ attempt, onClose }: { attempt: DeliveryAttempt | undefined; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={attempt !== undefined}
      onClose={onClose}
      title={
        <Text fw={600}>{t('connectors.deliveries.requestTitle', { time: formatDateTime(attempt?.receivedAt) })}</Text>
      }
      size="xl"
      centered
    >
      {attempt && (
        <Stack gap="sm" data-testid="delivery-request">
          <Group gap="xs">
            <Badge color={statusColor(attempt.status)} variant="light">
              {attempt.status}
            </Badge>
            <Badge color={OUTCOME_COLOR[attempt.outcome]} variant="outline">
              {t(`status.deliveryOutcome.${attempt.outcome}`)}
            </Badge>
            {attempt.clientAddress && (
              <Text size="xs" c="dimmed" ff="monospace">
                {attempt.clientAddress}
              </Text>
            )}
            {attempt.smsId && (
              <Text size="xs" c="dimmed">
                {t('connectors.deliveries.sms')} <code>{attempt.smsId}</code>
              </Text>
            )}
          </Group>
          <Text size="sm">{attempt.reason}</Text>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase">
            {t('connectors.deliveries.request')}
          </Text>
          <Code
            block
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, maxHeight: 480, overflow: 'auto' }}
          >
            {requestText(attempt.request, t('connectors.deliveries.emptyBody'))}
          </Code>
        </Stack>
      )}
    </Modal>
  );
}
