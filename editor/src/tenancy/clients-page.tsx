import { Button, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Building2, Pencil } from 'lucide-react';
import { useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keys, patch, post, useClients, useResellers } from '../api/queries';
import type { Client } from '../api/types';
import { nameOf } from '../common/format';
import { FormModal, NameInput, useModalForm, useEditing } from '../common/form-modal';
import { dateTimeColumn, nameColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
import { useSession } from '../shell/session';
import { countryOptions } from './countries';

export function ClientsPage() {
  const session = useSession();
  const clients = useClients();
  const { t } = useTranslation();
  const resellers = useResellers(session.multiClient);
  const editing = useEditing<Client>();
  const columns: ListColumn<Client>[] = [
    nameColumn(t('common.name')),
    {
      key: 'reseller',
      header: t('tenancy.clients.reseller'),
      sortValue: (client) => nameOf(resellers.data, client.resellerId) ?? '',
      render: (client) =>
        nameOf(resellers.data, client.resellerId) ?? (
          <Text span c="dimmed">
            —
          </Text>
        ),
    },
    dateTimeColumn('created', t('tenancy.clients.created'), (client) => client.createdAt, 220),
    actionsColumn(190, (client) => (
      <RowActions gap={4}>
        {session.clientId === client.id ? (
          <Text size="xs" c="teal.7" fw={600} px={8}>
            {t('tenancy.clients.inScope')}
          </Text>
        ) : (
          <Button size="compact-xs" variant="subtle" onClick={() => session.selectClient(client.id)}>
            {t('tenancy.clients.workOn')}
          </Button>
        )}
        <RowAction
          icon={Pencil}
          tooltip={t('common.edit')}
          label={t('tenancy.clients.editName', { name: client.name })}
          onClick={() => editing.edit(client)}
        />
      </RowActions>
    )),
  ];
  return (
    <>
      <PageHeader
        title={t('tenancy.clients.title')}
        description={t('tenancy.clients.description')}
        actions={<NewButton onClick={editing.create}>{t('tenancy.clients.newClient')}</NewButton>}
      />
      <ResourceList
        query={clients}
        columns={columns}
        initialSort={{ key: 'name', direction: 'asc' }}
        empty={
          <EmptyState
            icon={Building2}
            title={t('tenancy.clients.noneYet')}
            action={<Button onClick={editing.create}>{t('tenancy.clients.createFirst')}</Button>}
          >
            {session.me.role === 'system_admin' ? (
              <Trans i18nKey="tenancy.clients.belongsToReseller" components={{ link: <Link to="/resellers" /> }} />
            ) : (
              t('tenancy.clients.createOfReseller')
            )}
          </EmptyState>
        }
      />
      {editing.open && <ClientModal client={editing.item} onClose={editing.close} />}
    </>
  );
}

/** Creates a client (`client` undefined) or renames one; a system admin also picks or changes its reseller. */
function ClientModal({ client, onClose }: { client: Client | undefined; onClose(): void }) {
  const session = useSession();
  const isSystem = session.me.role === 'system_admin';
  const { t, i18n } = useTranslation();
  const resellers = useResellers(isSystem);
  const countries = useMemo(countryOptions, [i18n.language]);
  const { field, modal } = useModalForm<
    { name: string; resellerId: string | null; defaultCountry: string | null },
    Client
  >({
    initialValues: {
      name: client?.name ?? '',
      resellerId: client?.resellerId ?? null,
      defaultCountry: client?.defaultCountry ?? null,
    },
    save: ({ name, resellerId, defaultCountry }) => {
      const body = {
        name,
        defaultCountry,
        ...(isSystem && resellerId && resellerId !== client?.resellerId ? { resellerId } : {}),
      };
      return client ? patch<Client>(`/api/clients/${client.id}`, body) : post<Client>('/api/clients', body);
    },
    invalidate: [keys.clients, ['audit-log']],
    fields: ['name', 'resellerId', 'defaultCountry'],
    onSaved: (saved) => {
      notifications.show({
        color: 'teal',
        message: t(client ? 'tenancy.clients.saved' : 'tenancy.clients.created_', { name: saved.name }),
      });
      if (!session.clientId) session.selectClient(saved.id);
      onClose();
    },
  });
  return (
    <FormModal
      title={client ? t('tenancy.clients.editTitle', { name: client.name }) : t('tenancy.clients.newClient')}
      submitLabel={client ? t('tenancy.clients.save') : t('tenancy.clients.create')}
      onClose={onClose}
      {...modal}
    >
      <NameInput {...field('name')} />
      {isSystem && (
        <Select
          label={t('tenancy.clients.reseller')}
          required
          description={client ? t('tenancy.clients.moving') : undefined}
          placeholder={
            resellers.data?.length === 0
              ? t('tenancy.clients.createResellerFirst')
              : t('tenancy.clients.chooseReseller')
          }
          data={(resellers.data ?? []).map((reseller) => ({ value: reseller.id, label: reseller.name }))}
          {...field('resellerId')}
          searchable
        />
      )}
      <Select
        label={t('tenancy.clients.defaultCountry')}
        description={t('tenancy.clients.defaultCountryDescription')}
        placeholder={t('tenancy.clients.noDefaultCountry')}
        data={countries}
        {...field('defaultCountry')}
        searchable
        clearable
        data-testid="client-default-country"
      />
    </FormModal>
  );
}
