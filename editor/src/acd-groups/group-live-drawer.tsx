import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { Pencil, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AcdGroupLive } from '../../../contract/acd-groups';
import { useGroupLive } from '../api/queries';
import type { AcdGroup } from '../api/types';
import { formatTime } from '../common/format';
import { ErrorAlert } from '../common/page';
import { UsedByPanel } from '../common/used-by-list';
import { useNow } from '../common/use-now';
import { AGENT_STATUS_COLORS, agentStatusLabel, agentStatuses, durationSince } from '../desk/agent-status-labels';
import { noMailServerReason, NoMailServerWarning } from '../agents/no-mail-server';
import { QueueWarnings, queueWarnings } from './queue-warnings';
import { strategyLabel } from './strategies';
import { WaitingList } from './waiting-list';

/** A group as it is now, refreshed every 2 s: its queue, the work with agents, and its members' status. */
export function GroupLiveDrawer({
  group,
  onClose,
  onEdit,
}: {
  group: AcdGroup | undefined;
  onClose(): void;
  onEdit(): void;
}) {
  const live = useGroupLive(group?.id);
  const { t } = useTranslation();
  const now = useNow(1000, group !== undefined);
  const data = live.data?.group.id === group?.id ? live.data : undefined;
  return (
    <Drawer
      opened={group !== undefined}
      onClose={onClose}
      position="right"
      size={620}
      title={
        <Group gap={8}>
          <Text fw={600}>{group?.name}</Text>
          <Badge variant="dot" color={live.isError ? 'orange' : 'teal'} size="sm">
            {live.isError ? t('acdGroups.live.notUpdating') : t('acdGroups.live.live')}
          </Badge>
        </Group>
      }
    >
      <Stack data-testid="group-live">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {group &&
              t('acdGroups.live.summary', {
                strategy: strategyLabel(group.strategy),
                seconds: group.offerTimeoutSeconds,
              }) +
                (group.maxWaitSeconds
                  ? t('acdGroups.live.expireAfter', { minutes: Math.round(group.maxWaitSeconds / 60) })
                  : '')}
          </Text>
          <Button size="xs" variant="default" leftSection={<Pencil size={13} />} onClick={onEdit}>
            {t('acdGroups.live.editGroup')}
          </Button>
        </Group>
        <ErrorAlert error={live.error} title={t('acdGroups.live.notRefreshed')} />
        {!data ? (
          <Stack>
            <SimpleGrid cols={4} spacing="sm">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} height={72} radius="md" />
              ))}
            </SimpleGrid>
            <Skeleton height={160} radius="md" />
          </Stack>
        ) : (
          <LiveContent group={group!} data={data} now={now} updatedAt={live.dataUpdatedAt} />
        )}
      </Stack>
    </Drawer>
  );
}

function LiveContent({
  group,
  data,
  now,
  updatedAt,
}: {
  group: AcdGroup;
  data: AcdGroupLive;
  now: number;
  updatedAt: number;
}) {
  // Ready by the server's rule, the one dispatch uses.
  const ready = data.agents.filter((agent) => agent.canTakeOffer);
  const { t } = useTranslation();
  const unreachable = (agent: AcdGroupLive['agents'][number]) => agent.smsDelivery === 'email' && !data.emailConfigured;
  const agents = [...data.agents].sort(
    (a, b) => agentStatuses.indexOf(a.status) - agentStatuses.indexOf(b.status) || b.priority - a.priority,
  );
  const warnings = queueWarnings(data, now);
  return (
    <>
      <SimpleGrid cols={4} spacing="sm">
        <Figure
          label={t('acdGroups.live.waiting')}
          value={data.queueLength}
          testId="live-queue"
          color={warnings.length ? 'red.7' : data.queueLength > 0 ? 'orange.8' : undefined}
        />
        <Figure
          label={t('acdGroups.live.longestWait')}
          value={data.oldestQueuedAt ? durationSince(data.oldestQueuedAt, now) : '—'}
          color={warnings.wait ? 'red.7' : undefined}
          testId="live-oldest"
        />
        <Figure label={t('acdGroups.live.offered')} value={data.offered} testId="live-offered" />
        <Figure label={t('acdGroups.live.inProgress')} value={data.accepted} testId="live-accepted" />
      </SimpleGrid>
      <QueueWarnings data={data} now={now} />
      {data.queueLength > 0 && ready.length === 0 && (
        <Alert color="orange" variant="light" icon={<TriangleAlert size={16} />} p="xs">
          <Text size="sm">{t('acdGroups.live.smsWait', { count: data.queueLength })}</Text>
        </Alert>
      )}
      {data.agents.some(unreachable) && (
        <NoMailServerWarning agents={data.agents.filter(unreachable).length} testId="live-no-mail-server" />
      )}
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Table verticalSpacing={7} fz="sm" horizontalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('acdGroups.live.agent')}</Table.Th>
              <Table.Th w={240}>{t('acdGroups.live.status')}</Table.Th>
              <Table.Th w={110}>{t('acdGroups.live.load')}</Table.Th>
              <Table.Th w={80} ta="right">
                {t('common.priority')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agents.map((agent) => (
              <Table.Tr key={agent.id} data-testid="live-agent">
                <Table.Td>
                  <Text size="sm" span>
                    {agent.displayName}
                  </Text>
                  {agent.smsDelivery === 'email' && (
                    <Badge ml={6} size="xs" variant="outline" color="gray">
                      {t('acdGroups.live.email')}
                    </Badge>
                  )}
                  {unreachable(agent) && (
                    <Text size="xs" c="orange.8" data-testid="live-agent-reason">
                      {noMailServerReason()}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {unreachable(agent) && agent.status === 'available' ? (
                      <Badge variant="dot" color="orange" data-testid="live-agent-status">
                        {t('acdGroups.live.notAvailable')}
                      </Badge>
                    ) : (
                      <Badge variant="dot" color={AGENT_STATUS_COLORS[agent.status]} data-testid="live-agent-status">
                        {agentStatusLabel(agent.status)}
                      </Badge>
                    )}
                    {agent.status === 'pause' && agent.pauseReason && (
                      <Text
                        size="xs"
                        fw={500}
                        truncate
                        title={t('pauseReasons.live.reason', { reason: agent.pauseReason })}
                        data-testid="live-agent-pause-reason"
                      >
                        {agent.pauseReason}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {durationSince(agent.statusSince, now)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Progress
                      value={(agent.load / agent.capacity) * 100}
                      w={40}
                      size="sm"
                      color={agent.load >= agent.capacity ? 'orange' : 'blue'}
                      aria-label={t('acdGroups.live.loadOf', { name: agent.displayName })}
                    />
                    <Text size="xs">
                      {agent.load} / {agent.capacity}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{agent.priority}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.agents.length === 0 && (
          <Text c="dimmed" size="sm" p="md" ta="center">
            {t('acdGroups.live.noMembers')}
          </Text>
        )}
      </Paper>
      <WaitingList group={group} data={data} now={now} />
      <UsedByPanel path={`/api/acd-groups/${group.id}`} />
      <Text size="xs" c="dimmed">
        {t('acdGroups.live.ready', {
          ready: ready.length,
          total: data.agents.length,
          time: formatTime(new Date(updatedAt).toISOString()),
        })}
      </Text>
    </>
  );
}

function Figure({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: number | string;
  testId?: string;
  color?: string | undefined;
}) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={600} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
