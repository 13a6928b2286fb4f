import { Text, Timeline } from '@mantine/core';
import {
  CheckCheck,
  CircleCheck,
  CircleX,
  Clock,
  Hourglass,
  Inbox,
  Mail,
  MailX,
  Send,
  Undo2,
  UserX,
} from 'lucide-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandlingStep } from '../api/types';
import { formatDateTime } from '../common/format';

const ICONS: Record<HandlingStep['kind'], ComponentType<{ size?: number }>> = {
  queued: Inbox,
  offered: Send,
  accepted: CircleCheck,
  declined: CircleX,
  timed_out: Clock,
  withdrawn: Undo2,
  delivered: Mail,
  failed: MailX,
  completed: CheckCheck,
  wait_exceeded: Hourglass,
  cancelled: UserX,
};

const COLORS: Partial<Record<HandlingStep['kind'], string>> = {
  accepted: 'teal',
  completed: 'teal',
  delivered: 'teal',
  declined: 'orange',
  timed_out: 'orange',
  withdrawn: 'gray',
  failed: 'red',
  wait_exceeded: 'red',
  cancelled: 'red',
};

/** Who handled an SMS and when, as a time line: offered to whom, and how each offer and the SMS ended. */
export function HandlingTimeline({ steps }: { steps: HandlingStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('traffic.detail.noHandling')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} active={steps.length - 1} data-testid="handling-timeline">
      {steps.map((step, index) => {
        const Icon = ICONS[step.kind];
        const agent = step.agentName ?? t('traffic.detail.removedUser');
        const key =
          step.kind === 'offered' && step.channel === 'email'
            ? ('traffic.detail.step.offeredByEmail' as const)
            : (`traffic.detail.step.${step.kind}` as const);
        return (
          <Timeline.Item
            key={`${step.at}-${index}`}
            bullet={<Icon size={12} />}
            color={COLORS[step.kind] ?? 'blue'}
            title={<Text size="sm">{t(key, { agent })}</Text>}
            data-testid="handling-step"
            data-kind={step.kind}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(step.at)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
