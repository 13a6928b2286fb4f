import { Anchor, List, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UsedBy, UsedByList } from '../../../contract/common';
import { get } from '../api/http';
import { ErrorAlert } from './page';

/** What uses an ACD group, routing application or send connector now (`<base>/:id/used-by`). */
export function UsedByPanel({
  path,
}: {
  path: `/api/${'acd-groups' | 'routing-applications' | 'send-connectors'}/${string}`;
}) {
  const { t } = useTranslation();
  const used = useQuery({
    queryKey: ['used-by', path],
    queryFn: () => get<UsedByList>(`${path}/used-by`),
    refetchInterval: 10_000,
  });
  return (
    <Stack gap={4} data-testid="used-by">
      <Text size="sm" fw={600}>
        {t('liveQueue.usedByTitle')}
      </Text>
      <ErrorAlert error={used.error} title={t('liveQueue.usedByNotLoaded')} />
      {used.isPending ? (
        <Skeleton height={20} />
      ) : used.data?.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('liveQueue.usedByNone')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {used.data?.items.map((user) => (
            <List.Item key={`${user.kind}-${user.id}-${user.usage}`} data-testid="used-by-item">
              <Anchor component={Link} to={linkTo(user)} size="sm">
                {t(`liveQueue.usage.${user.usage}`, { name: user.name })}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

const linkTo = (user: UsedBy) =>
  user.kind === 'routing_application' ? `/routing-applications/${user.id}` : '/connectors';
