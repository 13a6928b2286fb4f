import { Badge, Button, Group, Modal, ScrollArea, Stack, Table, TagsInput, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Eye, History } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/http';
import { keys, useVersions } from '../../api/queries';
import type { RoutingApplication, VersionListItem, VersionSummary } from '../../api/types';
import { formatShortDateTime } from '../../common/format';
import { EmptyState, ErrorAlert } from '../../common/page';
import { VersionDiff } from './version-diff';

export function VersionsPanel({
  application,
  viewing,
  onOpen,
}: {
  application: RoutingApplication;
  viewing: number | undefined;
  onOpen(version: VersionSummary): void;
}) {
  const { t } = useTranslation();
  const versions = useVersions(application.id);
  const queryClient = useQueryClient();
  const [senders, setSenders] = useState(application.testSenders);
  useEffect(() => setSenders(application.testSenders), [application.testSenders]);

  const update = useMutation({
    mutationFn: (body: Partial<Pick<RoutingApplication, 'activeVersionId' | 'testVersionId' | 'testSenders'>>) =>
      patch<RoutingApplication>(`/api/routing-applications/${application.id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.application(application.id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.applications(saved.clientId) });
    },
  });
  const active = versions.data?.find((version) => version.id === application.activeVersionId);
  const [confirming, setConfirming] = useState<VersionListItem | undefined>();
  const makeActive = (version: VersionListItem) =>
    update.mutate(
      { activeVersionId: version.id },
      {
        onSuccess: () => {
          setConfirming(undefined);
          notifications.show({
            color: 'teal',
            message: t('flowEditor.versions.activeNow', { number: version.number }),
          });
        },
      },
    );

  if (versions.isPending)
    return (
      <Text size="sm" c="dimmed" p="md">
        {t('flowEditor.versions.loading')}
      </Text>
    );
  return (
    <Stack gap={0} h="100%">
      <Group gap="xs" px="sm" py={6} wrap="nowrap" align="center" className="senders-row">
        <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {t('flowEditor.versions.testSenders')}
        </Text>
        <TagsInput
          size="xs"
          aria-label={t('flowEditor.versions.testSenders')}
          placeholder={t('flowEditor.versions.testSendersPlaceholder')}
          value={senders}
          onChange={setSenders}
          className="nokey"
          clearable
          style={{ flex: 1 }}
        />
        <Button
          size="xs"
          variant="light"
          disabled={senders.join(',') === application.testSenders.join(',')}
          loading={update.isPending && update.variables?.testSenders !== undefined}
          onClick={() =>
            update.mutate(
              { testSenders: senders },
              {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: t('flowEditor.versions.testSendersSaved') }),
              },
            )
          }
        >
          {t('flowEditor.versions.save')}
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <ErrorAlert error={versions.error ?? (confirming ? null : update.error)} />
        {versions.data?.length === 0 ? (
          <EmptyState icon={History} title={t('flowEditor.versions.nothingPublished')}>
            {t('flowEditor.versions.nothingPublishedText')}
          </EmptyState>
        ) : (
          <>
            <VersionDiff versions={versions.data ?? []} activeNumber={active?.number} />
            <Table fz="xs" verticalSpacing={5} highlightOnHover data-testid="versions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={64}>{t('flowEditor.versions.version')}</Table.Th>
                  <Table.Th>{t('flowEditor.versions.comment')}</Table.Th>
                  <Table.Th w={150}>{t('flowEditor.versions.published')}</Table.Th>
                  <Table.Th w={110}>{t('flowEditor.versions.pointers')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(versions.data ?? []).map((version) => {
                  const isActive = version.id === application.activeVersionId;
                  const isTest = version.id === application.testVersionId;
                  const older = active !== undefined && version.number < active.number;
                  const gone = version.missingAcdGroupIds.length > 0;
                  return (
                    <Table.Tr
                      key={version.id}
                      data-version={version.number}
                      bg={viewing === version.number ? 'blue.0' : undefined}
                    >
                      <Table.Td fw={600}>v{version.number}</Table.Td>
                      <Table.Td>
                        {version.comment || (
                          <Text span size="xs" c="dimmed">
                            {t('flowEditor.versions.noComment')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {formatShortDateTime(version.publishedAt)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {isActive && (
                            <Badge size="sm" color="teal">
                              {t('flowEditor.versions.active')}
                            </Badge>
                          )}
                          {isTest && (
                            <Badge size="sm" color="grape">
                              {t('flowEditor.versions.test')}
                            </Badge>
                          )}
                          {gone && (
                            <Tooltip label={t('flowEditor.versions.groupsGoneHint')} multiline w={300}>
                              <Badge
                                size="sm"
                                color="red"
                                variant="light"
                                data-testid={`groups-gone-${version.number}`}
                              >
                                {t('flowEditor.versions.groupsGone')}
                              </Badge>
                            </Tooltip>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            leftSection={<Eye size={12} />}
                            onClick={() => onOpen(version)}
                          >
                            {t('flowEditor.versions.open')}
                          </Button>
                          {!isActive && (
                            <Tooltip
                              label={
                                gone
                                  ? t('flowEditor.versions.groupsGoneHint')
                                  : older
                                    ? t('flowEditor.versions.rollBackHint')
                                    : t('flowEditor.versions.makeActiveHint')
                              }
                              multiline
                              w={gone ? 300 : undefined}
                            >
                              <Button
                                size="compact-xs"
                                variant="light"
                                color={older ? 'orange' : 'teal'}
                                disabled={gone}
                                onClick={() => setConfirming(version)}
                              >
                                {older ? t('flowEditor.versions.rollBack') : t('flowEditor.versions.makeActive')}
                              </Button>
                            </Tooltip>
                          )}
                          {isTest ? (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              onClick={() => update.mutate({ testVersionId: null })}
                            >
                              {t('flowEditor.versions.stopTesting')}
                            </Button>
                          ) : (
                            <Tooltip label={t('flowEditor.versions.setAsTestHint')}>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="grape"
                                disabled={gone}
                                onClick={() => update.mutate({ testVersionId: version.id })}
                              >
                                {t('flowEditor.versions.setAsTest')}
                              </Button>
                            </Tooltip>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
      </ScrollArea>
      {confirming && (
        <ConfirmActivation
          version={confirming}
          current={active}
          pending={update.isPending}
          error={update.error}
          onCancel={() => {
            update.reset();
            setConfirming(undefined);
          }}
          onConfirm={() => makeActive(confirming)}
        />
      )}
    </Stack>
  );
}

/** "Make version 3 active?": what changes for the traffic, before it does. */
function ConfirmActivation({
  version,
  current,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  version: VersionListItem;
  current: VersionListItem | undefined;
  pending: boolean;
  error: unknown;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation();
  const older = current !== undefined && version.number < current.number;
  const number = version.number;
  return (
    <Modal
      opened
      onClose={onCancel}
      centered
      title={
        <Text fw={600}>
          {older
            ? t('flowEditor.versions.confirmRollBackTitle', { number })
            : t('flowEditor.versions.confirmActiveTitle', { number })}
        </Text>
      }
    >
      <Stack>
        <ErrorAlert error={error} />
        <Text size="sm">
          {current
            ? t('flowEditor.versions.confirmText', { number, current: current.number })
            : t('flowEditor.versions.confirmTextFirst', { number })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('flowEditor.versions.cancel')}
          </Button>
          <Button
            color={older ? 'orange' : 'teal'}
            loading={pending}
            onClick={onConfirm}
            data-testid="confirm-activate"
          >
            {older
              ? t('flowEditor.versions.confirmRollBack', { number })
              : t('flowEditor.versions.confirmActive', { number })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
