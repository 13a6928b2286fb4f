import { Badge, Button, Group, ScrollArea, Stack, Table, TagsInput, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Eye, History } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/http';
import { keys, useVersions } from '../../api/queries';
import type { RoutingApplication, VersionSummary } from '../../api/types';
import { formatShortDateTime } from '../../common/format';
import { EmptyState, ErrorAlert } from '../../common/page';

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
        <ErrorAlert error={versions.error ?? update.error} />
        {versions.data?.length === 0 ? (
          <EmptyState icon={History} title={t('flowEditor.versions.nothingPublished')}>
            {t('flowEditor.versions.nothingPublishedText')}
          </EmptyState>
        ) : (
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
                              older ? t('flowEditor.versions.rollBackHint') : t('flowEditor.versions.makeActiveHint')
                            }
                          >
                            <Button
                              size="compact-xs"
                              variant="light"
                              color={older ? 'orange' : 'teal'}
                              loading={update.isPending && update.variables?.activeVersionId === version.id}
                              onClick={() =>
                                update.mutate(
                                  { activeVersionId: version.id },
                                  {
                                    onSuccess: () =>
                                      notifications.show({
                                        color: 'teal',
                                        message: t('flowEditor.versions.activeNow', { number: version.number }),
                                      }),
                                  },
                                )
                              }
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
        )}
      </ScrollArea>
    </Stack>
  );
}
