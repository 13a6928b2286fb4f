import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  deskEventKinds,
  type AgentStatus,
  type DeskMediaEvent,
  type DeskSnapshot,
  type DeskStatus,
} from '../../../contract/desk';
import { ApiError, get, post, put } from '../api/http';
import {
  applyActionResult,
  applyDeskEvent,
  deskStateFrom,
  type DeskAction,
  type DeskState,
  type DeskStreamEvent,
  holdsConversation,
  withoutHeldConversation,
} from './desk-state';
import { deskConversationKey, withMessageStatus, type DeskConversation } from './desk-conversation-query';

export type Connection = 'connecting' | 'live' | 'reconnecting';

const RETRY_MS = 3000;

/**
 * The agent's desk, kept live: a snapshot, then the desk stream from the snapshot's position.
 * The browser resumes a dropped stream with Last-Event-ID by itself; when the stream is closed
 * for good (or the server says "reset") the desk reloads its snapshot and streams again.
 */
export function useDesk(enabled = true) {
  const [state, setState] = useState<DeskState>();
  const [agent, setAgent] = useState<DeskSnapshot['agent']>();
  const [connection, setConnection] = useState<Connection>('connecting');
  /** When the stream was lost (undefined while live). */
  const [lostAt, setLostAt] = useState<number>();
  const [error, setError] = useState<Error>();
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const live = useRef(false);
  const queryClient = useQueryClient();
  /** The state the stream's handlers read (they are set up once per snapshot). */
  const current = useRef<DeskState>(undefined);
  useEffect(() => {
    current.current = state;
  }, [state]);

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | undefined;
    let closed = false;
    const lost = () => {
      live.current = false;
      setConnection('reconnecting');
      setLostAt((at) => at ?? Date.now());
    };
    const reopenLater = () => {
      clearTimeout(retryTimer.current);
      retryTimer.current = setTimeout(reload, RETRY_MS);
    };
    (async () => {
      const snapshot = await get<DeskSnapshot>('/api/desk');
      if (closed) return;
      setError(undefined);
      setAgent(snapshot.agent);
      setState(deskStateFrom(snapshot));
      source = new EventSource(`/api/desk/stream?lastEventId=${snapshot.lastEventId}`);
      source.onopen = () => {
        live.current = true;
        setConnection('live');
        setLostAt(undefined);
      };
      source.onerror = () => {
        lost();
        // CONNECTING: the browser retries with Last-Event-ID itself. CLOSED: it gave up.
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
          // A new SMS in a held conversation: its thread, if open, reads it.
          if (event.kind === 'message') {
            void queryClient.invalidateQueries({ queryKey: deskConversationKey(event.data.conversationId) });
            // One the desk does not list yet: taken by e-mail since the snapshot (no event says so).
            const known = current.current;
            if (known && !holdsConversation(known, event.data.conversationId)) reload();
          }
          // A reply moved on (sent, delivered, failed): its badge changes at once; a thread that
          // does not have the reply yet reads it.
          if (event.kind === 'message-status') {
            const key = deskConversationKey(event.data.conversationId);
            const updated = withMessageStatus(queryClient.getQueryData<DeskConversation>(key), event.data);
            if (updated) queryClient.setQueryData(key, updated);
            else void queryClient.invalidateQueries({ queryKey: key });
          }
        });
      }
    })().catch((failure: unknown) => {
      if (closed) return;
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      lost();
      // Asking again will not help a 4xx (a 401 sends the user to the sign-in page anyway).
      if (!(failure instanceof ApiError && failure.status >= 400 && failure.status < 500)) reopenLater();
    });
    // Back online: do not wait for the next retry.
    window.addEventListener('online', reload);
    return () => {
      closed = true;
      source?.close();
      clearTimeout(retryTimer.current);
      window.removeEventListener('online', reload);
    };
  }, [enabled, generation, reload, queryClient]);

  /** Sets the agent's status; a pause may carry one of the client's reasons. */
  const setStatus = useCallback(async (status: AgentStatus, pauseReasonId?: string | null) => {
    const body = pauseReasonId === undefined ? { status } : { status, pauseReasonId };
    const answer = await put<DeskStatus>('/api/desk/status', body);
    setState((current) => (current ? { ...current, ...answer, pauseReason: answer.pauseReason ?? null } : current));
  }, []);

  /** Shows what an action answered at once (see `applyActionResult`). */
  const settle = useCallback(
    (action: DeskAction, event: DeskMediaEvent) => {
      setState((current) => (current ? applyActionResult(current, action, event) : current));
      // Without a live stream nothing else would tell the desk what happened next.
      if (!live.current) reload();
    },
    [reload],
  );

  const act = useCallback(
    async (mediaEventId: string, action: Exclude<DeskAction, 'transfer'>, body?: object) => {
      try {
        settle(action, await post<DeskMediaEvent>(`/api/desk/media-events/${mediaEventId}/${action}`, body));
      } catch (failure) {
        // The offer is gone (expired, withdrawn): show the desk as the server has it.
        if (failure instanceof ApiError && failure.status === 409) reload();
        throw failure;
      }
    },
    [reload, settle],
  );

  /** Closes a conversation held by e-mail; one that is gone already (closed by the sweep) reloads the desk. */
  const closeHeld = useCallback(
    async (conversationId: string, wrapUpCodeId?: string | null) => {
      try {
        await post(
          `/api/desk/conversations/${conversationId}/close`,
          wrapUpCodeId === undefined ? undefined : { wrapUpCodeId },
        );
        setState((was) => (was ? withoutHeldConversation(was, conversationId) : was));
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 409) reload();
        throw failure;
      }
    },
    [reload],
  );

  return { state, agent, connection, lostAt, error, reload, setStatus, act, settle, closeHeld };
}
