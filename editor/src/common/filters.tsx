import { Button, Group, Select, type SelectProps } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The filters of a list, each with the value that means "no filter" in `none`; `onChange` runs on
 * every change (e.g. to go back to the first page).
 */
export function useFilters<V extends Record<string, unknown>>(none: V, onChange?: () => void) {
  const [values, setValues] = useState<V>(none);
  const set =
    <K extends keyof V>(key: K) =>
    (value: V[K]) => {
      setValues((current) => ({ ...current, [key]: value }));
      onChange?.();
    };
  const clear = () => {
    setValues(none);
    onChange?.();
  };
  const active = (Object.keys(none) as (keyof V)[]).some((key) => values[key] !== none[key]);
  return { values, set, active, clear };
}

export type Filters = ReturnType<typeof useFilters>;

/** The row of filters above a list, with a way to clear them all while any is set. */
export function FilterBar({ filters, children }: { filters: Pick<Filters, 'active' | 'clear'>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
      {children}
      {filters.active && (
        <Button variant="subtle" size="xs" onClick={filters.clear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Group>
  );
}

/** One choice to filter by, cleared back to "any" (the placeholder says which). */
export function SelectFilter(props: SelectProps & Record<`data-${string}`, string>) {
  return <Select clearable size="xs" {...props} />;
}

/** A picked moment ("2026-05-01 14:30", the picker's local time) as the API's ISO time. */
export function isoOfPicked(value: string | null): string | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A time range to filter by, to the minute: the `from` and `to` of a list's filters, labelled
 * `from` and `before`; an open end reads "Any time" and "Now".
 */
export function DateRangeFilter({
  filters,
  from,
  before,
  w,
}: {
  filters: {
    values: { from: string | null; to: string | null };
    set(key: 'from' | 'to'): (value: string | null) => void;
  };
  from: string;
  before: string;
  w: number;
}) {
  const { t } = useTranslation();
  const bounds = [
    { key: 'from', label: from, placeholder: t('common.anyTime') },
    { key: 'to', label: before, placeholder: t('common.now') },
  ] as const;
  return bounds.map(({ key, ...words }) => (
    <DateTimePicker
      key={key}
      clearable
      valueFormat="YYYY-MM-DD HH:mm"
      size="xs"
      w={w}
      value={filters.values[key]}
      onChange={filters.set(key)}
      {...words}
    />
  ));
}
