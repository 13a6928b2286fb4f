import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { CircleAlert, Plus, RefreshCw, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
      <Box>
        <Title order={2} fz={22} fw={600}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed" mt={4} maw={760}>
            {description}
          </Text>
        )}
      </Box>
      {actions && (
        <Group gap="xs" wrap="nowrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}

/** The whole window while what every page needs is read: a spinner and what it waits for. */
export function FullPageLoading({ children }: { children: ReactNode }) {
  return (
    <Center h="100vh">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      </Stack>
    </Center>
  );
}

/** The page's button that creates one more of what it lists. */
export function NewButton({ children, onClick, testId }: { children: ReactNode; onClick(): void; testId?: string }) {
  return (
    <Button leftSection={<Plus size={16} />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/** The page's button that reads its list again, turning while it does (not on the first load). */
export function RefreshButton({
  label,
  query,
}: {
  label: string;
  query: { refetch(): unknown; isFetching: boolean; isPending: boolean };
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => void query.refetch()}
        aria-label={label}
        loading={query.isFetching && !query.isPending}
      >
        <RefreshCw size={16} />
      </ActionIcon>
    </Tooltip>
  );
}

/** The API's own sentence, never a blank screen. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError && error.status > 0 ? error.status : undefined;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<CircleAlert size={18} />}
      title={
        title ??
        (status === undefined ? t('common.somethingWentWrong') : t('common.somethingWentWrongStatus', { status }))
      }
      mb="md"
      role="alert"
    >
      <Group justify="space-between" align="center" wrap="nowrap">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.tryAgain')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Stack align="center" gap={6} py={48} px="md" data-testid="empty-state">
      <ThemeIcon size={44} radius="xl" variant="light" color="gray">
        <Icon size={22} />
      </ThemeIcon>
      <Text fw={600} mt={6}>
        {title}
      </Text>
      {children && (
        <Text size="sm" c="dimmed" ta="center" maw={460}>
          {children}
        </Text>
      )}
      {action && <Box mt="sm">{action}</Box>}
    </Stack>
  );
}

export function TableSkeleton({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <Table.Tbody aria-busy="true">
      {Array.from({ length: rows }, (_, row) => (
        <Table.Tr key={row}>
          {Array.from({ length: columns }, (_, column) => (
            <Table.Td key={column}>
              <Skeleton height={12} my={4} width={`${55 + ((row * 7 + column * 13) % 40)}%`} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

/** A message for one field from an API error that names it, for Mantine's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (error instanceof ApiError && error.field === field) return error.fieldMessage;
  return undefined;
}

/** The part of an API error that no field shows. */
export function formError(error: unknown, fields: readonly string[]): unknown {
  if (error instanceof ApiError && error.field !== undefined && fields.includes(error.field)) return undefined;
  return error;
}
