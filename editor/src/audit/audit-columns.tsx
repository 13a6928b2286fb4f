import { Anchor, Badge, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { FileSearch } from 'lucide-react';
import type { AuditEntry } from '../api/types';
import { momentColumn, type ListColumn } from '../common/list-table';
import { actionsColumn, RowAction } from '../common/row-actions';
import { t } from '../i18n/setup-i18n';
import { ChangeSummary } from './audit-entry';
import { actionLabel, DESTRUCTIVE, entityLabel, objectName, type NameOf } from './audit-format';

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
