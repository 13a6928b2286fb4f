import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { GroupWrapUp } from '../../../contract/wrap-up-codes';
import { get } from '../api/http';
import { groupWrapUpKey } from './wrap-up-dialog';

/**
 * Closing a conversation with its group's wrap-up rule: `close()` asks for a code (`asking`, the
 * wrap-up dialog) only where the group offers some, else closes at once with `closeNow`. The rule
 * is read with the card, so the button knows at once; one still loading is waited for.
 */
export function useWrapUpClose(acdGroupId: string | null, closeNow: () => void) {
  const [asking, setAsking] = useState(false);
  const [checking, setChecking] = useState(false);
  const rule = useQuery({
    queryKey: groupWrapUpKey(acdGroupId ?? ''),
    queryFn: () => get<GroupWrapUp>(`/api/desk/acd-groups/${acdGroupId}/wrap-up`),
    enabled: acdGroupId !== null,
  });
  const close = async () => {
    setChecking(true);
    try {
      const current = rule.data ?? (acdGroupId ? (await rule.refetch()).data : undefined);
      if (current && current.offered.length > 0) setAsking(true);
      else closeNow();
    } finally {
      setChecking(false);
    }
  };
  return { rule: rule.data, asking, checking, close, stopAsking: () => setAsking(false) };
}
