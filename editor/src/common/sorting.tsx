import { Table, UnstyledButton } from '@mantine/core';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';

export interface Sort<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A whole list sorted in the browser by one of its columns; a second click turns the order round. */
export function useSorted<T, K extends string>(
  items: readonly T[] | undefined,
  valueOf: Record<K, (item: T) => string | number>,
  initial: Sort<NoInfer<K>>,
) {
  const [sort, setSort] = useState<Sort<K>>(initial);
  const sorted = useMemo(() => {
    if (!items) return undefined;
    const read = valueOf[sort.key];
    const factor = sort.direction === 'asc' ? 1 : -1;
    return [...items].sort((a, b) => {
      const left = read(a);
      const right = read(b);
      const order =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : collator.compare(String(left), String(right));
      return order * factor;
    });
    // valueOf is a literal of the caller: its identity changes every render, its meaning does not.
  }, [items, sort]);
  const toggle = (key: K) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  return { sorted, sort, toggle };
}

export function SortableTh<K extends string>({
  column,
  sort,
  onSort,
  children,
  w,
}: {
  column: K;
  sort: Sort<K>;
  onSort(column: K): void;
  children: ReactNode;
  w?: number;
}) {
  const active = sort.key === column;
  const Icon = !active ? ArrowUpDown : sort.direction === 'asc' ? ArrowUp : ArrowDown;
  return (
    <Table.Th w={w} aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => onSort(column)} className="sort-button" data-active={active || undefined}>
        {children}
        <Icon size={12} className="sort-icon" />
      </UnstyledButton>
    </Table.Th>
  );
}
