import { Badge, Box, Button, Code, Drawer, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { Ban } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { Link } from 'react-router';
import { migrateDefinition } from '../../../workflows';
import { fetchVersion, keys, post, useApiMutation, useSms } from '../api/queries';
import { get, type Page } from '../api/http';
import type { AcdGroup, Connector, Execution, RoutingApplication, VersionSummary } from '../api/types';
import { formatDateTime } from '../common/format';
import { ErrorAlert } from '../common/page';
import { statusLabel } from '../i18n/status-label';
import { createEditorStore, EditorStoreContext, highlightOf } from '../routing/flow-editor/editor-store';
import { FlowCanvas } from '../routing/flow-editor/flow-canvas';
import { OutcomeAlert, TraceTable } from '../routing/flow-editor/run-result';
import { HandlingTimeline } from './handling-timeline';
import { STATUS_COLORS } from './status-colors';

export function SmsDetail({
  smsId,
  groups,
  connectors,
  onClose,
}: {
  smsId: string;
  groups: AcdGroup[];
  connectors: Connector[];
  onClose(): void;
}) {
  const sms = useSms(smsId);
  const { t } = useTranslation();
  const cancel = useApiMutation(
    (mediaEventId: string) => post(`/api/media-events/${mediaEventId}/cancel`, {}),
    [keys.smsOne(smsId), ['sms'], keys.auditLog],
  );
  const confirmCancel = useConfirm(
    cancel,
    (mediaEventId: string) => mediaEventId,
    () => notifications.show({ color: 'teal', message: t('traffic.detail.cancelled') }),
  );
  const mediaEvent = sms.data?.mediaEvent;
  const cancellable = mediaEvent?.state === 'queued' || mediaEvent?.state === 'offered';
  const groupName = (id: string | null) => groups.find((group) => group.id === id)?.name ?? id ?? '—';
  const connector = connectors.find((candidate) => candidate.id === sms.data?.connectorId);
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={960}
      title={<Text fw={600}>{t('traffic.detail.title')}</Text>}
      data-testid="sms-detail"
    >
      <ErrorAlert error={sms.error} title={t('traffic.detail.notLoaded')} onRetry={() => void sms.refetch()} />
      {sms.isPending && <Skeleton height={160} />}
      {sms.data && (
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="md">
            <Paper withBorder p="md" radius="md" h="100%">
              <Group justify="space-between" mb="sm">
                <Text fw={600} size="sm">
                  <Trans
                    i18nKey="traffic.detail.fromTo"
                    components={{
                      sender: <span className="mono">{sms.data.sender}</span>,
                      receiver: <span className="mono">{sms.data.receiver}</span>,
                    }}
                  />
                </Text>
                <Badge variant="light" color={STATUS_COLORS[sms.data.status]} size="lg">
                  {t(`status.sms.${sms.data.status}`)}
                </Badge>
              </Group>
              <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }} className="sms-text" data-testid="sms-text">
                {sms.data.message || t('traffic.detail.emptyText')}
              </Text>
              <SimpleGrid cols={2} spacing="xs">
                <Field label={t('traffic.received')}>{formatDateTime(sms.data.receivedAt)}</Field>
                <Field label={t('traffic.connector')}>{connector ? `${connector.name}` : sms.data.connectorId}</Field>
                <Field label={t('traffic.detail.keyword')}>{sms.data.keyword ?? '—'}</Field>
                <Field label={t('traffic.detail.providerMessageId')}>{sms.data.messageId ?? '—'}</Field>
                {sms.data.parts && (
                  <Field label={t('traffic.detail.parts')}>
                    {t(
                      sms.data.parts.received < sms.data.parts.total
                        ? 'traffic.detail.partsIncomplete'
                        : 'traffic.detail.partsArrived',
                      sms.data.parts,
                    )}
                  </Field>
                )}
                <Field label={t('traffic.detail.smsId')}>
                  <Code fz={11}>{sms.data.id}</Code>
                </Field>
                {sms.data.conversationId && (
                  <Field label={t('traffic.detail.conversation')}>
                    <Link to={`/traffic/conversations/${sms.data.conversationId}`} data-testid="sms-conversation-link">
                      {t('traffic.detail.openConversation')}
                    </Link>
                  </Field>
                )}
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" radius="md" h="100%">
              <Group justify="space-between" mb="xs">
                <Text fw={600} size="sm">
                  {t('traffic.detail.mediaEvent')}
                </Text>
                {cancellable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    leftSection={<Ban size={13} />}
                    onClick={() => mediaEvent && confirmCancel.ask(mediaEvent.id)}
                  >
                    {t('common.cancel')}
                  </Button>
                )}
              </Group>
              {sms.data.mediaEvent ? (
                <SimpleGrid cols={2} spacing="xs" data-testid="media-event">
                  <Field label={t('traffic.acdGroup')}>{groupName(sms.data.mediaEvent.acdGroupId)}</Field>
                  <Field label={t('traffic.detail.subject')}>{sms.data.mediaEvent.subject || '—'}</Field>
                  <Field label={t('traffic.detail.priority')}>{sms.data.mediaEvent.priority}</Field>
                  <Field label={t('traffic.detail.state')}>
                    <Badge variant="light">{statusLabel('mediaEvent', sms.data.mediaEvent.state)}</Badge>
                  </Field>
                  <Field label={t('traffic.detail.created')}>{formatDateTime(sms.data.mediaEvent.createdAt)}</Field>
                </SimpleGrid>
              ) : (
                <Text size="sm" c="dimmed">
                  {sms.data.status === 'received' ? t('traffic.detail.notRoutedYet') : t('traffic.detail.noMediaEvent')}
                </Text>
              )}
            </Paper>
          </SimpleGrid>
          {sms.data.mediaEvent && (
            <Paper withBorder p="md" radius="md" data-testid="handling">
              <Text fw={600} size="sm" mb="sm">
                {t('traffic.detail.handling')}
              </Text>
              <HandlingTimeline steps={sms.data.handling} />
            </Paper>
          )}
          {sms.data.execution && (
            <ExecutionView
              execution={sms.data.execution}
              groupName={groupName}
              groupIds={groups.map((group) => group.id)}
            />
          )}
        </Stack>
      )}
      <ConfirmModal
        {...confirmCancel.props}
        title={t('traffic.detail.cancelTitle')}
        confirmLabel={t('traffic.detail.cancelConfirm')}
        cancelLabel={t('traffic.detail.keepSms')}
      >
        {mediaEvent?.state === 'offered' ? t('traffic.detail.cancelTextOffered') : t('traffic.detail.cancelText')}
      </ConfirmModal>
    </Drawer>
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

