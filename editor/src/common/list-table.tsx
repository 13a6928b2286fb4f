import { Group, Pagination, Table, Text, type TableTdProps, type TableTrProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from './data-table';
import { formatDateTime, formatShortDateTime } from './format';
import { TableSkeleton } from './page';
import { SortableTh, useSorted, type Sort } from './sorting';

export interface ListColumn<T> {
  key: string;
  header: ReactNode;
  width?: number;
  /** Makes the column sortable by this value. */
  sortValue?: (item: T) => string | number;
  render(item: T): ReactNode;
  cellProps?: TableTdProps;
}

/** A column of names, in bold, sorted by name. */
export function nameColumn<T extends { name: string }>(header: string, render?: (item: T) => ReactNode): ListColumn<T> {
  return {
    key: 'name',
    header,
    sortValue: (item) => item.name,
    cellProps: { fw: 500 },
    render: render ?? ((item) => item.name),
  };
}

/** A column of moments, e.g. when a row was created: dimmed, sorted by time. */
export function dateTimeColumn<T>(
  key: string,
  header: string,
  read: (item: T) => string | null | undefined,
  width = 210,
): ListColumn<T> {
  return {
    key,
    header,
    width,
    sortValue: (item) => read(item) ?? '',
    cellProps: { c: 'dimmed' },
    render: (item) => formatDateTime(read(item)),
  };
}

/** A column of moments in a log, newest first: short, on one line, the whole date on hover. */
export function momentColumn<T>(key: string, header: string, read: (item: T) => string): ListColumn<T> {
  return {
    key,
    header,
    width: 150,
    render: (item) => (
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(read(item))}>
        {formatShortDateTime(read(item))}
      </Text>
    ),
  };
}

/**
 * A whole list as a table: sortable columns, loading skeleton, the empty state below it and, with
 * `pageSize`, paging in the browser. The building block of the list pages.
 */
export interface ListTableProps<T extends { id: string }> {
  items: readonly T[] | undefined;
  columns: readonly ListColumn<T>[];
  /** What tells the rows apart; the item's `id` unless said otherwise. */
  rowKey?(item: T): string;
  loading: boolean;
  initialSort?: Sort<string>;
  pageSize?: number;
  minWidth?: number;
  /** Shown under the table when the list has no items. */
  empty?: ReactNode;
  rowProps?(item: T): TableTrProps & Record<`data-${string}`, string | undefined>;
  /** What the pager counts, e.g. "users". */
  noun?: string;
  /** Rows of the loading skeleton. */
  skeletonRows?: number;
}

export function ListTable<T extends { id: string }>({
  items,
  columns,
  rowKey = (item) => item.id,
  loading,
  initialSort,
  pageSize,
  minWidth,
  empty,
  rowProps,
  noun,
  skeletonRows,
}: ListTableProps<T>) {
  const { t } = useTranslation();
  const valueOf = Object.fromEntries(
    columns.flatMap((column) => (column.sortValue ? [[column.key, column.sortValue]] : [])),
  ) as Record<string, (item: T) => string | number>;
  const sortable = Object.keys(valueOf).length > 0;
  const {
    sorted: sortedItems,
    sort,
    toggle,
  } = useSorted(
    sortable ? items : undefined,
    valueOf,
    initialSort ?? { key: columns.find((c) => c.sortValue)?.key ?? '', direction: 'asc' },
  );
  // A list in the server's order (a page of a log) has no sortable column and stays as it came.
  const sorted = sortable ? sortedItems : items;
  const [page, setPage] = useState(1);
  const total = sorted?.length ?? 0;
  const pages = pageSize ? Math.max(1, Math.ceil(total / pageSize)) : 1;
  // A filter that shortens the list keeps the pager on a page that exists.
  const current = Math.min(page, pages);
  const shown = pageSize ? sorted?.slice((current - 1) * pageSize, current * pageSize) : sorted;

  return (
    <>
      <DataTable minWidth={minWidth}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              column.sortValue ? (
                <SortableTh key={column.key} column={column.key} sort={sort} onSort={toggle} w={column.width}>
                  {column.header}
                </SortableTh>
              ) : (
                <Table.Th key={column.key} w={column.width}>
                  {column.header}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        {loading ? (
          <TableSkeleton columns={columns.length} rows={skeletonRows} />
        ) : (
          <Table.Tbody>
            {(shown ?? []).map((item) => (
              <Table.Tr key={rowKey(item)} {...rowProps?.(item)}>
                {columns.map((column) => (
                  <Table.Td key={column.key} {...column.cellProps}>
                    {column.render(item)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        )}
      </DataTable>
      {/* Not while it loads, nor when it could not be read: the error says that. */}
      {!loading && items !== undefined && total === 0 && empty}
      {pageSize !== undefined && total > pageSize && (
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed">
            {t('common.rangeOf', {
              from: (current - 1) * pageSize + 1,
              to: Math.min(current * pageSize, total),
              total,
              noun: noun ?? t('common.items'),
            })}
          </Text>
          <Pagination size="sm" total={pages} value={current} onChange={setPage} aria-label={t('common.pages')} />
        </Group>
      )}
    </>
  );
}
