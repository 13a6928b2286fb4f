import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Check, CheckCheck, Inbox, MessageSquare, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { AgentStatus, DeskMediaEvent } from '../../../server/acd/desk-shapes';
import { ApiError } from '../api/http';
import { formatTime } from '../common/format';
import { ErrorAlert } from '../common/page';
import { AGENT_STATUS_COLORS, AGENT_STATUS_LABELS, agentStatuses, durationSince } from './agent-status-labels';
import { secondsLeft, type HistoryItem } from './desk-state';
import { useDesk, type Connection } from './use-desk';

const OUTCOME_COLORS: Record<HistoryItem['outcome'], string> = {
  completed: 'teal',
  delivered: 'blue',
  declined: 'gray',
  expired: 'orange',
  withdrawn: 'gray',
  failed: 'red',
};

/** The agent desk: status, live offers with their deadline, work in hand, recent history. */
export function DeskPage() {
  const desk = useDesk();
  const now = useNow(1000);
  const [busy, setBusy] = useState<string>();

  const run = async (key: string, work: () => Promise<unknown>, conflictMessage?: string) => {
    setBusy(key);
    try {
      await work();
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 409 && conflictMessage
          ? conflictMessage
          : String((error as Error).message);
      notifications.show({ color: 'red', message });
    } finally {
      setBusy(undefined);
    }
  };

  if (!desk.state) {
    return (
      <Stack>
        <Title order={2} fz={22} fw={600}>
          Agent desk
        </Title>
        <ErrorAlert error={desk.error} onRetry={desk.reload} />
        {!desk.error && <Text c="dimmed">Loading your desk …</Text>}
      </Stack>
    );
  }
  const { state } = desk;
  const available = state.status === 'available';

  return (
    <Stack gap="md" data-testid="agent-desk">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Box>
            <Title order={2} fz={22} fw={600}>
              Agent desk
            </Title>
            <Text size="sm" c="dimmed">
              {desk.agent?.displayName} ·{' '}
              {desk.agent?.smsDelivery === 'email' ? 'SMS arrive by e-mail' : 'SMS arrive here'} · up to{' '}
              {desk.agent?.capacity} at once
            </Text>
          </Box>
          <Group gap="md" wrap="nowrap">
            <ConnectionBadge connection={desk.connection} />
            <Stack gap={4} align="flex-end">
              <SegmentedControl
                aria-label="Status"
                data-testid="status-switcher"
                value={state.status}
                color={AGENT_STATUS_COLORS[state.status]}
                onChange={(value) => void run('status', () => desk.setStatus(value as AgentStatus))}
                data={agentStatuses.map((status) => ({ value: status, label: AGENT_STATUS_LABELS[status] }))}
              />
              <Text size="xs" c="dimmed" data-testid="status-since">
                {AGENT_STATUS_LABELS[state.status]} for {durationSince(state.statusSince, now) || 'a moment'}
              </Text>
            </Stack>
          </Group>
        </Group>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title="Offers" count={state.offers.length} testId="offers">
          {state.offers.length === 0 ? (
            <Empty>
              {available
                ? 'No offers right now. New SMS appear here the moment they arrive.'
                : 'Set your status to Available to receive SMS.'}
            </Empty>
          ) : (
            state.offers.map((offer) => (
              <OfferCard key={offer.id} offer={offer} now={now}>
                <Group grow>
                  <Button
                    size="md"
                    color="teal"
                    leftSection={<Check size={18} />}
                    loading={busy === `accept-${offer.id}`}
                    onClick={() =>
                      void run(
                        `accept-${offer.id}`,
                        () => desk.act(offer.id, 'accept'),
                        'This offer is no longer yours: it expired or was withdrawn.',
                      )
                    }
                  >
                    Accept
                  </Button>
                  <Button
                    size="md"
                    variant="default"
                    leftSection={<X size={18} />}
                    loading={busy === `decline-${offer.id}`}
                    onClick={() => void run(`decline-${offer.id}`, () => desk.act(offer.id, 'decline'))}
                  >
                    Decline
                  </Button>
                </Group>
              </OfferCard>
            ))
          )}
        </Section>

        <Section title="In progress" count={state.accepted.length} testId="accepted">
          {state.accepted.length === 0 ? (
            <Empty>Accepted SMS stay here until you complete them.</Empty>
          ) : (
            state.accepted.map((held) => (
              <OfferCard key={held.id} offer={held} now={now}>
                <Button
                  size="md"
                  variant="light"
                  color="blue"
                  leftSection={<CheckCheck size={18} />}
                  loading={busy === `complete-${held.id}`}
                  onClick={() => void run(`complete-${held.id}`, () => desk.act(held.id, 'complete'))}
                >
                  Complete
                </Button>
              </OfferCard>
            ))
          )}
        </Section>
      </SimpleGrid>

      <Section title="Recent" count={state.history.length} testId="history">
        {state.history.length === 0 ? (
          <Empty>Completed, declined and expired SMS are listed here.</Empty>
        ) : (
          <Table verticalSpacing={6} fz="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Time</Table.Th>
                <Table.Th w={170}>From</Table.Th>
                <Table.Th w={220}>Subject</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th w={110}>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.history.map((item) => (
                <Table.Tr key={`${item.id}-${item.outcome}`}>
                  <Table.Td c="dimmed">{formatTime(item.finishedAt)}</Table.Td>
                  <Table.Td ff="monospace">{item.sms.sender}</Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={210}>
                      {item.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={420}>
                      {item.sms.message}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={OUTCOME_COLORS[item.outcome]}>
                      {item.outcome}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Stack>
  );
}

function OfferCard({ offer, now, children }: { offer: DeskMediaEvent; now: number; children: React.ReactNode }) {
  const total =
    offer.deadline && offer.offeredAt ? (Date.parse(offer.deadline) - Date.parse(offer.offeredAt)) / 1000 : 0;
  // Clocks differ a little between browser and server: never show more than the whole timeout.
  const left = Math.min(secondsLeft(offer, now), Math.round(total));
  return (
    <Card withBorder radius="md" padding="md" data-testid="media-event-card" data-media-event={offer.id}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={8} wrap="nowrap">
          <MessageSquare size={16} color="var(--mantine-color-blue-6)" />
          <Text fw={600} truncate maw={340}>
            {offer.subject}
          </Text>
        </Group>
        {offer.acdGroupName && (
          <Badge variant="light" color="gray">
            {offer.acdGroupName}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb={8}>
        <Text span ff="monospace">
          {offer.sms.sender}
        </Text>{' '}
        →{' '}
        <Text span ff="monospace">
          {offer.sms.receiver}
        </Text>{' '}
        · received {formatTime(offer.sms.receivedAt)}
      </Text>
      <Paper bg="gray.0" p="sm" radius="sm" mb="sm">
        <Text size="md" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="sms-text">
          {offer.sms.message}
        </Text>
      </Paper>
      {offer.state === 'offered' && offer.deadline && (
        <Group gap="xs" mb="sm" wrap="nowrap">
          <Progress
            value={total > 0 ? (left / total) * 100 : 0}
            color={left <= 5 ? 'red' : left <= 10 ? 'orange' : 'teal'}
            size="sm"
            style={{ flex: 1 }}
            aria-label="Time left to accept"
          />
          <Text size="xs" c={left <= 5 ? 'red' : 'dimmed'} w={70} ta="right" data-testid="countdown">
            {left} s left
          </Text>
        </Group>
      )}
      {children}
    </Card>
  );
}

function Section({
  title,
  count,
  testId,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Group gap={8} mb="sm">
        <Text fw={600}>{title}</Text>
        <Badge variant="light" color={count ? 'blue' : 'gray'} size="sm">
          {count}
        </Badge>
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <Group gap={8} c="dimmed" py="md" justify="center">
      <Inbox size={18} />
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function ConnectionBadge({ connection }: { connection: Connection }) {
  const live = connection === 'live';
  return (
    <Badge data-testid="connection" variant="dot" color={live ? 'teal' : 'orange'} size="lg">
      {live ? 'Live' : connection === 'connecting' ? 'Connecting …' : 'Reconnecting …'}
    </Badge>
  );
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
