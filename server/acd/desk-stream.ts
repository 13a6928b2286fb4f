import type { SSEStreamingApi } from 'hono/streaming';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
  continueFromMemory,
  deskLogBounds,
  type DeskEventBus,
  type DeskLogReader,
  type StoredDeskEvent,
} from './desk-events';

const HEARTBEAT_MS = 15_000;
const READ_BATCH = 200;

export interface DeskStreamDeps {
  db: Kysely<Database>;
  bus: DeskEventBus;
  deskLog: DeskLogReader;
}

/** `Last-Event-ID` (or `?lastEventId=`) as a sequence number, or undefined when absent or not one. */
export function parseEventId(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value);
}

/**
 * Streams an agent's desk events until the client leaves or the bus closes: from `resumeFrom`
 * (or the end of the log), events this instance hands over directly, the log read when woken
 * without them (by another instance), and a heartbeat.
 */
export async function streamDeskEvents(
  { db, bus, deskLog }: DeskStreamDeps,
  stream: SSEStreamingApi,
  agentId: string,
  resumeFrom: number | undefined,
): Promise<void> {
  let pending = true;
  // Reading the log is needed at the start, after a heartbeat, and when woken without the
  // events (by another instance); events this instance committed are handed over instead.
  let mustRead = true;
  const handed: StoredDeskEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = bus.subscribe(agentId, (events) => {
    if (events.length === 0) mustRead = true;
    else handed.push(...events);
    pending = true;
    wake?.();
  });
  stream.onAbort(() => wake?.());
  const send = (event: StoredDeskEvent) =>
    stream.writeSSE({ id: String(event.seq), event: event.kind, data: JSON.stringify(event.payload) });
  try {
    let last = await startingPoint(db, stream, agentId, resumeFrom);
    while (!stream.aborted && !bus.isClosed) {
      if (pending) {
        pending = false;
        const { next, gap } = continueFromMemory(handed.splice(0), last);
        for (const event of next) {
          await send(event);
          last = event.seq;
        }
        if (gap || mustRead) {
          mustRead = false;
          for (;;) {
            const events = await deskLog.read(agentId, last, READ_BATCH);
            for (const event of events) {
              await send(event);
              last = event.seq;
            }
            if (events.length < READ_BATCH) break;
          }
        }
        continue;
      }
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = undefined;
      if (timedOut && !stream.aborted) {
        await stream.write(': keep-alive\n\n');
        // In case a wake from another instance was lost.
        pending = true;
        mustRead = true;
      }
    }
  } finally {
    unsubscribe();
  }
}

/**
 * Where a stream starts: after the event the client last applied, or (without one) at the end
 * of the log. A client whose last event was pruned is told to reload its desk.
 */
async function startingPoint(
  db: Kysely<Database>,
  stream: SSEStreamingApi,
  agentId: string,
  resumeFrom: number | undefined,
): Promise<number> {
  const bounds = await deskLogBounds(db, agentId);
  if (resumeFrom === undefined) return bounds.last;
  const lost = resumeFrom < bounds.last && (bounds.oldestKept === null || resumeFrom + 1 < bounds.oldestKept);
  if (resumeFrom > bounds.last || lost) {
    await stream.writeSSE({ id: String(bounds.last), event: 'reset', data: '{}' });
    return bounds.last;
  }
  return resumeFrom;
}
