import { Button, Skeleton, Stack } from '@mantine/core';
import { Building2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert } from '../common/page';
import { useSession } from './session';

/** Renders the page for the client in scope, or says how to get one. */
export function RequireClient({ children }: { children: (clientId: string) => ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  if (session.clientsLoading) {
    return (
      <Stack>
        <Skeleton height={28} width={240} />
        <Skeleton height={220} />
      </Stack>
    );
  }
  if (session.clientsError)
    return <ErrorAlert error={session.clientsError} title={t('shell.requireClient.clientsNotLoaded')} />;
  if (session.me.role === 'agent') {
    return (
      <EmptyState icon={Building2} title={t('shell.requireClient.adminsOnly')}>
        {t('shell.requireClient.agentsWorkInDesk')}
      </EmptyState>
    );
  }
  if (!session.clientId) {
    return (
      <EmptyState
        icon={Building2}
        title={t('shell.requireClient.noClientYet')}
        action={
          session.multiClient ? (
            <Button component={Link} to="/clients">
              {t('shell.requireClient.createClient')}
            </Button>
          ) : undefined
        }
      >
        {t('shell.requireClient.allBelongToClient')}{' '}
        {session.multiClient ? t('shell.requireClient.createFirst') : t('shell.requireClient.notLinked')}
      </EmptyState>
    );
  }
  return <>{children(session.clientId)}</>;
}
