import { Alert, Button, Group, Text } from '@mantine/core';
import { AlarmClockOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../contract/desk';

/** Tells an agent who let an offer time out why nothing new arrives, and brings them back. */
export function NotRespondingNotice({
  status,
  busy,
  onAvailable,
}: {
  status: AgentStatus;
  busy: boolean;
  onAvailable: () => void;
}) {
  const { t } = useTranslation();
  if (status !== 'not_responding') return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<AlarmClockOff size={18} />}
      title={t('desk.notResponding')}
      data-testid="not-responding"
    >
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('desk.notRespondingText')}</Text>
        <Button size="xs" color="teal" loading={busy} onClick={onAvailable} data-testid="available-again">
          {t('desk.availableAgain')}
        </Button>
      </Group>
    </Alert>
  );
}
