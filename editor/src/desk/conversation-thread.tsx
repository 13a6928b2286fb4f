import { Alert, Badge, Box, Button, Group, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationMessage } from '../../../contract/conversations';
import type { ConversationState, OutboundStatus } from '../../../contract/domain';
import { get } from '../api/http';
import { formatTime } from '../common/format';
import { messageAuthor } from '../common/message-author';
import { ErrorAlert } from '../common/page';
import { useSession } from '../shell/session';
import { deskConversationKey, type DeskConversation } from './desk-conversation-query';
import { ReplyBox } from './reply-box';

export { deskConversationKey };

const STATE_COLORS: Record<ConversationState, string> = { waiting: 'orange', assigned: 'teal', closed: 'gray' };
const STATUS_COLORS: Record<OutboundStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'blue',
  delivered: 'teal',
  failed: 'red',
};

/**
 * A held conversation: the thread both ways (the customer's SMS left, the replies right with
 * their delivery status, kept live by the desk stream), the reply box — or, when the customer
 * cannot be reached, a notice saying why — and the customer's earlier conversations. Open at
 * first; the toggle folds it away.
 */
export function ConversationThread({
  conversationId,
  groupName,
  focusReply = false,
}: {
  conversationId: string;
  groupName?: string | null;
  /** The reply box takes the focus once it appears (the desk was opened with a link to this conversation). */
  focusReply?: boolean;
}) {
  const { t } = useTranslation();
  const { me, clientName } = useSession();
  const [open, setOpen] = useState(true);
  const thread = useQuery({
    queryKey: deskConversationKey(conversationId),
    queryFn: () => get<DeskConversation>(`/api/desk/conversations/${conversationId}`),
    enabled: open,
  });
  const data = thread.data;
  const answerable = data?.state === 'assigned' && data.agentId === me.id;
  return (
    <Stack gap={6} mb="sm" data-testid="conversation-thread">
      <Button size="compact-xs" variant="subtle" onClick={() => setOpen((was) => !was)} w="fit-content">
        {open ? t('desk.thread.hide') : t('desk.thread.show')}
      </Button>
      {open && thread.isPending && <Skeleton h={40} />}
      {open && thread.error && <ErrorAlert title={t('desk.thread.notLoaded')} error={thread.error} />}
      {open && data && (
        <>
          {data.cannotReplyReason === 'optedOut' && (
            <Tooltip label={t('optOuts.desk.badgeHint')} multiline w={260}>
              <Badge color="grape" variant="light" w="fit-content" data-testid="opted-out-badge">
                {t('optOuts.desk.badge')}
              </Badge>
            </Tooltip>
          )}
          <Stack gap={4}>
            {data.messages.map((message) => (
              <ThreadMessage key={message.id} message={message} readerId={me.id} />
            ))}
          </Stack>
          {answerable && !data.canReply && data.cannotReplyReason && (
            <Alert
              color="orange"
              variant="light"
              p="xs"
              icon={<TriangleAlert size={16} />}
              title={t('deskReply.unreachable.title')}
              data-testid="unreachable"
            >
              {t(`deskReply.unreachable.${data.cannotReplyReason}`, {
                name: data.sendConnectorName ?? '',
                sender: data.customerNumber,
              })}
            </Alert>
          )}
          {answerable && data.canReply && (
            <ReplyBox
              conversationId={conversationId}
              focus={focusReply}
              values={{
                'customer.number': data.customerNumber,
                'agent.name': me.displayName,
                'group.name': groupName,
                'client.name': clientName,
              }}
            />
          )}
          <Text size="xs" fw={600} mt={4}>
            {t('desk.thread.earlier')}
          </Text>
          {data.earlier.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('desk.thread.noEarlier')}
            </Text>
          ) : (
            data.earlier.map((earlier) => (
              <Group key={earlier.id} gap={6} data-testid="earlier-conversation">
                <Badge size="xs" variant="light" color={STATE_COLORS[earlier.state]}>
                  {t(`desk.thread.state.${earlier.state}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('desk.thread.openedAt', { time: formatTime(earlier.openedAt) })}
                </Text>
              </Group>
            ))
          )}
        </>
      )}
    </Stack>
  );
}

/** One message: the customer's on the left, a reply on the right with its delivery status. */
function ThreadMessage({ message, readerId }: { message: ConversationMessage; readerId: string }) {
  const { t } = useTranslation();
  const outbound = message.direction === 'outbound';
  return (
    <Box style={{ display: 'flex', justifyContent: outbound ? 'flex-end' : 'flex-start' }}>
      <Paper
        bg={outbound ? 'blue.0' : 'gray.0'}
        p="xs"
        radius="sm"
        maw="85%"
        data-testid="thread-message"
        data-direction={message.direction}
      >
        <Group gap={6} justify={outbound ? 'flex-end' : 'flex-start'}>
          <Text size="xs" c="dimmed">
            {outbound ? messageAuthor(message, t, readerId) : t('deskReply.customer')} · {formatTime(message.at)}
          </Text>
          {outbound && message.status && (
            <Badge size="xs" variant="light" color={STATUS_COLORS[message.status]} data-testid="message-status">
              {t(`deskReply.status.${message.status}`)}
            </Badge>
          )}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {message.text}
        </Text>
        {outbound && message.status === 'failed' && message.error && (
          <Text size="xs" c="red" data-testid="message-error">
            {message.error}
          </Text>
        )}
      </Paper>
    </Box>
  );
}
