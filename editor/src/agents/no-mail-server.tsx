import { Alert, Text } from '@mantine/core';
import { MailX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { t } from '../i18n/setup-i18n';

/** Why an agent who takes SMS by e-mail is offered none on this server (said the same everywhere). */
export const noMailServerReason = (): string => t('agents.noMailServer.reason');

/** Shown where an agent is set to take SMS by e-mail while the server has no mail server. */
export function NoMailServerWarning({ agents, testId }: { agents?: number; testId?: string }) {
  const { t } = useTranslation();
  const who =
    agents === undefined ? t('agents.noMailServer.whoUnknown') : t('agents.noMailServer.who', { count: agents });
  return (
    <Alert color="orange" variant="light" icon={<MailX size={16} />} p="xs" data-testid={testId}>
      <Text size="sm">{t('agents.noMailServer.text', { who })}</Text>
    </Alert>
  );
}
