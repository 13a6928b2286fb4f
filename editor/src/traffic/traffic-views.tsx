import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

const VIEWS = { sms: '/traffic', conversations: '/traffic/conversations' } as const;
export type TrafficView = keyof typeof VIEWS;

/** Traffic's two views: the inbound SMS one by one, and the conversations they make. */
export function TrafficViews({ current }: { current: TrafficView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SegmentedControl
      mb="sm"
      size="xs"
      value={current}
      onChange={(value) => navigate(VIEWS[value as TrafficView])}
      data={(Object.keys(VIEWS) as TrafficView[]).map((view) => ({ value: view, label: t(`traffic.views.${view}`) }))}
      data-testid="traffic-views"
    />
  );
}
