import { Badge, Box, Button, Code, Drawer, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { Ban } from 'lucide-react';
import { ConfirmModal } from '../common/confirm';
import { Link } from 'react-router';
import { migrateDefinition } from '../../../workflows';
import { fetchVersion, keys, post, useApiMutation, useSms } from '../api/queries';
import { get, type Page } from '../api/http';
import type { AcdGroup, Connector, Execution, RoutingApplication, VersionSummary } from '../api/types';
import { formatDateTime } from '../common/format';
import { ErrorAlert } from '../common/page';
import { createEditorStore, EditorStoreContext, highlightOf } from '../routing/flow-editor/editor-store';
import { FlowCanvas } from '../routing/flow-editor/flow-canvas';
import { OutcomeAlert, TraceTable } from '../routing/flow-editor/run-result';
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
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const cancel = useApiMutation(
    (mediaEventId: string) => post(`/api/media-events/${mediaEventId}/cancel`, {}),
    [keys.smsOne(smsId), ['sms'], keys.auditLog],
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
      title={<Text fw={600}>Inbound SMS</Text>}
      data-testid="sms-detail"
    >
      <ErrorAlert error={sms.error} title="This SMS could not be loaded" onRetry={() => void sms.refetch()} />
      {sms.isPending && <Skeleton height={160} />}
      {sms.data && (
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="md">
            <Paper withBorder p="md" radius="md" h="100%">
              <Group justify="space-between" mb="sm">
                <Text fw={600} size="sm">
                  From <span className="mono">{sms.data.sender}</span> to{' '}
                  <span className="mono">{sms.data.receiver}</span>
                </Text>
                <Badge variant="light" color={STATUS_COLORS[sms.data.status]} size="lg">
                  {sms.data.status}
                </Badge>
              </Group>
              <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }} className="sms-text" data-testid="sms-text">
                {sms.data.message || '(empty text)'}
              </Text>
              <SimpleGrid cols={2} spacing="xs">
                <Field label="Received">{formatDateTime(sms.data.receivedAt)}</Field>
                <Field label="Connector">{connector ? `${connector.name}` : sms.data.connectorId}</Field>
                <Field label="Keyword">{sms.data.keyword ?? '—'}</Field>
                <Field label="Provider message id">{sms.data.messageId ?? '—'}</Field>
                <Field label="SMS id">
                  <Code fz={11}>{sms.data.id}</Code>
                </Field>
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" radius="md" h="100%">
              <Group justify="space-between" mb="xs">
                <Text fw={600} size="sm">
                  Media event
                </Text>
                {cancellable && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    leftSection={<Ban size={13} />}
                    onClick={() => setConfirmingCancel(true)}
                  >
                    Cancel
                  </Button>
                )}
              </Group>
              {sms.data.mediaEvent ? (
                <SimpleGrid cols={2} spacing="xs" data-testid="media-event">
                  <Field label="ACD group">{groupName(sms.data.mediaEvent.acdGroupId)}</Field>
                  <Field label="Subject">{sms.data.mediaEvent.subject || '—'}</Field>
                  <Field label="Priority">{sms.data.mediaEvent.priority}</Field>
                  <Field label="State">
                    <Badge variant="light">{sms.data.mediaEvent.state}</Badge>
                  </Field>
                  <Field label="Created">{formatDateTime(sms.data.mediaEvent.createdAt)}</Field>
                </SimpleGrid>
              ) : (
                <Text size="sm" c="dimmed">
                  {sms.data.status === 'received' ? 'Not routed yet.' : 'This SMS did not create a media event.'}
                </Text>
              )}
            </Paper>
          </SimpleGrid>
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
        opened={confirmingCancel}
        title="Cancel this SMS"
        confirmLabel="Cancel SMS"
        loading={cancel.isPending}
        error={cancel.error}
        onClose={() => {
          cancel.reset();
          setConfirmingCancel(false);
        }}
        onConfirm={() =>
          mediaEvent &&
          cancel.mutate(mediaEvent.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: 'The SMS was cancelled' });
              setConfirmingCancel(false);
            },
          })
        }
      >
        Nobody will be offered it any more
        {mediaEvent?.state === 'offered' ? '; the agent it is offered to sees it taken back' : ''}. Use this for spam or
        duplicates: the customer gets no answer through Switchboard.
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
  const version = useQuery({
    queryKey: ['execution-version', applicationId, versionId],
    queryFn: async () => {
      const [application, versions] = await Promise.all([
        get<RoutingApplication>(`/api/routing-applications/${applicationId}`),
        get<Page<VersionSummary>>(`/api/routing-applications/${applicationId}/versions`),
      ]);
      const summary = versions.items.find((item) => item.id === versionId);
      if (!summary) throw new Error('The version this SMS ran is no longer listed.');
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
          Routing application run
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
          {execution.status}
        </Badge>
      </Group>
      <OutcomeAlert outcome={execution.outcome} groupName={groupName} />
      <ErrorAlert error={version.error} title="The graph of this run could not be loaded" />
      {!ranVersion && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="no-run-path">
          No path to show: no run of a version was recorded for this SMS.
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
