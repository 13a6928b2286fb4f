import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Client, Me } from '../api/types';
import { useClients } from '../api/queries';
import { rememberedClient, useClientScopeStore } from './client-scope';
import { useAccountLanguage } from '../i18n/language-switch';
import { t } from '../i18n/setup-i18n';

export interface Session {
  me: Me;
  /** Whether the user may see several clients (and so has the client switcher). */
  multiClient: boolean;
  canEditConnectors: boolean;
  /** The client the pages are scoped to; undefined while none exists or is chosen. */
  clientId: string | undefined;
  clientName: string | undefined;
  clients: Client[];
  clientsLoading: boolean;
  clientsError: Error | null;
  selectClient(clientId: string): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  useAccountLanguage(me);
  const multiClient = me.role === 'system_admin' || me.role === 'reseller_admin';
  const clients = useClients(multiClient);
  const selected = useClientScopeStore((state) => state.selected[me.id]);
  const select = useClientScopeStore((state) => state.select);

  const session = useMemo<Session>(() => {
    const list = clients.data ?? [];
    let clientId: string | undefined;
    let clientName: string | undefined;
    if (!multiClient) {
      clientId = me.client?.id;
      clientName = me.client?.name ?? undefined;
    } else {
      const wanted = selected ?? rememberedClient(me.id);
      const found = list.find((client) => client.id === wanted) ?? list[0];
      clientId = found?.id;
      clientName = found?.name;
    }
    return {
      me,
      multiClient,
      canEditConnectors: multiClient,
      clientId,
      clientName,
      clients: list,
      clientsLoading: multiClient && clients.isLoading,
      clientsError: clients.error,
      selectClient: (id: string) => select(me.id, id),
    };
  }, [me, multiClient, clients.data, clients.isLoading, clients.error, selected, select]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** A role's name in the UI's language. */
export const roleLabel = (role: Me['role']): string => t(`shell.roles.${role}`);
