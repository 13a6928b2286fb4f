import { Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { deskConversation } from '../../../contract/conversations';
import type { ConversationState } from '../../../contract/domain';
import { get } from '../api/http';
import { formatTime } from '../common/format';
import { ErrorAlert } from '../common/page';

type DeskConversation = z.output<typeof deskConversation>;

/** The query key of a conversation on the desk: a new message in it (desk stream) refreshes it. */
export const deskConversationKey = (conversationId: string) => ['desk-conversation', conversationId] as const;

const STATE_COLORS: Record<ConversationState, string> = { waiting: 'orange', assigned: 'teal', closed: 'gray' };

/** A held conversation's thread, read-only, with the customer's earlier conversations; loaded when opened. */
export function ConversationThread({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const thread = useQuery({
    queryKey: deskConversationKey(conversationId),
    queryFn: () => get<DeskConversation>(`/api/desk/conversations/${conversationId}`),
    enabled: open,
  });
  return (
    <Stack gap={6} mb="sm" data-testid="conversation-thread">
      <Button size="compact-xs" variant="subtle" onClick={() => setOpen((was) => !was)} w="fit-content">
        {open ? t('desk.thread.hide') : t('desk.thread.show')}
      </Button>
      {open && thread.isPending && <Skeleton h={40} />}
      {open && thread.error && <ErrorAlert title={t('desk.thread.notLoaded')} error={thread.error} />}
      {open && thread.data && (
        <>
          {thread.data.messages.map((message) => (
            <Paper key={message.id} bg="gray.0" p="xs" radius="sm" data-testid="thread-message">
              <Text size="xs" c="dimmed">
                {formatTime(message.at)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {message.text}
              </Text>
            </Paper>
          ))}
          <Text size="xs" fw={600} mt={4}>
            {t('desk.thread.earlier')}
          </Text>
          {thread.data.earlier.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('desk.thread.noEarlier')}
            </Text>
          ) : (
            thread.data.earlier.map((earlier) => (
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
