import { Alert, Text } from '@mantine/core';
import { Forward } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DeskMediaEvent } from '../../../contract/desk';

/** On a transferred-in offer or held card: who handed it on, and their note. */
export function TransferNote({ transfer }: { transfer: NonNullable<DeskMediaEvent['transfer']> }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="violet"
      variant="light"
      p="xs"
      mb="sm"
      icon={<Forward size={16} />}
      title={transfer.by ? t('desk.transfer.from', { by: transfer.by }) : t('desk.transfer.fromSomeone')}
      data-testid="transfer-note-shown"
    >
      {transfer.note && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {transfer.note}
        </Text>
      )}
    </Alert>
  );
}
