import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OptOut, OptOutSettings } from '../../../contract/opt-outs';
import { get, query, type Page } from '../api/http';

export type { OptOut, OptOutSettings };

export const optOutKeys = {
  all: (clientId: string) => ['opt-outs', clientId] as const,
  list: (clientId: string, search: string, cursor: string | undefined) =>
    ['opt-outs', clientId, 'list', search, cursor] as const,
  settings: (clientId: string) => ['opt-outs', clientId, 'settings'] as const,
};

/** One page of a client's opt-out list, newest first, narrowed to numbers with `search`'s digits. */
export const useOptOutPage = (clientId: string, search: string, cursor: string | undefined) =>
  useQuery({
    queryKey: optOutKeys.list(clientId, search, cursor),
    queryFn: () => get<Page<OptOut>>(`/api/opt-outs${query({ clientId, search, cursor, limit: 50 })}`),
    placeholderData: keepPreviousData,
  });

export const useOptOutSettings = (clientId: string) =>
  useQuery({
    queryKey: optOutKeys.settings(clientId),
    queryFn: () => get<OptOutSettings>(`/api/opt-outs/settings/${clientId}`),
  });

/** Where the browser downloads the list as CSV (the session cookie authenticates it). */
export const optOutExportUrl = (clientId: string, search: string) =>
  `/api/opt-outs/export${query({ clientId, search })}`;
