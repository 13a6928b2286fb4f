import { Badge, Button, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Ban, Download, KeyRound, ListX, Search, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { del } from '../api/http';
import { useApiMutation } from '../api/queries';
import { ConfirmModal, useConfirm } from '../common/confirm';
import { useCursorPaging } from '../common/cursor-pager';
import { FilterBar, useFilters } from '../common/filters';
import { useEditing } from '../common/form-modal';
import { dateTimeColumn, type ListColumn } from '../common/list-table';
import { EmptyState, NewButton, PageHeader } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { actionsColumn, RowAction, RowActions } from '../common/row-actions';
import { RequireClient } from '../shell/require-client';
import { OptOutAddModal } from './opt-out-add-form';
import { optOutExportUrl, optOutKeys, useOptOutPage, type OptOut } from './opt-out-queries';
import { OptOutSettingsCard } from './opt-out-settings-form';

/** The client's opt-out list (search, add, remove, CSV export) and its keywords. */
export function OptOutsPage() {
  return <RequireClient>{(clientId) => <OptOuts clientId={clientId} />}</RequireClient>;
}

function OptOuts({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const paging = useCursorPaging();
  const filters = useFilters({ search: '' }, paging.reset);
  // Searched on the server: asked once typing pauses, not at every key.
  const [search] = useDebouncedValue(filters.values.search.trim(), 300);
  const page = useOptOutPage(clientId, search, paging.cursor);
  const adding = useEditing<undefined>();
  const remove = useApiMutation((entry: OptOut) => del(`/api/opt-outs/${entry.id}`), [optOutKeys.all(clientId)]);
  const removing = useConfirm(
    remove,
    (entry: OptOut) => entry,
    (entry) => notifications.show({ color: 'teal', message: t('optOuts.removed', { number: entry.number }) }),
  );

  const columns: ListColumn<OptOut>[] = [
    {
      key: 'number',
      header: t('optOuts.number'),
      width: 220,
      sortValue: (entry) => entry.number,
      cellProps: { ff: 'monospace', fz: 13 },
      render: (entry) => entry.number,
    },
    {
      key: 'source',
      header: t('optOuts.source'),
      width: 170,
      sortValue: (entry) => entry.source,
      render: (entry) => (
        <Badge variant="light" color={entry.source === 'keyword' ? 'grape' : 'blue'}>
          {t(`optOuts.sources.${entry.source}`)}
        </Badge>
      ),
    },
    dateTimeColumn('since', t('optOuts.since'), (entry) => entry.since),
    actionsColumn(60, (entry) => (
      <RowActions>
        <RowAction
          icon={Trash2}
          color="red"
          tooltip={t('common.delete')}
          label={t('optOuts.remove', { number: entry.number })}
          onClick={() => removing.ask(entry)}
        />
      </RowActions>
    )),
  ];

  return (
    <>
      <PageHeader
        title={t('optOuts.title')}
        description={t('optOuts.description')}
        actions={
          <>
            <Button
              component="a"
              href={optOutExportUrl(clientId, search)}
              download="opt-outs.csv"
              variant="default"
              leftSection={<Download size={16} />}
              data-testid="export-opt-outs"
            >
              {t('optOuts.exportCsv')}
            </Button>
            <NewButton onClick={adding.create} testId="add-opt-out">
              {t('optOuts.add')}
            </NewButton>
          </>
        }
      />
      <Tabs defaultValue="numbers" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="numbers" leftSection={<ListX size={14} />} data-testid="tab-numbers">
            {t('optOuts.tabs.numbers')}
          </Tabs.Tab>
          <Tabs.Tab value="keywords" leftSection={<KeyRound size={14} />} data-testid="tab-keywords">
            {t('optOuts.settings.heading')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="numbers">
          <ResourceList
            query={page}
            paging={paging}
            columns={columns}
            noun={t('optOuts.noun')}
            initialSort={{ key: 'since', direction: 'desc' }}
            rowProps={(entry) => ({ 'data-testid': 'opt-out-row', 'data-number': entry.number })}
            filters={
              <FilterBar filters={filters}>
                <TextInput
                  size="xs"
                  w={220}
                  label={t('optOuts.search')}
                  placeholder="+49170…"
                  leftSection={<Search size={14} />}
                  maxLength={32}
                  value={filters.values.search}
                  onChange={(event) => filters.set('search')(event.currentTarget.value)}
                  data-testid="search-opt-outs"
                />
              </FilterBar>
            }
            empty={
              <EmptyState
                icon={Ban}
                title={filters.active ? t('optOuts.noMatch') : t('optOuts.noneYet')}
                action={filters.active ? undefined : <Button onClick={adding.create}>{t('optOuts.add')}</Button>}
              >
                {filters.active ? null : t('optOuts.noneHint')}
              </EmptyState>
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="keywords">
          <OptOutSettingsCard clientId={clientId} />
        </Tabs.Panel>
      </Tabs>
      {adding.open && <OptOutAddModal clientId={clientId} onClose={adding.close} />}
      <ConfirmModal
        {...removing.props}
        title={t('optOuts.removeTitle', { number: removing.item?.number ?? '' })}
        confirmLabel={t('optOuts.removeConfirm')}
        errorTitle={t('optOuts.notRemoved')}
      >
        {t('optOuts.removeText')}
      </ConfirmModal>
    </>
  );
}
