import { create } from 'zustand';

const storageKey = (userId: string) => `switchboard.client.${userId}`;

interface ClientScopeState {
  /** The client every page shows, for users who may see several; remembered per user. */
  selected: Record<string, string | undefined>;
  select(userId: string, clientId: string): void;
}

export const useClientScopeStore = create<ClientScopeState>((set) => ({
  selected: {},
  select(userId, clientId) {
    try {
      localStorage.setItem(storageKey(userId), clientId);
    } catch {
      // Private mode: the choice then lasts for this tab only.
    }
    set((state) => ({ selected: { ...state.selected, [userId]: clientId } }));
  },
}));

export function rememberedClient(userId: string): string | undefined {
  try {
    return localStorage.getItem(storageKey(userId)) ?? undefined;
  } catch {
    return undefined;
  }
}
