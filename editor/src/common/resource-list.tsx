import type { ReactNode } from 'react';
import { CursorPager, type CursorPaging } from './cursor-pager';
import { ListTable, type ListTableProps } from './list-table';
import { ErrorAlert } from './page';

/** What a list shows of its query; TanStack Query's result is one. */
export interface ListQuery<D> {
  data: D | undefined;
  error: unknown;
  isPending: boolean;
  refetch(): unknown;
}

/** One page of a list the server pages by cursor. */
export interface CursorPage<T> {
  items: readonly T[];
  nextCursor: string | null;
}

type Source<T extends { id: string }> =
  | { query: ListQuery<readonly T[]>; paging?: undefined }
  /** The server pages the list: Newer and Older under it. */
  | { query: ListQuery<CursorPage<T>>; paging: CursorPaging };

/**
 * A list page's body: its filters, the query's error with a way to retry, then the list as a
 * table (sortable columns, loading skeleton, what to do next when it is empty) and its pager.
 */
export function ResourceList<T extends { id: string }>({
  query,
  items: chosen,
  paging,
  filters,
  notice,
  ...table
}: Source<T> &
  Omit<ListTableProps<T>, 'items' | 'loading'> & {
    /** The rows to show when the page filters the query's rows in the browser. */
    items?: readonly T[];
    /** Above the list, e.g. a `FilterBar`. */
    filters?: ReactNode;
    /** Between the error and the table: a word about the rows. */
    notice?: ReactNode;
  }) {
  const data = query.data;
  const items = chosen ?? (data === undefined ? undefined : isPage(data) ? data.items : data);
  return (
    <>
      {filters}
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      {notice}
      <ListTable items={items} loading={query.isPending} {...table} />
      {paging && (
        <CursorPager
          paging={paging}
          nextCursor={data && isPage(data) ? data.nextCursor : undefined}
          count={items?.length}
          noun={table.noun ?? ''}
        />
      )}
    </>
  );
}

function isPage<T>(data: readonly T[] | CursorPage<T>): data is CursorPage<T> {
  return !Array.isArray(data);
}
