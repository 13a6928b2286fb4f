import { useQuery } from '@tanstack/react-query';
import type { DeskPauseReasons, PauseReason } from '../../../contract/pause-reasons';
import { get, getAll } from '../api/http';

export const pauseReasonKeys = {
  client: (clientId: string) => ['pause-reasons', clientId] as const,
  desk: ['desk', 'pause-reasons'] as const,
};

/** A client's pause reasons, as their admins manage them. */
export const usePauseReasons = (clientId: string | undefined) =>
  useQuery({
    queryKey: pauseReasonKeys.client(clientId ?? ''),
    queryFn: () => getAll<PauseReason>('/api/pause-reasons', { clientId }),
    enabled: clientId !== undefined,
  });

/** The reasons the agent's desk offers when pausing, in their order. */
export const useDeskPauseReasons = () =>
  useQuery({
    queryKey: pauseReasonKeys.desk,
    queryFn: async () => (await get<DeskPauseReasons>('/api/desk/pause-reasons')).items,
  });
