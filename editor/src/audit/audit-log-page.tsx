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
import { useAuditLog, useResellers, type AuditFilters } from '../api/queries';
import { AUDIT_ENTITY_TYPES, type AuditEntityType, type AuditEntry } from '../api/types';
import { CursorPager, useCursorPaging } from '../common/cursor-pager';
import { formatDateTime, formatShortDateTime } from '../common/format';
import { ListTable, type ListColumn } from '../common/list-table';
import { EmptyState, ErrorAlert, PageHeader } from '../common/page';
import { useSession } from '../shell/session';
import {
  ACTIONS,
  actionLabel,
  changedFields,
  DESTRUCTIVE,
  ENTITY_LABELS,
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
    Object.entries(ACTIONS[type]).map(([verb, label]) => ({
      value: `${type}.${verb}`,
      label: entityType ? label : `${ENTITY_LABELS[type]} · ${label}`,
    })),
  );

  const columns: ListColumn<AuditEntry>[] = [
    {
      key: 'at',
      header: 'When',
      width: 150,
      render: (entry) => (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(entry.at)}>
          {formatShortDateTime(entry.at)}
        </Text>
      ),
    },
    {
      key: 'actor',
      header: 'Who',
      width: 220,
      render: (entry) =>
        entry.actor.userId ? (
          <Tooltip label="Show only this person's changes" openDelay={400}>
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
            {entry.actor.email ?? 'a deleted user'}
          </Text>
        ),
    },
    {
      key: 'action',
      header: 'Action',
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
      header: 'Object',
      width: 250,
      render: (entry) => {
        const name = objectName(entry);
        const label = `${ENTITY_LABELS[entry.entityType] ?? entry.entityType} ${name ?? entry.entityId.slice(0, 8)}`;
        return (
          <Tooltip label="Show only this object's history" openDelay={400}>
            <UnstyledButton
              onClick={() => changeFilter(setObject)({ id: entry.entityId, label })}
              data-testid="audit-object"
            >
              <Text size="xs" c="dimmed" lh={1.3}>
                {ENTITY_LABELS[entry.entityType] ?? entry.entityType}
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
      header: 'Changes',
      render: (entry) => <ChangeSummary entry={entry} nameOf={nameOf} />,
    },
    {
      key: 'details',
      header: '',
      width: 48,
      cellProps: { ta: 'right' },
      render: (entry) => (
        <Tooltip label="All fields">
          <ActionIcon variant="subtle" color="gray" aria-label="All fields" onClick={() => setDetails(entry)}>
            <FileSearch size={15} />
          </ActionIcon>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to configuration and accounts: who made it, when, and the fields before and after. Secrets (passwords, tokens, keys) are never recorded."
        actions={
          <Tooltip label="Refresh">
            <ActionIcon
              variant="default"
              size="lg"
              onClick={() => void log.refetch()}
              aria-label="Refresh"
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
            label="Scope"
            data={[
              ...(session.clientId ? [{ value: 'client', label: `Client · ${session.clientName}` }] : []),
              { value: 'all', label: 'Everything you can see' },
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
          label="Object type"
          placeholder="Any type"
          data={AUDIT_ENTITY_TYPES.map((value) => ({ value, label: ENTITY_LABELS[value] }))}
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
          label="Action"
          placeholder="Any action"
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
          label="From"
          placeholder="Any time"
          value={from}
          onChange={changeFilter(setFrom)}
          clearable
          valueFormat="YYYY-MM-DD HH:mm"
          w={160}
          size="xs"
        />
        <DateTimePicker
          label="Before"
          placeholder="Now"
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
            Clear filters
          </Button>
        )}
      </Group>
      {(actor || object) && (
        <Group gap={6} mb="sm">
          {actor && <FilterChip label={`By ${actor.email}`} onRemove={() => changeFilter(setActor)(undefined)} />}
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
          <EmptyState icon={ScrollText} title={filtered ? 'No change matches these filters' : 'No changes yet'}>
            {filtered
              ? 'Widen the time range or clear the filters.'
              : 'Changes to connectors, ACD groups, routing applications, users and API keys appear here as they happen.'}
          </EmptyState>
        }
      />
      <CursorPager paging={paging} nextCursor={log.data?.nextCursor} count={log.data?.items.length} noun="changes" />
      <Modal
        opened={details !== undefined}
        onClose={() => setDetails(undefined)}
        title={
          <Text fw={600}>
            {details && `${ENTITY_LABELS[details.entityType]} ${objectName(details) ?? ''} · ${actionLabel(details)}`}
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
          aria-label={`Remove filter ${label}`}
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
  const changes = changedFields(entry);
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {entry.action.endsWith('password') ? 'New password (never recorded)' : 'No field changed'}
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
          and {changes.length - SUMMARY_LINES} more
        </Text>
      )}
    </Stack>
  );
}

function EntryDetails({ entry, nameOf }: { entry: AuditEntry; nameOf(id: string): string | undefined }) {
  const changed = new Set(changedFields(entry).map((change) => change.field));
  // Changed fields first; the id is in the line above.
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])]
    .filter((field) => field !== 'id')
    .sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {formatDateTime(entry.at)} · {entry.actor.email ?? 'a deleted user'} · <code>{entry.action}</code> · id{' '}
        <code>{entry.entityId}</code>
      </Text>
      {fields.length === 0 ? (
        <Text size="sm">No fields were recorded for this change.</Text>
      ) : (
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={6} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Field</Table.Th>
              <Table.Th>Before</Table.Th>
              <Table.Th>After</Table.Th>
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
