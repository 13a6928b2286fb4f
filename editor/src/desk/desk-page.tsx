import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Check, Clock, Headset, Inbox, MessageSquare, WifiOff, X } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../i18n/setup-i18n';
import type { AgentStatus, DeskMediaEvent } from '../../../contract/desk';
import { ApiError } from '../api/http';
import { formatTime } from '../common/format';
import { EmptyState, ErrorAlert } from '../common/page';
import { useNow } from '../common/use-now';
import { useSession } from '../shell/session';
import { AGENT_STATUS_COLORS, agentStatusLabel, chosenAgentStatuses, durationSince } from './agent-status-labels';
import { ConversationThread } from './conversation-thread';
import { DeskLinkNotice } from './desk-link-notice';
import { secondsLeft, type DeskAction, type HistoryItem } from './desk-state';
import { HeldActions } from './held-actions';
import { HeldByEmailCard } from './held-by-email-card';
import { TransferNote } from './transfer-note';
import { NotRespondingNotice } from './not-responding-notice';
import { PauseReasonSelect } from './pause-reason-select';
import { OfferAlertsSwitch, useOfferAlerts, useOfferAlertsSetting } from './offer-alerts';
import { useDesk, type Connection } from './use-desk';
import { useDeskLink } from './use-desk-link';

const OUTCOME_COLORS: Record<HistoryItem['outcome'], string> = {
  completed: 'teal',
  delivered: 'blue',
  declined: 'gray',
  expired: 'orange',
  withdrawn: 'gray',
  failed: 'red',
  transferred: 'violet',
};

/** A lost stream is shown as a banner only once it is clearly not a blip. */
const LOST_BANNER_AFTER_MS = 5000;

/** The agent desk: status, live offers with their deadline, work in hand, recent history. */
export function DeskPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (me.role !== 'agent') {
    return (
      <EmptyState icon={Headset} title={t('desk.forAgentsOnly')}>
        {t('desk.forAgentsOnlyText')}
      </EmptyState>
    );
  }
  return <AgentDesk />;
}

