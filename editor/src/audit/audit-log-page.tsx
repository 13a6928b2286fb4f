import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { FileSearch, RefreshCw, ScrollText, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog, useResellers, type AuditFilters } from '../api/queries';
import { AUDIT_ENTITY_TYPES, type AuditEntityType, type AuditEntry } from '../api/types';
import { CursorPager, useCursorPaging } from '../common/cursor-pager';
import { formatDateTime, formatShortDateTime } from '../common/format';
import { ListTable, type ListColumn } from '../common/list-table';
import { EmptyState, ErrorAlert, PageHeader } from '../common/page';
import { useSession } from '../shell/session';
import {
  actionLabel,
  actionsOf,
  changedFields,
  DESTRUCTIVE,
  entityLabel,
  fieldLabel,
  formatValue,
  objectName,
} from './audit-format';

function toIso(value: string | null): string | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Who changed what, when: every configuration change the caller may see, newest first. */
export function AuditLogPage() {
  const session = useSession();
  const { t } = useTranslation();
  const resellers = useResellers(session.me.role === 'system_admin');
  const [scope, setScope] = useState<'client' | 'all'>('client');
  const [entityType, setEntityType] = useState<AuditEntityType | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [actor, setActor] = useState<{ userId: string; email: string } | undefined>();
  const [object, setObject] = useState<{ id: string; label: string } | undefined>();
  const [details, setDetails] = useState<AuditEntry | undefined>();
  const paging = useCursorPaging();

  // Client admins see their client's entries only; the switcher's client narrows the others' view.
  const clientId = session.multiClient && scope === 'client' ? session.clientId : undefined;
  const filters: AuditFilters = {
    clientId,
    entityType: entityType ?? undefined,
    action: action ?? undefined,
    actorUserId: actor?.userId,
    entityId: object?.id,
    from: toIso(from),
    to: toIso(to),
    cursor: paging.cursor,
  };
  const log = useAuditLog(filters);
  const filtered = entityType !== null || action !== null || from !== null || to !== null || !!actor || !!object;
  const changeFilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      paging.reset();
    };

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const client of session.clients) map.set(client.id, client.name);
    for (const reseller of resellers.data ?? []) map.set(reseller.id, reseller.name);
    if (session.me.client?.name) map.set(session.me.client.id, session.me.client.name);
    if (session.me.reseller?.name) map.set(session.me.reseller.id, session.me.reseller.name);
    return map;
  }, [session.clients, session.me, resellers.data]);
  const nameOf = (id: string) => names.get(id);

  const actionOptions = (entityType ? [entityType] : AUDIT_ENTITY_TYPES).flatMap((type) =>
    actionsOf(type).map(({ verb, label }) => ({
      value: `${type}.${verb}`,
      label: entityType ? label : `${entityLabel(type)} · ${label}`,
    })),
  );

  const columns: ListColumn<AuditEntry>[] = [
    {
      key: 'at',
      header: t('audit.when'),
      width: 150,
      render: (entry) => (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(entry.at)}>
          {formatShortDateTime(entry.at)}
        </Text>
      ),
    },
    {
      key: 'actor',
      header: t('audit.who'),
      width: 220,
      render: (entry) =>
        entry.actor.userId ? (
          <Tooltip label={t('audit.onlyPerson')} openDelay={400}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              c="dark"
              truncate
              maw={200}
              display="block"
              onClick={() => changeFilter(setActor)({ userId: entry.actor.userId!, email: entry.actor.email ?? '' })}
            >
              {entry.actor.email}
            </Anchor>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed" truncate maw={200}>
            {entry.actor.email ?? t('audit.deletedUser')}
          </Text>
        ),
    },
    {
      key: 'action',
      header: t('audit.actionColumn'),
      width: 190,
      render: (entry) => (
        <Badge
          variant="light"
          color={DESTRUCTIVE.test(entry.action) ? 'red' : entry.action.endsWith('.create') ? 'teal' : 'blue'}
          title={entry.action}
          styles={{ label: { textTransform: 'none' } }}
        >
          {actionLabel(entry)}
        </Badge>
      ),
    },
    {
      key: 'object',
      header: t('audit.object'),
      width: 250,
      render: (entry) => {
        const name = objectName(entry);
        const label = `${entityLabel(entry.entityType)} ${name ?? entry.entityId.slice(0, 8)}`;
        return (
          <Tooltip label={t('audit.onlyObject')} openDelay={400}>
            <UnstyledButton
              onClick={() => changeFilter(setObject)({ id: entry.entityId, label })}
              data-testid="audit-object"
            >
              <Text size="xs" c="dimmed" lh={1.3}>
                {entityLabel(entry.entityType)}
              </Text>
              <Text size="sm" fw={500} truncate maw={230} lh={1.3}>
                {name ?? (
                  <Text span ff="monospace" size="sm">
                    {entry.entityId.slice(0, 8)}…
                  </Text>
                )}
              </Text>
            </UnstyledButton>
          </Tooltip>
        );
      },
    },
    {
      key: 'changes',
      header: t('audit.changes'),
      render: (entry) => <ChangeSummary entry={entry} nameOf={nameOf} />,
    },
    {
      key: 'details',
      header: '',
      width: 48,
      cellProps: { ta: 'right' },
      render: (entry) => (
        <Tooltip label={t('audit.allFields')}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('audit.allFields')} onClick={() => setDetails(entry)}>
            <FileSearch size={15} />
          </ActionIcon>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <Tooltip label={t('audit.refresh')}>
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => void log.refetch()}
              aria-label={t('audit.refresh')}
              loading={log.isFetching && !log.isPending}
            >
              <RefreshCw size={16} />
            </ActionIcon>
          </Tooltip>
        }
      />
      <Group gap="sm" mb="sm" align="flex-end" wrap="wrap">
        {session.multiClient && (
          <Select
            label={t('audit.scope')}
            data={[
              ...(session.clientId
                ? [{ value: 'client', label: t('audit.scopeClient', { name: session.clientName ?? '' }) }]
                : []),
              { value: 'all', label: t('audit.everything') },
            ]}
            value={session.clientId ? scope : 'all'}
            onChange={(value) => value && changeFilter(setScope)(value as 'client' | 'all')}
            allowDeselect={false}
            w={220}
            size="xs"
            data-testid="audit-scope"
          />
        )}
        <Select
          label={t('audit.objectType')}
          placeholder={t('audit.anyType')}
          data={AUDIT_ENTITY_TYPES.map((value) => ({ value, label: entityLabel(value) }))}
          value={entityType}
          onChange={(value) => {
            changeFilter(setEntityType)(value as AuditEntityType | null);
            if (value && action && !action.startsWith(`${value}.`)) setAction(null);
          }}
          clearable
          w={160}
          size="xs"
          data-testid="audit-type"
        />
        <Select
          label={t('audit.actionColumn')}
          placeholder={t('audit.anyAction')}
          data={actionOptions}
          value={action}
          onChange={changeFilter(setAction)}
          clearable
          searchable
          w={220}
          size="xs"
          data-testid="audit-action"
        />
        <DateTimePicker
          label={t('audit.from')}
          placeholder={t('audit.anyTime')}
          value={from}
          onChange={changeFilter(setFrom)}
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          w={160}
          size="xs"
        />
        <DateTimePicker
          label={t('audit.before')}
          placeholder={t('audit.now')}
          value={to}
          onChange={changeFilter(setTo)}
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          w={160}
          size="xs"
        />
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setEntityType(null);
              setAction(null);
              setFrom(null);
              setTo(null);
              setActor(undefined);
              setObject(undefined);
              paging.reset();
            }}
          >
            {t('audit.clearFilters')}
          </Button>
        )}
      </Group>
      {(actor || object) && (
        <Group gap={6} mb="sm">
          {actor && (
            <FilterChip
              label={t('audit.by', { email: actor.email })}
              onRemove={() => changeFilter(setActor)(undefined)}
            />
          )}
          {object && <FilterChip label={object.label} onRemove={() => changeFilter(setObject)(undefined)} />}
        </Group>
      )}
      <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      <ListTable
        items={log.data?.items}
        columns={columns}
        rowKey={(entry) => entry.id}
        loading={log.isPending}
        minWidth={1040}
        rowProps={(entry) => ({ 'data-testid': 'audit-row', 'data-action': entry.action })}
        empty={
          <EmptyState icon={ScrollText} title={filtered ? t('audit.noMatch') : t('audit.noneYet')}>
            {filtered ? t('audit.widen') : t('audit.appearHere')}
          </EmptyState>
        }
      />
      <CursorPager
        paging={paging}
        nextCursor={log.data?.nextCursor}
        count={log.data?.items.length}
        noun={t('audit.noun')}
      />
      <Modal
        opened={details !== undefined}
        onClose={() => setDetails(undefined)}
        title={
          <Text fw={600}>
            {details && `${entityLabel(details.entityType)} ${objectName(details) ?? ''} · ${actionLabel(details)}`}
          </Text>
        }
        size="xl"
        centered
      >
        {details && <EntryDetails entry={details} nameOf={nameOf} />}
      </Modal>
    </>
  );
}

