import { Badge, Button, Text } from '@mantine/core';
import { Workflow } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAcdGroups, useApplications, useConnectors } from '../api/queries';
import type { RoutingApplication } from '../api/types';
import { nameOf } from '../common/format';
import { dateTimeColumn, nameColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { RequireClient } from '../shell/require-client';
import { useSession } from '../shell/session';
import { ApplicationFormModal } from './application-form';

export function ApplicationsPage() {
  return <RequireClient>{(clientId) => <Applications clientId={clientId} />}</RequireClient>;
}

function Applications({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  // Only reseller and system admins edit connectors: a client admin is told whom to ask.
  const { canEditConnectors } = useSession();
  const applications = useApplications(clientId);
  const connectors = useConnectors(clientId);
  const groups = useAcdGroups(clientId);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const pathOf = (application: RoutingApplication) => `/routing-applications/${application.id}`;

  const columns: ListColumn<RoutingApplication>[] = [
    nameColumn(t('common.name'), (application) => (
      <Link to={pathOf(application)} className="row-link" onClick={(event) => event.stopPropagation()}>
        {application.name}
      </Link>
    )),
    {
      key: 'status',
      header: t('routingApplications.column.status'),
      width: 150,
      sortValue: (application) => (application.activeVersionId ? 0 : 1),
      render: ({ activeVersionId }) => (
        <Badge variant="light" color={activeVersionId ? 'teal' : 'gray'}>
          {activeVersionId ? t('routingApplications.published') : t('routingApplications.draftOnly')}
        </Badge>
      ),
    },
    {
      key: 'usedBy',
      header: t('routingApplications.column.usedBy'),
      render: (application) => {
        const usedBy = (connectors.data ?? []).filter((connector) => connector.routingApplicationId === application.id);
        return usedBy.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('routingApplications.noConnector')}
          </Text>
        ) : (
          usedBy.map((connector) => connector.name).join(', ')
        );
      },
    },
    {
      key: 'fallback',
      header: t('routingApplications.column.fallback'),
      render: (application) =>
        nameOf(groups.data, application.fallbackAcdGroupId) ?? (
          <Text span size="sm" c="dimmed">
            {t('routingApplications.noFallback')}
          </Text>
        ),
    },
    dateTimeColumn('updated', t('routingApplications.column.updated'), (application) => application.updatedAt),
  ];

  return (
    <>
      <PageHeader
        title={t('routingApplications.title')}
        description={
          canEditConnectors ? t('routingApplications.description') : t('routingApplications.descriptionAskAdmin')
        }
        actions={
          <NewButton onClick={() => setCreating(true)} testId="new-application">
            {t('routingApplications.new')}
          </NewButton>
        }
      />
      <ResourceList
        query={applications}
        columns={columns}
        initialSort={{ key: 'name', direction: 'asc' }}
        rowProps={(application) => ({ style: { cursor: 'pointer' }, onClick: () => navigate(pathOf(application)) })}
        empty={
          <EmptyState
            icon={Workflow}
            title={t('routingApplications.empty.title')}
            action={<Button onClick={() => setCreating(true)}>{t('routingApplications.empty.action')}</Button>}
          >
            {canEditConnectors ? t('routingApplications.empty.text') : t('routingApplications.empty.textAskAdmin')}
          </EmptyState>
        }
      />
      {creating && (
        <ApplicationFormModal
          clientId={clientId}
          groups={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
          onSaved={(application) => navigate(pathOf(application))}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
