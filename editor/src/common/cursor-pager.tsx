import { Button, Group, Text } from '@mantine/core';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Paging through a list the server pages by cursor, newest first: the cursors of the pages before, to go back. */
export function useCursorPaging() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors.at(-1),
    page: cursors.length,
    older: (next: string) => setCursors((list) => [...list, next]),
    newer: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
    reset: () => setCursors([undefined]),
  };
}

export type CursorPaging = ReturnType<typeof useCursorPaging>;

export function CursorPager({
  paging,
  nextCursor,
  count,
  noun,
}: {
  paging: CursorPaging;
  nextCursor: string | null | undefined;
  /** Items on this page; undefined while the first page loads. */
  count: number | undefined;
  noun: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="xs" c="dimmed">
        {count !== undefined ? t('common.pageCount', { page: paging.page, count, noun }) : ''}
      </Text>
      <Group gap={6}>
        <Button
          size="xs"
          variant="default"
          leftSection={<ChevronLeft size={14} />}
          disabled={paging.page === 1}
          onClick={paging.newer}
        >
          {t('common.newer')}
        </Button>
        <Button
          size="xs"
          variant="default"
          rightSection={<ChevronRight size={14} />}
          disabled={!nextCursor}
          onClick={() => nextCursor && paging.older(nextCursor)}
        >
          {t('common.older')}
        </Button>
      </Group>
    </Group>
  );
}
