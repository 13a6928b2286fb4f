import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Plus, Workflow } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keys, post, useAcdGroups, useApiMutation, useApplications, useConnectors } from '../api/queries';
import type { RoutingApplication } from '../api/types';
import { DataTable } from '../common/data-table';
import { formatDateTime, nameOf } from '../common/format';
import { EmptyState, ErrorAlert, fieldError, formError, PageHeader, TableSkeleton } from '../common/page';
import { SortableTh, useSorted } from '../common/sorting';
import { RequireClient } from '../shell/require-client';

export function ApplicationsPage() {
  return <RequireClient>{(clientId) => <Applications clientId={clientId} />}</RequireClient>;
}

function Applications({ clientId }: { clientId: string }) {
  const applications = useApplications(clientId);
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { sorted, sort, toggle } = useSorted(
    applications.data,
    {
      name: (application) => application.name,
      status: (application) => (application.activeVersionId ? 0 : 1),
      updated: (application) => application.updatedAt,
    },
    { key: 'name', direction: 'asc' },
  );
  return (
    <>
      <PageHeader
        title="Routing applications"
        description="Workflows that decide where an SMS goes: by keyword, sender, business hours, a CRM lookup, … Edit a draft, publish it as a version, then point a connector at the application."
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setCreating(true)} data-testid="new-application">
            New routing application
          </Button>
        }
      />
      <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              Name
            </SortableTh>
            <SortableTh column="status" sort={sort} onSort={toggle} w={150}>
              Status
            </SortableTh>
            <Table.Th>Used by</Table.Th>
            <Table.Th>Fallback ACD group</Table.Th>
            <SortableTh column="updated" sort={sort} onSort={toggle} w={210}>
              Last change
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        {applications.isPending ? (
          <TableSkeleton columns={5} />
        ) : (
          <Table.Tbody>
            {(sorted ?? []).map((application) => {
              const usedBy = (connectors.data ?? []).filter(
                (connector) => connector.routingApplicationId === application.id,
              );
              return (
                <Table.Tr
                  key={application.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/routing-applications/${application.id}`)}
                >
                  <Table.Td>
                    <Link
                      to={`/routing-applications/${application.id}`}
                      className="row-link"
                      onClick={(event) => event.stopPropagation()}
                    >
                      {application.name}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    {application.activeVersionId ? (
                      <Badge variant="light" color="teal">
                        Published
                      </Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        Draft only
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {usedBy.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        No connector
                      </Text>
                    ) : (
                      usedBy.map((connector) => connector.name).join(', ')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {nameOf(groups.data, application.fallbackAcdGroupId) ?? (
                      <Text span size="sm" c="dimmed">
                        Connector's group
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td c="dimmed">{formatDateTime(application.updatedAt)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        )}
      </DataTable>
      {applications.data?.length === 0 && (
        <EmptyState
          icon={Workflow}
          title="No routing applications yet"
          action={<Button onClick={() => setCreating(true)}>Create a routing application</Button>}
        >
          Draw how SMS are routed — for example STOP to drop, HELP to Support, everything else to Sales — then point a
          connector at it.
        </EmptyState>
      )}
      {creating && <CreateApplicationModal clientId={clientId} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateApplicationModal({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const navigate = useNavigate();
  const groups = useAcdGroups(clientId);
  const [name, setName] = useState('');
  const [fallback, setFallback] = useState<string | null>(null);
  const create = useApiMutation(
    (body: { name: string; fallbackAcdGroupId: string | null }) =>
      post<RoutingApplication>('/api/routing-applications', { ...body, clientId }),
    [keys.applications(clientId)],
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>New routing application</Text>} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name, fallbackAcdGroupId: fallback },
            {
              onSuccess: (application) => {
                notifications.show({ color: 'teal', message: `“${application.name}” created` });
                navigate(`/routing-applications/${application.id}`);
              },
            },
          );
        }}
      >
        <Stack>
          <ErrorAlert error={formError(create.error, ['name', 'fallbackAcdGroupId'])} />
          <TextInput
            label="Name"
            required
            data-autofocus
            placeholder="Hotline routing"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
            name="name"
          />
          <Select
            label="Fallback ACD group"
            description="Where an SMS goes when a run fails. Without one, the connector's group is used."
            placeholder="None"
            clearable
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
            value={fallback}
            onChange={setFallback}
            error={fieldError(create.error, 'fallbackAcdGroupId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create and open editor
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
