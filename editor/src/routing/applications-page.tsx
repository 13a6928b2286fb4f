import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Plus, Workflow } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
        title={t('routingApplications.title')}
        description={t('routingApplications.description')}
        actions={
          <Button leftSection={<Plus size={16} />} onClick={() => setCreating(true)} data-testid="new-application">
            {t('routingApplications.new')}
          </Button>
        }
      />
      <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="name" sort={sort} onSort={toggle}>
              {t('routingApplications.column.name')}
            </SortableTh>
            <SortableTh column="status" sort={sort} onSort={toggle} w={150}>
              {t('routingApplications.column.status')}
            </SortableTh>
            <Table.Th>{t('routingApplications.column.usedBy')}</Table.Th>
            <Table.Th>{t('routingApplications.column.fallback')}</Table.Th>
            <SortableTh column="updated" sort={sort} onSort={toggle} w={210}>
              {t('routingApplications.column.updated')}
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
                        {t('routingApplications.published')}
                      </Badge>
                    ) : (
                      <Badge variant="light" color="gray">
                        {t('routingApplications.draftOnly')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {usedBy.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t('routingApplications.noConnector')}
                      </Text>
                    ) : (
                      usedBy.map((connector) => connector.name).join(', ')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {nameOf(groups.data, application.fallbackAcdGroupId) ?? (
                      <Text span size="sm" c="dimmed">
                        {t('routingApplications.connectorsGroup')}
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
          title={t('routingApplications.empty.title')}
          action={<Button onClick={() => setCreating(true)}>{t('routingApplications.empty.action')}</Button>}
        >
          {t('routingApplications.empty.text')}
        </EmptyState>
      )}
      {creating && <CreateApplicationModal clientId={clientId} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateApplicationModal({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const { t } = useTranslation();
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
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('routingApplications.create.title')}</Text>} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name, fallbackAcdGroupId: fallback },
            {
              onSuccess: (application) => {
                notifications.show({
                  color: 'teal',
                  message: t('routingApplications.create.created', { name: application.name }),
                });
                navigate(`/routing-applications/${application.id}`);
              },
            },
          );
        }}
      >
        <Stack>
          <ErrorAlert error={formError(create.error, ['name', 'fallbackAcdGroupId'])} />
          <TextInput
            label={t('routingApplications.create.name')}
            required
            data-autofocus
            placeholder={t('routingApplications.create.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
            name="name"
          />
          <Select
            label={t('routingApplications.create.fallback')}
            description={t('routingApplications.create.fallbackHint')}
            placeholder={t('routingApplications.create.none')}
            clearable
            data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
            value={fallback}
            onChange={setFallback}
            error={fieldError(create.error, 'fallbackAcdGroupId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('routingApplications.create.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('routingApplications.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