/** The run drawn on the graph of the version it ran. */
function ExecutionView({
  execution,
  groupName,
  groupIds,
}: {
  execution: Execution;
  groupName(id: string): string;
  groupIds: string[];
}) {
  const { routingApplicationId: applicationId, versionId } = execution;
  // An SMS written off before a version ran it (or whose application is gone) has no path to draw.
  const ranVersion = applicationId !== null && versionId !== null;
  const { t } = useTranslation();
  const version = useQuery({
    queryKey: ['execution-version', applicationId, versionId],
    queryFn: async () => {
      const [application, versions] = await Promise.all([
        get<RoutingApplication>(`/api/routing-applications/${applicationId}`),
        get<Page<VersionSummary>>(`/api/routing-applications/${applicationId}/versions`),
      ]);
      const summary = versions.items.find((item) => item.id === versionId);
      if (!summary) throw new Error(t('traffic.detail.versionGone'));
      return { application, version: await fetchVersion(applicationId!, summary.number) };
    },
    enabled: ranVersion,
    staleTime: Infinity,
  });
  const store = useMemo(() => {
    if (!version.data) return undefined;
    const store = createEditorStore(migrateDefinition(version.data.version.graph), {
      readOnly: true,
      acdGroupIds: new Set(groupIds),
    });
    store.getState().setHighlight(highlightOf(execution.trace ?? [], store.getState().edges));
    return store;
  }, [version.data, execution.trace]);

  return (
    <Paper withBorder p="md" radius="md" data-testid="execution">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('traffic.detail.run')}
          {version.data && (
            <Text span c="dimmed" fw={400} size="sm">
              {' '}
              · <Link to={`/routing-applications/${version.data.application.id}`}>
                {version.data.application.name}
              </Link>{' '}
              v{version.data.version.number}
            </Text>
          )}
        </Text>
        <Badge
          variant="light"
          color={execution.status === 'failed' ? 'red' : execution.status === 'completed' ? 'teal' : 'blue'}
        >
          {statusLabel('execution', execution.status)}
        </Badge>
      </Group>
      <OutcomeAlert outcome={execution.outcome} groupName={groupName} />
      <ErrorAlert error={version.error} title={t('traffic.detail.graphNotLoaded')} />
      {!ranVersion && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="no-run-path">
          {t('traffic.detail.noPath')}
        </Text>
      )}
      {version.isLoading && <Skeleton height={360} mt="sm" />}
      {store && (
        <EditorStoreContext.Provider value={store}>
          <ReactFlowProvider>
            <Box h={380} mt="sm" className="run-canvas" data-testid="run-canvas">
              <FlowCanvas fitPadding={0.12} minimap={false} />
            </Box>
            <Box mt="sm">
              <TraceTable trace={execution.trace ?? []} />
            </Box>
          </ReactFlowProvider>
        </EditorStoreContext.Provider>
      )}
    </Paper>
  );
}
