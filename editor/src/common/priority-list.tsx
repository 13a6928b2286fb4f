import { ActionIcon, Badge, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../i18n/setup-i18n';

export interface PriorityEntry {
  id: string;
  /** As typed: a number, or text ('' or '-') while it is being typed. */
  priority: number | string;
}

/** The rule of the server's member priority (server/routes/acd-groups.ts): out of range is refused, not clamped. */
export function priorityProblem(priority: number | string): string | null {
  return typeof priority === 'number' && Number.isInteger(priority) && priority >= 0 && priority <= 100
    ? null
    : translate('common.priorityRange');
}

/**
 * A list of ACD group memberships with their priority (0–100, higher is asked first): agents of a
 * group, or groups of an agent. Entries are added from `options` and removed one by one.
 */
export function PriorityList({
  label,
  description,
  empty,
  entries,
  options,
  addPlaceholder,
  nothingToAdd,
  onChange,
  errorOf,
  note,
  testId,
}: {
  label: string;
  description?: ReactNode;
  empty: ReactNode;
  entries: PriorityEntry[];
  /** Everything that could be listed, with its name. */
  options: Array<{ value: string; label: string }>;
  addPlaceholder: string;
  nothingToAdd: string;
  onChange(entries: PriorityEntry[]): void;
  /** An error the API named for one entry. */
  errorOf?: (index: number) => string | undefined;
  /** A remark next to an entry's name (e.g. "deactivated"). */
  note?: (id: string) => string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const listed = new Set(entries.map((entry) => entry.id));
  const candidates = options.filter((option) => !listed.has(option.value));
  const nameOf = (id: string) => options.find((option) => option.value === id)?.label ?? t('common.unknown');
  return (
    <Stack gap={6} data-testid={testId}>
      <div>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
      </div>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed" py={4}>
          {empty}
        </Text>
      ) : (
        <Group justify="space-between" px={2}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('common.name')}
          </Text>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" w={146}>
            {t('common.priority')}
          </Text>
        </Group>
      )}
      {entries.map((entry, index) => (
        <Group key={entry.id} wrap="nowrap" gap="xs" data-testid="priority-row">
          <Group gap={6} style={{ flex: 1 }} miw={0} wrap="nowrap">
            <Text size="sm" truncate>
              {nameOf(entry.id)}
            </Text>
            {note?.(entry.id) && (
              <Badge size="xs" variant="outline" color="gray">
                {note(entry.id)}
              </Badge>
            )}
          </Group>
          <NumberInput
            aria-label={t('common.priorityOf', { name: nameOf(entry.id) })}
            w={110}
            min={0}
            max={100}
            allowDecimal={false}
            size="xs"
            value={entry.priority}
            error={priorityProblem(entry.priority) ?? errorOf?.(index)}
            onChange={(value) => onChange(entries.map((e) => (e.id === entry.id ? { ...e, priority: value } : e)))}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('common.removeEntry', { name: nameOf(entry.id) })}
            onClick={() => onChange(entries.filter((e) => e.id !== entry.id))}
          >
            <Trash2 size={15} />
          </ActionIcon>
        </Group>
      ))}
      <Select
        aria-label={addPlaceholder}
        placeholder={candidates.length ? addPlaceholder : nothingToAdd}
        disabled={candidates.length === 0}
        searchable
        size="sm"
        value={null}
        onChange={(value) => value && onChange([...entries, { id: value, priority: 0 }])}
        data={candidates}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
