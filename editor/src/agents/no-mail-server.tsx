import { Alert, Text } from '@mantine/core';
import { MailX } from 'lucide-react';

/** Why an agent who takes SMS by e-mail is offered none on this server (said the same everywhere). */
export const NO_MAIL_SERVER_REASON = 'Takes SMS by e-mail, but this server has no mail server';

/** Shown where an agent is set to take SMS by e-mail while the server has no mail server. */
export function NoMailServerWarning({ agents, testId }: { agents?: number; testId?: string }) {
  const who =
    agents === undefined
      ? 'An agent who takes SMS by e-mail is'
      : agents === 1
        ? 'One agent takes SMS by e-mail and is'
        : `${agents} agents take SMS by e-mail and are`;
  return (
    <Alert color="orange" variant="light" icon={<MailX size={16} />} p="xs" data-testid={testId}>
      <Text size="sm">
        This server has no mail server (SMTP_URL is not set). {who} never offered an SMS, so the SMS of their groups
        wait for the other members. Choose the agent desk, or have a mail server set up.
      </Text>
    </Alert>
  );
}
