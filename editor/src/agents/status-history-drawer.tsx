import { Drawer, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgentView } from '../../../contract/agents';
import { useAgentHistory } from '../api/queries';
import { formatShortDateTime } from '../common/format';
import { ErrorAlert } from '../common/page';
import { AGENT_STATUS_COLORS, agentStatusLabel, durationSince } from '../desk/agent-status-labels';

/** An agent's status changes, newest first, each with how long it lasted and who made it. */
export function StatusHistoryDrawer({ agent, onClose }: { agent: AgentView | undefined; onClose(): void }) {
  const history = useAgentHistory(agent?.id);
  const { t } = useTranslation();
  const items = history.data?.items ?? [];
  const now = Date.now();
  return (
    <Drawer
      opened={agent !== undefined}
      onClose={onClose}
      position="right"
      title={<Text fw={600}>{t('agents.history.title', { name: agent?.displayName ?? '' })}</Text>}
    >
      <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      {history.isPending && agent && (
        <Stack gap="sm">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      )}
      {history.data && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('agents.history.none')}
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} data-testid="status-history">
        {items.map((change, index) => {
          // Newest first: a status lasted until the one listed above it.
          const until = index === 0 ? now : Date.parse(items[index - 1]!.enteredAt);
          return (
            <Timeline.Item
              key={`${change.enteredAt}-${index}`}
              color={AGENT_STATUS_COLORS[change.status]}
              title={
                <Text size="sm" fw={600}>
                  {agentStatusLabel(change.status)}
                  {change.pauseReason && (
                    <Text span size="sm" fw={500} data-testid="status-history-pause-reason">
                      {' '}
                      · {t('pauseReasons.history.reason', { reason: change.pauseReason })}
                    </Text>
                  )}
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' '}
                    · {durationSince(change.enteredAt, until)}
                    {index === 0 ? t('agents.history.soFar') : ''}
                  </Text>
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {formatShortDateTime(change.enteredAt)}
                {change.changedBy === null
                  ? t('agents.history.bySystem')
                  : change.changedBy.id === agent?.id
                    ? t('agents.history.byThemselves')
                    : t('agents.history.by', { name: change.changedBy.displayName ?? t('agents.history.someone') })}
                {change.reason ? ` · ${change.reason}` : ''}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Drawer>
  );
}
