import { Badge, Button, Card, Group, Text } from '@mantine/core';
import { CheckCheck, Mail } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskHeldConversation } from '../../../contract/desk';
import { formatTime } from '../common/format';
import { ConversationThread } from './conversation-thread';
import { useWrapUpClose } from './use-wrap-up-close';
import { WrapUpDialog } from './wrap-up-dialog';

/**
 * A conversation the agent holds by e-mail: who wrote to which number, the thread with the reply
 * box, and Close (through the wrap-up dialog where its group offers codes, as Complete does for
 * work on the desk).
 */
export function HeldByEmailCard({
  conversation,
  linked = false,
  closing,
  closeNow,
  closeWith,
}: {
  conversation: DeskHeldConversation;
  /** The card an e-mail's link opened: scrolled to, highlighted, its reply box focused. */
  linked?: boolean;
  closing: boolean;
  /** Closes without a code (the desk shows what goes wrong). */
  closeNow(): void;
  /** Closes with the chosen code; rejects with the API's error for the dialog to show. */
  closeWith(wrapUpCodeId: string | null): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const card = useRef<HTMLDivElement>(null);
  const wrapUp = useWrapUpClose(conversation.acdGroupId, closeNow);
  useEffect(() => {
    if (linked) card.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [linked]);
  return (
    <Card
      ref={card}
      withBorder
      radius="md"
      padding="md"
      className={linked ? 'desk-linked-card' : undefined}
      data-testid="held-by-email-card"
      data-conversation={conversation.id}
      data-linked={linked || undefined}
    >
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={8} wrap="nowrap" miw={0}>
          <Mail size={16} color="var(--mantine-color-grape-6)" style={{ flexShrink: 0 }} />
          <Text fw={600} ff="monospace" truncate>
            {conversation.customerNumber}
          </Text>
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            →
          </Text>
          <Text size="sm" ff="monospace" c="dimmed" truncate>
            {conversation.ourNumber}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Badge variant="light" color="grape">
            {t('deskEmail.badge')}
          </Badge>
          {conversation.acdGroupName && (
            <Badge variant="light" color="gray">
              {conversation.acdGroupName}
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb={8}>
        {t('deskEmail.lastMessage', { time: formatTime(conversation.lastMessageAt) })}
      </Text>
      <ConversationThread conversationId={conversation.id} groupName={conversation.acdGroupName} focusReply={linked} />
      <Group grow>
        <Button
          size="md"
          variant="light"
          color="blue"
          leftSection={<CheckCheck size={18} />}
          loading={closing || wrapUp.checking}
          onClick={() => void wrapUp.close()}
          data-testid="close-held"
        >
          {t('deskEmail.close')}
        </Button>
      </Group>
      {wrapUp.asking && wrapUp.rule && (
        <WrapUpDialog rule={wrapUp.rule} onClose={wrapUp.stopAsking} close={closeWith} onClosed={wrapUp.stopAsking} />
      )}
    </Card>
  );
}