function AgentDesk() {
  const { t } = useTranslation();
  const desk = useDesk();
  const now = useNow(1000);
  const [busy, setBusy] = useState<string>();
  useOfferCountInTitle(desk.state?.offers.length ?? 0);
  const [alertsOn, setAlertsOn] = useOfferAlertsSetting();
  useOfferAlerts(desk.state?.offers, alertsOn);
  const link = useDeskLink(desk.state);
  const found = link.outcome && 'found' in link.outcome ? link.outcome.found : undefined;
  const linked = found && 'mediaEventId' in found ? found : undefined;
  const linkedHeld = found && 'heldConversationId' in found ? found.heldConversationId : undefined;

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
  const act = (event: DeskMediaEvent, action: Exclude<DeskAction, 'transfer'>, conflictMessage?: string) =>
    void run(`${action}-${event.id}`, () => desk.act(event.id, action), conflictMessage);

  if (!desk.state) {
    return (
      <Stack gap="md" aria-busy="true">
        <ErrorAlert error={desk.error} title={t('desk.notLoaded')} onRetry={desk.reload} />
        <Skeleton height={76} radius="md" />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <Skeleton height={260} radius="md" />
          <Skeleton height={260} radius="md" />
        </SimpleGrid>
        <Skeleton height={120} radius="md" />
      </Stack>
    );
  }
  const { state } = desk;
  const available = state.status === 'available';
  const lostLong = desk.lostAt !== undefined && now - desk.lostAt >= LOST_BANNER_AFTER_MS;

  return (
    <Stack gap="md" data-testid="agent-desk">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" wrap="nowrap" align="center">
          <Box>
            <Title order={2} fz={22} fw={600}>
              {t('desk.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {desk.agent?.displayName} · {desk.agent?.smsDelivery === 'email' ? t('desk.byEmail') : t('desk.here')} ·{' '}
              {t('desk.upTo', { count: desk.agent?.capacity ?? 1 })}
            </Text>
          </Box>
          <Group gap="md" wrap="nowrap" align="flex-start">
            <OfferAlertsSwitch on={alertsOn} onChange={setAlertsOn} />
            <ConnectionBadge connection={desk.connection} />
            <Stack gap={4} align="flex-end">
              <SegmentedControl
                aria-label={t('desk.status')}
                data-testid="status-switcher"
                value={state.status}
                color={AGENT_STATUS_COLORS[state.status]}
                disabled={busy === 'status'}
                onChange={(value) => void run('status', () => desk.setStatus(value as AgentStatus))}
                data={chosenAgentStatuses.map((status) => ({
                  value: status,
                  label: <StatusLabel status={status} active={status === state.status} />,
                }))}
              />
              {state.status === 'pause' && (
                <PauseReasonSelect
                  current={state.pauseReason}
                  disabled={busy === 'status'}
                  onChoose={(id) => void run('status', () => desk.setStatus('pause', id))}
                />
              )}
              <Text size="xs" c="dimmed" data-testid="status-since">
                {t('desk.statusFor', {
                  status:
                    state.status === 'pause' && state.pauseReason
                      ? t('pauseReasons.desk.paused', { reason: state.pauseReason })
                      : agentStatusLabel(state.status),
                  duration: durationSince(state.statusSince, now) || t('desk.aMoment'),
                })}
                {state.statusSince && t('desk.since', { time: formatTime(state.statusSince) })}
              </Text>
            </Stack>
          </Group>
        </Group>
      </Paper>

      <NotRespondingNotice
        status={state.status}
        busy={busy === 'status'}
        onAvailable={() => void run('status', () => desk.setStatus('available'))}
      />

      {link.outcome && 'missing' in link.outcome && (
        <DeskLinkNotice kind={link.outcome.missing} onDismiss={link.dismiss} />
      )}

      {lostLong && (
        <Alert
          color="orange"
          variant="light"
          icon={<WifiOff size={18} />}
          title={t('desk.connectionLost')}
          data-testid="connection-lost"
        >
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('desk.lostSince', { time: formatTime(new Date(desk.lostAt!).toISOString()) })}</Text>
            <Button size="xs" variant="white" color="orange" onClick={desk.reload}>
              {t('desk.reconnectNow')}
            </Button>
          </Group>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section
          title={t('desk.offers')}
          count={state.offers.length}
          testId="offers"
          highlight={state.offers.length > 0}
        >
          {state.offers.length === 0 ? (
            <Empty>{available ? t('desk.noOffers') : t('desk.setAvailable')}</Empty>
          ) : (
            state.offers.map((offer) => (
              <MediaEventCard key={offer.id} event={offer} now={now} linked={linked?.mediaEventId === offer.id}>
                <Group grow>
                  <Button
                    size="md"
                    color="teal"
                    leftSection={<Check size={18} />}
                    loading={busy === `accept-${offer.id}`}
                    disabled={busy !== undefined && busy !== `accept-${offer.id}`}
                    onClick={() => act(offer, 'accept', t('desk.noLongerYours'))}
                  >
                    {t('desk.accept')}
                  </Button>
                  <Button
                    size="md"
                    variant="default"
                    leftSection={<X size={18} />}
                    loading={busy === `decline-${offer.id}`}
                    disabled={busy !== undefined && busy !== `decline-${offer.id}`}
                    onClick={() => act(offer, 'decline', t('desk.alreadyExpired'))}
                  >
                    {t('desk.decline')}
                  </Button>
                </Group>
              </MediaEventCard>
            ))
          )}
        </Section>

        <Section title={t('desk.inProgress')} count={state.accepted.length} testId="accepted">
          {state.accepted.length === 0 ? (
            <Empty>{t('desk.acceptedStay')}</Empty>
          ) : (
            state.accepted.map((held) => (
              <MediaEventCard key={held.id} event={held} now={now} linked={linked?.mediaEventId === held.id}>
                {held.conversationId && (
                  <ConversationThread
                    conversationId={held.conversationId}
                    groupName={held.acdGroupName}
                    focusReply={linked?.mediaEventId === held.id && linked.focusReply}
                  />
                )}
                <HeldActions
                  event={held}
                  selfId={desk.agent?.id}
                  completing={busy === `complete-${held.id}`}
                  completeNow={() => act(held, 'complete')}
                  completeWith={(wrapUpCodeId) => desk.act(held.id, 'complete', { wrapUpCodeId })}
                  onTransferred={(result, target) => {
                    desk.settle('transfer', result.mediaEvent);
                    notifications.show({ color: 'teal', message: t('desk.transfer.done', { target }) });
                  }}
                />
              </MediaEventCard>
            ))
          )}
        </Section>
      </SimpleGrid>

      {(state.heldByEmail.length > 0 || desk.agent?.smsDelivery === 'email') && (
        <Section title={t('deskEmail.title')} count={state.heldByEmail.length} testId="held-by-email">
          <Text size="sm" c="dimmed" mt={-6}>
            {t('deskEmail.intro')}
          </Text>
          {state.heldByEmail.length === 0 ? (
            <Empty>{t('deskEmail.empty')}</Empty>
          ) : (
            state.heldByEmail.map((held) => (
              <HeldByEmailCard
                key={held.id}
                conversation={held}
                linked={linkedHeld === held.id}
                closing={busy === `close-${held.id}`}
                closeNow={() =>
                  void run(`close-${held.id}`, async () => {
                    await desk.closeHeld(held.id);
                    notifications.show({
                      color: 'teal',
                      message: t('deskEmail.closed', { customer: held.customerNumber }),
                    });
                  })
                }
                closeWith={async (wrapUpCodeId) => {
                  await desk.closeHeld(held.id, wrapUpCodeId);
                  notifications.show({
                    color: 'teal',
                    message: t('deskEmail.closed', { customer: held.customerNumber }),
                  });
                }}
              />
            ))
          )}
        </Section>
      )}

      <Section title={t('desk.recent')} count={state.history.length} testId="history">
        {state.history.length === 0 ? (
          <Empty>{t('desk.recentEmpty')}</Empty>
        ) : (
          <Table verticalSpacing={6} fz="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>{t('desk.time')}</Table.Th>
                <Table.Th w={170}>{t('desk.from')}</Table.Th>
                <Table.Th w={220}>{t('desk.subject')}</Table.Th>
                <Table.Th>{t('desk.message')}</Table.Th>
                <Table.Th w={130}>{t('desk.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {state.history.map((item) => (
                <Table.Tr key={`${item.id}-${item.outcome}-${item.finishedAt}`}>
                  <Table.Td c="dimmed">{formatTime(item.finishedAt)}</Table.Td>
                  <Table.Td ff="monospace">{item.sms.sender}</Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={210}>
                      {item.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate maw={520} title={item.sms.message}>
                      {item.sms.message}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={OUTCOME_COLORS[item.outcome]}>
                      {t(`desk.outcomes.${item.outcome}`)}
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

function StatusLabel({ status, active }: { status: AgentStatus; active: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" justify="center">
      {!active && (
        <Box
          w={8}
          h={8}
          style={{ borderRadius: '50%', background: `var(--mantine-color-${AGENT_STATUS_COLORS[status]}-6)` }}
        />
      )}
      <span>{agentStatusLabel(status)}</span>
    </Group>
  );
}

function MediaEventCard({
  event,
  now,
  linked = false,
  children,
}: {
  event: DeskMediaEvent;
  now: number;
  /** The card an e-mail's link opened: scrolled to and briefly highlighted. */
  linked?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const offered = event.state === 'offered';
  const card = useRef<HTMLDivElement>(null);
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
      data-testid="media-event-card"
      data-media-event={event.id}
      data-linked={linked || undefined}
    >
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={8} wrap="nowrap" miw={0}>
          <MessageSquare size={16} color="var(--mantine-color-blue-6)" style={{ flexShrink: 0 }} />
          <Text fw={600} truncate>
            {event.subject}
          </Text>
          {event.priority > 0 && (
            <Badge size="sm" color="red" variant="light">
              {t('desk.priority', { priority: event.priority })}
            </Badge>
          )}
        </Group>
        {event.acdGroupName && (
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {event.acdGroupName}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb={8}>
        <Text span ff="monospace" c="dark.6">
          {event.sms.sender}
        </Text>{' '}
        →{' '}
        <Text span ff="monospace">
          {event.sms.receiver}
        </Text>{' '}
        {t('desk.received', { time: formatTime(event.sms.receivedAt) })}
      </Text>
      <Paper bg="gray.0" p="sm" radius="sm" mb="sm">
        <Text size="md" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="sms-text">
          {event.sms.message}
        </Text>
      </Paper>
      {event.transfer && <TransferNote transfer={event.transfer} />}
      {offered && event.deadline && <Countdown offer={event} now={now} />}
      {event.state === 'accepted' && event.acceptedAt && (
        <Group gap={6} mb="sm" c="dimmed" wrap="nowrap">
          <Clock size={14} style={{ flexShrink: 0 }} />
          <Text size="xs">
            {t('desk.acceptedAt', {
              time: formatTime(event.acceptedAt),
              duration: durationSince(event.acceptedAt, now),
            })}
          </Text>
        </Group>
      )}
      {children}
    </Card>
  );
}

function Countdown({ offer, now }: { offer: DeskMediaEvent; now: number }) {
  const { t } = useTranslation();
  const total =
    offer.deadline && offer.offeredAt ? (Date.parse(offer.deadline) - Date.parse(offer.offeredAt)) / 1000 : 0;
  // Clocks differ a little between browser and server: never show more than the whole timeout.
  const left = Math.min(secondsLeft(offer, now), Math.round(total));
  const color = left <= 5 ? 'red' : left <= 10 ? 'orange' : 'teal';
  return (
    <Group gap="xs" mb="sm" wrap="nowrap">
      <Progress
        value={total > 0 ? (left / total) * 100 : 0}
        color={color}
        size="sm"
        style={{ flex: 1 }}
        aria-label={t('desk.timeLeft')}
        transitionDuration={900}
      />
      <Text
        size="xs"
        fw={left <= 10 ? 600 : 400}
        c={left <= 10 ? color : 'dimmed'}
        w={80}
        ta="right"
        data-testid="countdown"
      >
        {left > 0 ? t('desk.secondsLeft', { count: left }) : t('desk.timeIsUp')}
      </Text>
    </Group>
  );
}

function Section({
  title,
  count,
  testId,
  highlight = false,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  highlight?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid={testId}
      style={highlight ? { borderColor: 'var(--mantine-color-teal-4)' } : undefined}
    >
      <Group gap={8} mb="sm">
        <Text fw={600}>{title}</Text>
        <Badge variant={highlight ? 'filled' : 'light'} color={highlight ? 'teal' : count ? 'blue' : 'gray'} size="sm">
          {count}
        </Badge>
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Group gap={8} c="dimmed" py="md" justify="center" wrap="nowrap">
      <Inbox size={18} style={{ flexShrink: 0 }} />
      <Text size="sm">{children}</Text>
    </Group>
  );
}

function ConnectionBadge({ connection }: { connection: Connection }) {
  const live = connection === 'live';
  const { t } = useTranslation();
  return (
    <Badge
      data-testid="connection"
      variant="dot"
      color={live ? 'teal' : 'orange'}
      size="lg"
      mt={4}
      title={live ? t('desk.liveTitle') : t('desk.reconnectingTitle')}
    >
      {live ? t('desk.live') : connection === 'connecting' ? t('desk.connecting') : t('desk.reconnecting')}
    </Badge>
  );
}

/** "(2) New SMS" in the tab title while offers wait, so a desk in a background tab is noticed. */
function useOfferCountInTitle(offers: number) {
  useEffect(() => {
    const before = document.title;
    document.title = offers > 0 ? translate('desk.tabNew', { count: offers }) : translate('desk.tab');
    return () => {
      document.title = before;
    };
  }, [offers]);
}
