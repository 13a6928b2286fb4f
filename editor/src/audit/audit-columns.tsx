import { Anchor, Badge, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { FileSearch } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { momentColumn, type ListColumn } from '../common/list-table';
import { actionsColumn, RowAction } from '../common/row-actions';
import { t } from '../i18n/setup-i18n';
import {
  actionLabel,
  changedFields,
  DESTRUCTIVE,
  entityLabel,
  fieldLabel,
  formatValue,
  objectName,
  type NameOf,
} from './audit-format';

/** Who acted, by user id and e-mail: what the "only this person" filter holds. */
export interface AuditActor {
  userId: string;
  email: string;
}

/** One object, by id, with the words its filter chip shows. */
export interface AuditObject {
  id: string;
  label: string;
}

/** The audit log's columns; a click on a person or an object narrows the log to it. */
export function auditColumns({
  nameOf,
  onActor,
  onObject,
  onDetails,
}: {
  nameOf: NameOf;
  onActor(actor: AuditActor): void;
  onObject(object: AuditObject): void;
  onDetails(entry: AuditEntry): void;
}): ListColumn<AuditEntry>[] {
  return [
    momentColumn('at', t('audit.when'), (entry) => entry.at),
    {
      key: 'actor',
      header: t('audit.who'),
      width: 220,
      render: ({ actor }) =>
        actor.userId ? (
          <Tooltip label={t('audit.onlyPerson')} openDelay={400}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              c="dark"
              truncate
              maw={200}
              display="block"
              onClick={() => onActor({ userId: actor.userId!, email: actor.email ?? '' })}
            >
              {actor.email}
            </Anchor>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed" truncate maw={200}>
            {actor.email ?? t('audit.deletedUser')}
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
        const shortId = entry.entityId.slice(0, 8);
        return (
          <Tooltip label={t('audit.onlyObject')} openDelay={400}>
            <UnstyledButton
              onClick={() =>
                onObject({ id: entry.entityId, label: `${entityLabel(entry.entityType)} ${name ?? shortId}` })
              }
              data-testid="audit-object"
            >
              <Text size="xs" c="dimmed" lh={1.3}>
                {entityLabel(entry.entityType)}
              </Text>
              <Text size="sm" fw={500} truncate maw={230} lh={1.3}>
                {name ?? (
                  <Text span ff="monospace" size="sm">
                    {shortId}…
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
    actionsColumn(48, (entry) => (
      <RowAction
        icon={FileSearch}
        tooltip={t('audit.allFields')}
        label={t('audit.allFields')}
        onClick={() => onDetails(entry)}
      />
    )),
  ];
}

const SUMMARY_LINES = 3;

/** The changed fields in a few lines: "Role: Agent → Client admin". */
function ChangeSummary({ entry, nameOf }: { entry: AuditEntry; nameOf: NameOf }) {
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
        const removed = (
          <Text span size="xs" c="red.8" td="line-through">
            {before}
          </Text>
        );
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
              removed
            ) : (
              <>
                {removed}
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