function FilterChip({ label, onRemove }: { label: string; onRemove(): void }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color="blue"
      size="lg"
      styles={{ label: { textTransform: 'none', fontWeight: 500 } }}
      rightSection={
        <ActionIcon
          size="xs"
          variant="transparent"
          color="blue"
          onClick={onRemove}
          aria-label={t('audit.removeFilter', { label })}
        >
          <X size={12} />
        </ActionIcon>
      }
    >
      {label}
    </Badge>
  );
}

const SUMMARY_LINES = 3;

/** The changed fields in a few lines: "Role: Agent → Client admin". */
function ChangeSummary({ entry, nameOf }: { entry: AuditEntry; nameOf(id: string): string | undefined }) {
  const { t } = useTranslation();
  const changes = changedFields(entry);
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {entry.action.endsWith('password') ? t('audit.newPassword') : t('audit.noFieldChanged')}
      </Text>
    );
  const created = !entry.before;
  const deleted = !entry.after;
  return (
    <Stack gap={1}>
      {changes.slice(0, SUMMARY_LINES).map((change) => {
        const before = formatValue(change.before, nameOf, change.field);
        const after = formatValue(change.after, nameOf, change.field);
        return (
          <Text key={change.field} size="xs" truncate maw={420} title={`${before} → ${after}`}>
            <Text span size="xs" c="dimmed">
              {fieldLabel(change.field)}:{' '}
            </Text>
            {created ? (
              <Text span size="xs" c="teal.8">
                {after}
              </Text>
            ) : deleted ? (
              <Text span size="xs" c="red.8" td="line-through">
                {before}
              </Text>
            ) : (
              <>
                <Text span size="xs" c="red.8" td="line-through">
                  {before}
                </Text>
                {' → '}
                <Text span size="xs" c="teal.8" fw={500}>
                  {after}
                </Text>
              </>
            )}
          </Text>
        );
      })}
      {changes.length > SUMMARY_LINES && (
        <Text size="xs" c="dimmed">
          {t('audit.andMore', { count: changes.length - SUMMARY_LINES })}
        </Text>
      )}
    </Stack>
  );
}

function EntryDetails({ entry, nameOf }: { entry: AuditEntry; nameOf(id: string): string | undefined }) {
  const { t } = useTranslation();
  const changed = new Set(changedFields(entry).map((change) => change.field));
  // Changed fields first; the id is in the line above.
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])]
    .filter((field) => field !== 'id')
    .sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {formatDateTime(entry.at)} · {entry.actor.email ?? t('audit.deletedUser')} · <code>{entry.action}</code> ·{' '}
        {t('audit.id')} <code>{entry.entityId}</code>
      </Text>
      {fields.length === 0 ? (
        <Text size="sm">{t('audit.noFields')}</Text>
      ) : (
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={6} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.valueBefore')}</Table.Th>
              <Table.Th>{t('audit.valueAfter')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field) => (
              <Table.Tr key={field} bg={changed.has(field) ? 'yellow.0' : undefined}>
                <Table.Td fw={changed.has(field) ? 600 : undefined}>{fieldLabel(field)}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  {entry.before ? formatValue(entry.before[field], nameOf, field) : ''}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  {entry.after ? formatValue(entry.after[field], nameOf, field) : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
