import { Badge, Button, Group, ScrollArea, Stack, Table, TagsInput, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Eye, History } from 'lucide-react';
import { useEffect, useState } from 'react';
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
        Loading versions …
      </Text>
    );
  return (
    <Stack gap={0} h="100%">
      <Group gap="xs" px="sm" py={6} wrap="nowrap" align="center" className="senders-row">
        <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
          Test senders
        </Text>
        <TagsInput
          size="xs"
          aria-label="Test senders"
          placeholder="SMS from these numbers run the test version: +491701234567, then Enter"
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
              { onSuccess: () => notifications.show({ color: 'teal', message: 'Test senders saved' }) },
            )
          }
        >
          Save
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <ErrorAlert error={versions.error ?? update.error} />
        {versions.data?.length === 0 ? (
          <EmptyState icon={History} title="Nothing published yet">
            Publish the draft to make version 1. The first version becomes active at once.
          </EmptyState>
        ) : (
          <Table fz="xs" verticalSpacing={5} highlightOnHover data-testid="versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={64}>Version</Table.Th>
                <Table.Th>Comment</Table.Th>
                <Table.Th w={150}>Published</Table.Th>
                <Table.Th w={110}>Pointers</Table.Th>
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
                          No comment
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
                            Active
                          </Badge>
                        )}
                        {isTest && (
                          <Badge size="sm" color="grape">
                            Test
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
                          Open
                        </Button>
                        {!isActive && (
                          <Tooltip
                            label={
                              older
                                ? 'All traffic runs this older version again'
                                : 'All traffic runs this version from now on'
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
                                        message: `Version ${version.number} is active now`,
                                      }),
                                  },
                                )
                              }
                            >
                              {older ? 'Roll back to this' : 'Make active'}
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
                            Stop testing
                          </Button>
                        ) : (
                          <Tooltip label="SMS from the test senders run this version">
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="grape"
                              onClick={() => update.mutate({ testVersionId: version.id })}
                            >
                              Set as test
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
