import { Alert, Stack, Text } from '@mantine/core';
import { Siren } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AcdGroupLive } from '../../../contract/acd-groups';
import { durationSince } from '../desk/agent-status-labels';

/** Which of the group's thresholds its queue passes now: too long, or its oldest SMS waiting too long. */
export function queueWarnings(data: AcdGroupLive, now: number): { length: boolean; wait: boolean } {
  const { warnQueueLength, warnWaitSeconds } = data.group;
  const waited = data.oldestQueuedAt ? (now - Date.parse(data.oldestQueuedAt)) / 1000 : 0;
  return {
    length: warnQueueLength !== null && data.queueLength > warnQueueLength,
    wait: warnWaitSeconds !== null && data.oldestQueuedAt !== null && waited > warnWaitSeconds,
  };
}

/** The warnings an admin set on the group, shown while the queue passes them. */
export function QueueWarnings({ data, now }: { data: AcdGroupLive; now: number }) {
  const { t } = useTranslation();
  const warnings = queueWarnings(data, now);
  if (!warnings.length && !warnings.wait) return null;
  const limit = durationSince(new Date(now - (data.group.warnWaitSeconds ?? 0) * 1000).toISOString(), now);
  return (
    <Alert color="red" variant="light" icon={<Siren size={16} />} p="xs" data-testid="queue-warning">
      <Stack gap={2}>
        {warnings.length && (
          <Text size="sm">{t('liveQueue.warnLength', { limit: data.group.warnQueueLength ?? 0 })}</Text>
        )}
        {warnings.wait && <Text size="sm">{t('liveQueue.warnWait', { limit })}</Text>}
      </Stack>
    </Alert>
  );
}
