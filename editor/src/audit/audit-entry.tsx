import { Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api/types';
import { formatDateTime } from '../common/format';
import {
  actionLabel,
  changedFields,
  entityLabel,
  fieldLabel,
  formatValue,
  objectName,
  type NameOf,
} from './audit-format';

/** Every recorded field of one entry, before and after, the changed ones first and marked. */
export function AuditEntryModal({
  entry,
  nameOf,
  onClose,
}: {
  entry: AuditEntry | undefined;
  nameOf: NameOf;
  onClose(): void;
}) {
  return (
    <Modal
      opened={entry !== undefined}
      onClose={onClose}
      title={
        <Text fw={600}>
          {entry && `${entityLabel(entry.entityType)} ${objectName(entry) ?? ''} · ${actionLabel(entry)}`}
        </Text>
      }
      size="xl"
      centered
    >
      {entry && <EntryDetails entry={entry} nameOf={nameOf} />}
    </Modal>
  );
}

function EntryDetails({ entry, nameOf }: { entry: AuditEntry; nameOf: NameOf }) {
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
                {[entry.before, entry.after].map((side, index) => (
                  <Table.Td key={index} style={{ wordBreak: 'break-word' }}>
                    {side ? formatValue(side[field], nameOf, field) : ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

const SUMMARY_LINES = 3;

/** The changed fields in a few lines: "Role: Agent → Client admin". */
export function ChangeSummary({ entry, nameOf }: { entry: AuditEntry; nameOf: NameOf }) {
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
