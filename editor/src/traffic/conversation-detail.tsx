import { Badge, Box, Drawer, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useConversation } from '../api/queries';
import type { ConversationMessage } from '../api/types';
import { formatDateTime } from '../common/format';
import { messageAuthor } from '../common/message-author';
import { ErrorAlert } from '../common/page';
import { statusLabel } from '../i18n/status-label';
import { CONVERSATION_STATE_COLORS, OUTBOUND_COLORS } from './status-colors';

/** One conversation in a drawer: who, where it stands, and its whole thread both ways. */
export function ConversationDetail({
  conversationId,
  groupName,
  agentName,
  onClose,
}: {
  conversationId: string;
  groupName(id: string | null): string | null;
  agentName(id: string | null): string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const conversation = useConversation(conversationId);
  const data = conversation.data;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={720}
      title={<Text fw={600}>{t('traffic.conversations.detail.title')}</Text>}
      data-testid="conversation-detail"
    >
      <ErrorAlert
        error={conversation.error}
        title={t('traffic.conversations.detail.notLoaded')}
        onRetry={() => void conversation.refetch()}
      />
      {conversation.isPending && <Skeleton height={160} />}
      {data && (
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <Group justify="space-between" mb="sm">
              <Text fw={600} size="sm">
                <Trans
                  i18nKey="traffic.conversations.detail.between"
                  components={{
                    customer: <span className="mono">{data.customerNumber}</span>,
                    ours: <span className="mono">{data.ourNumber}</span>,
                  }}
                />
              </Text>
              <Badge
                variant="light"
                size="lg"
                color={CONVERSATION_STATE_COLORS[data.state]}
                data-testid="conversation-state"
              >
                {statusLabel('conversation', data.state)}
              </Badge>
            </Group>
            <SimpleGrid cols={2} spacing="xs">
              <Field label={t('traffic.conversations.group')}>{groupName(data.acdGroupId) ?? '—'}</Field>
              <Field label={t('traffic.conversations.agent')}>
                {agentName(data.agentId ?? data.lastAgentId) ?? '—'}
              </Field>
              <Field label={t('traffic.conversations.detail.opened')}>{formatDateTime(data.openedAt)}</Field>
              <Field label={t('traffic.conversations.detail.closed')}>{formatDateTime(data.closedAt)}</Field>
            </SimpleGrid>
          </Paper>
          <Box>
            <Text fw={600} size="sm" mb="xs">
              {t('traffic.conversations.detail.thread')}
            </Text>
            {data.messages.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('traffic.conversations.detail.noMessages')}
              </Text>
            ) : (
              <Stack gap="xs" data-testid="conversation-messages">
                {data.messages.map((message) => (
                  <ThreadMessage key={message.id} message={message} />
                ))}
              </Stack>
            )}
          </Box>
        </Stack>
      )}
    </Drawer>
  );
}

/** A message of the thread: the customer's on the left, replies on the right with their delivery status. */
function ThreadMessage({ message }: { message: ConversationMessage }) {
  const { t } = useTranslation();
  const inbound = message.direction === 'inbound';
  return (
    <Paper
      p="sm"
      radius="md"
      maw="80%"
      ml={inbound ? 0 : 'auto'}
      bg={inbound ? 'gray.0' : 'blue.0'}
      data-testid="thread-message"
      data-direction={message.direction}
    >
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="xs" fw={600}>
          {inbound
            ? t('traffic.conversations.detail.inbound')
            : `${t('traffic.conversations.detail.outbound')} · ${messageAuthor(message, t)}`}
        </Text>
        <Group gap={6}>
          {message.status && (
            <Badge size="xs" variant="light" color={OUTBOUND_COLORS[message.status]} data-testid="outbound-status">
              {statusLabel('outbound', message.status)}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatDateTime(message.at)}
          </Text>
        </Group>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {message.text}
      </Text>
      {message.error && (
        <Text size="xs" c="red" mt={4}>
          {t('traffic.conversations.detail.outboundError', { error: message.error })}
        </Text>
      )}
      {message.smsId && (
        <Text size="xs" mt={4}>
          <Link to={`/traffic/${message.smsId}`}>{t('traffic.conversations.detail.showSms')}</Link>
        </Text>
      )}
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Box>
  );
}
