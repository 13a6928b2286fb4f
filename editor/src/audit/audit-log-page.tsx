import { ActionIcon, Badge, Group, Select } from '@mantine/core';
import { ScrollText, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog } from '../api/queries';
import { AUDIT_ENTITY_TYPES, type AuditEntityType, type AuditEntry } from '../api/types';
import { useCursorPaging } from '../common/cursor-pager';
import { DateRangeFilter, FilterBar, isoOfPicked, SelectFilter, useFilters } from '../common/filters';
import { EmptyState, PageHeader, RefreshButton } from '../common/page';
import { ResourceList } from '../common/resource-list';
import { useSession } from '../shell/session';
import { auditColumns, type AuditActor, type AuditObject } from './audit-columns';
import { AuditEntryModal } from './audit-entry';
import { actionsOf, entityLabel, namesOf } from './audit-format';

/** Who changed what, when: every configuration change the caller may see, newest first. */
export function AuditLogPage() {
  const session = useSession();
  const { t } = useTranslation();
  const [scope, setScope] = useState<'client' | 'all'>('client');
  const [details, setDetails] = useState<AuditEntry | undefined>();
  const paging = useCursorPaging();
  const filters = useFilters(
    {
      entityType: null as AuditEntityType | null,
      action: null as string | null,
      from: null as string | null,
      to: null as string | null,
      actor: undefined as AuditActor | undefined,
      object: undefined as AuditObject | undefined,
    },
    paging.reset,
  );
  const { entityType, action, from, to, actor, object } = filters.values;

  // Client admins see their client's entries only; the switcher's client narrows the others' view.
  const clientId = session.multiClient && scope === 'client' ? session.clientId : undefined;
  const log = useAuditLog({
    clientId,
    entityType: entityType ?? undefined,
    action: action ?? undefined,
    actorUserId: actor?.userId,
    entityId: object?.id,
    from: isoOfPicked(from),
    to: isoOfPicked(to),
    cursor: paging.cursor,
  });
  const nameOf = namesOf(log.data?.names);

  const actionOptions = (entityType ? [entityType] : AUDIT_ENTITY_TYPES).flatMap((type) =>
    actionsOf(type).map(({ verb, label }) => ({
      value: `${type}.${verb}`,
      label: entityType ? label : `${entityLabel(type)} · ${label}`,
    })),
  );

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={<RefreshButton label={t('audit.refresh')} query={log} />}
      />
      <ResourceList
        query={log}
        paging={paging}
        noun={t('audit.noun')}
        columns={auditColumns({
          nameOf,
          onActor: filters.set('actor'),
          onObject: filters.set('object'),
          onDetails: setDetails,
        })}
        minWidth={1040}
        rowProps={(entry) => ({ 'data-testid': 'audit-row', 'data-action': entry.action })}
        filters={
          <>
            <FilterBar filters={filters}>
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
                  onChange={(value) => {
                    if (!value) return;
                    setScope(value as 'client' | 'all');
                    paging.reset();
                  }}
                  allowDeselect={false}
                  w={220}
                  size="xs"
                  data-testid="audit-scope"
                />
              )}
              <SelectFilter
                label={t('audit.objectType')}
                placeholder={t('audit.anyType')}
                data={AUDIT_ENTITY_TYPES.map((value) => ({ value, label: entityLabel(value) }))}
                value={entityType}
                onChange={(value) => {
                  filters.set('entityType')(value as AuditEntityType | null);
                  if (value && action && !action.startsWith(`${value}.`)) filters.set('action')(null);
                }}
                w={160}
                data-testid="audit-type"
              />
              <SelectFilter
                label={t('audit.actionColumn')}
                placeholder={t('audit.anyAction')}
                data={actionOptions}
                value={action}
                onChange={filters.set('action')}
                searchable
                w={220}
                data-testid="audit-action"
              />
              <DateRangeFilter filters={filters} w={160} from={t('audit.from')} before={t('audit.before')} />
            </FilterBar>
            {(actor || object) && (
              <Group gap={6} mb="sm">
                {actor && (
                  <FilterChip
                    label={t('audit.by', { email: actor.email })}
                    onRemove={() => filters.set('actor')(undefined)}
                  />
                )}
                {object && <FilterChip label={object.label} onRemove={() => filters.set('object')(undefined)} />}
              </Group>
            )}
          </>
        }
        empty={
          <EmptyState icon={ScrollText} title={filters.active ? t('audit.noMatch') : t('audit.noneYet')}>
            {filters.active ? t('audit.widen') : t('audit.appearHere')}
          </EmptyState>
        }
      />
      <AuditEntryModal entry={details} nameOf={nameOf} onClose={() => setDetails(undefined)} />
    </>
  );
}

/** A filter set by a click in the list (a person, an object), with a way to take it off. */
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
