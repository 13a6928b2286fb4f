import { Alert } from '@mantine/core';
import { Link2Off } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DeskLink } from './desk-link';

/** Says that what an e-mail's link names is not on this desk (and nothing else about it). */
export function DeskLinkNotice({ kind, onDismiss }: { kind: DeskLink['kind']; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<Link2Off size={18} />}
      title={t('desk.link.title')}
      withCloseButton
      closeButtonLabel={t('desk.link.dismiss')}
      onClose={onDismiss}
      data-testid="desk-link-notice"
    >
      {t(`desk.link.${kind}`)}
    </Alert>
  );
}
