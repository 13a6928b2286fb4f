import { useCallback, useEffect, useRef, useState } from 'react';
import { deskEventKinds, type AgentStatus, type DeskSnapshot } from '../../../server/acd/desk-shapes';
import { get, post, put } from '../api/http';
import { applyDeskEvent, deskStateFrom, type DeskState, type DeskStreamEvent } from './desk-state';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/**
 * The agent's desk, kept live: a snapshot, then the desk stream from the snapshot's position.
 * The browser resumes a dropped stream with Last-Event-ID by itself; when the stream is closed
 * for good (or the server says "reset") the desk reloads its snapshot and streams again.
 */
export function useDesk() {
  const [state, setState] = useState<DeskState>();
  const [agent, setAgent] = useState<DeskSnapshot['agent']>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let source: EventSource | undefined;
    let closed = false;
    const reopenLater = () => {
      clearTimeout(retryTimer.current);
      retryTimer.current = setTimeout(reload, 3000);
    };
    (async () => {
      const snapshot = await get<DeskSnapshot>('/api/desk');
      if (closed) return;
      setError(undefined);
      setAgent(snapshot.agent);
      setState(deskStateFrom(snapshot));
      source = new EventSource(`/api/desk/stream?lastEventId=${snapshot.lastEventId}`);
      source.onopen = () => setConnection('live');
      source.onerror = () => {
        setConnection('reconnecting');
        if (source?.readyState === EventSource.CLOSED) reopenLater();
      };
      for (const kind of deskEventKinds) {
        source.addEventListener(kind, (message: MessageEvent<string>) => {
          if (kind === 'reset') {
            source?.close();
            reload();
            return;
          }
          const event = { id: Number(message.lastEventId), kind, data: JSON.parse(message.data) } as DeskStreamEvent;
          setState((current) => (current ? applyDeskEvent(current, event) : current));
        });
      }
    })().catch((failure: unknown) => {
      if (closed) return;
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      setConnection('reconnecting');
      reopenLater();
    });
    return () => {
      closed = true;
      source?.close();
      clearTimeout(retryTimer.current);
    };
  }, [generation, reload]);

  const setStatus = useCallback(async (status: AgentStatus) => {
    const answer = await put<{ status: AgentStatus; statusSince: string }>('/api/desk/status', { status });
    setState((current) => (current ? { ...current, ...answer } : current));
  }, []);
  const act = useCallback(
    (mediaEventId: string, action: 'accept' | 'decline' | 'complete') =>
      post(`/api/desk/media-events/${mediaEventId}/${action}`),
    [],
  );

  return { state, agent, connection, error, reload, setStatus, act };
}
