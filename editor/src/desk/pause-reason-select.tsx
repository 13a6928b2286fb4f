import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDeskPauseReasons } from '../pause-reasons/pause-reason-queries';

const NO_REASON = 'none';

/**
 * The reason of the agent's pause, from their client's list (issue 16). Offered, not required:
 * an agent can always step away, and the live view shows a pause without one as such. Choosing
 * another reason while paused is a change of its own in the status history.
 */
export function PauseReasonSelect({
  current,
  disabled,
  onChoose,
}: {
  /** The name of the reason the agent paused with; null without one. */
  current: string | null;
  disabled: boolean;
  onChoose(pauseReasonId: string | null): void;
}) {
  const { t } = useTranslation();
  const reasons = useDeskPauseReasons();
  const items = reasons.data ?? [];
  if (items.length === 0) return null;
  const chosen = items.find((reason) => reason.name === current);
  return (
    <Select
      size="xs"
      w={220}
      aria-label={t('pauseReasons.desk.reason')}
      data-testid="pause-reason"
      placeholder={t('pauseReasons.desk.choose')}
      // Without a reason (or one deleted since the pause, no longer listed) the placeholder asks.
      value={chosen?.id ?? null}
      disabled={disabled}
      allowDeselect={false}
      data={[
        ...items.map((reason) => ({ value: reason.id, label: reason.name })),
        { value: NO_REASON, label: t('pauseReasons.desk.none') },
      ]}
      onChange={(value) => {
        if (value !== null) onChoose(value === NO_REASON ? null : value);
      }}
    />
  );
}
