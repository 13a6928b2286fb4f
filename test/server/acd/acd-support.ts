import { expect } from 'vitest';
import { waitFor, type UserHandle } from '../../support/fixtures';

/** What an agent's desk shows (`GET /api/desk`), as far as the ACD tests read it. */
export interface Desk {
  status: string;
  lastEventId: number;
  offers: Array<{ id: string; sms: { id: string; message: string }; deadline: string }>;
  accepted: Array<{ id: string; sms: { id: string } }>;
  history: Array<{ id: string; outcome: string }>;
}

export async function desk(agent: UserHandle): Promise<Desk> {
  const response = await agent.api.get('/api/desk');
  expect(response.status).toBe(200);
  return response.body;
}

/** Waits until the SMS's media event is offered to one of `agents`; answers that agent and the event id. */
export async function offeredTo(agents: UserHandle[], smsId: string, timeoutMs = 10_000) {
  return waitFor(
    `an offer of SMS ${smsId}`,
    async () => {
      for (const agent of agents) {
        const offer = (await desk(agent)).offers.find((o) => o.sms.id === smsId);
        if (offer) return { agent, mediaEventId: offer.id };
      }
      return undefined;
    },
    timeoutMs,
  );
}

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

/** Reads a desk stream over a real socket; `events` fills as they arrive. */
export function openDeskStream(agent: UserHandle, options: { lastEventId?: number } = {}) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const headers: Record<string, string> = { accept: 'text/event-stream', ...agent.api.authHeaders() };
  if (options.lastEventId !== undefined) headers['last-event-id'] = String(options.lastEventId);
  const opened = fetch(`${agent.api.baseUrl}/api/desk/stream`, { headers, signal: controller.signal });
  const done = (async () => {
    const response = await opened;
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.event)
            events.push({ id: fields.id ?? '', event: fields.event, data: JSON.parse(fields.data ?? '{}') });
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  return {
    events,
    /** Resolves once the server answered: from then on, the stream is woken by new desk events. */
    opened: opened.then(() => undefined),
    async close() {
      controller.abort();
      await done.catch(() => {});
    },
    waitForEvent(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000) {
      return waitFor('a desk stream event', async () => events.find(predicate), timeoutMs);
    },
  };
}
