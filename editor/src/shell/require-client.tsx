import { Button, Skeleton, Stack } from '@mantine/core';
import { Building2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert } from '../common/page';
import { useSession } from './session';

/** Renders the page for the client in scope, or says how to get one. */
export function RequireClient({ children }: { children: (clientId: string) => ReactNode }) {
  const session = useSession();
  if (session.clientsLoading) {
    return (
      <Stack>
        <Skeleton height={28} width={240} />
        <Skeleton height={220} />
      </Stack>
    );
  }
  if (session.clientsError) return <ErrorAlert error={session.clientsError} title="The clients could not be loaded" />;
  if (session.me.role === 'agent') {
    return (
      <EmptyState icon={Building2} title="This console is for administrators">
        Agents work in the agent desk. Ask an administrator if you need access to routing.
      </EmptyState>
    );
  }
  if (!session.clientId) {
    return (
      <EmptyState
        icon={Building2}
        title="No client yet"
        action={
          session.multiClient ? (
            <Button component={Link} to="/clients">
              Create a client
            </Button>
          ) : undefined
        }
      >
        Connectors, ACD groups, routing applications and traffic all belong to a client.
        {session.multiClient
          ? ' Create the first client, then choose it in the header.'
          : ' Your account is not linked to a client.'}
      </EmptyState>
    );
  }
  return <>{children(session.clientId)}</>;
}
