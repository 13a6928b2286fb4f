import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * The private address a server started with the stand-in network (test/server/routing/
 * serve-on-stand-in-network.ts) dials on 127.0.0.1: a send connector's gateway stands "on a
 * private network" the client allows, and every address check runs as in production.
 */
export const GATEWAY_HOST = '10.20.30.40';

/** The body template of a generic HTTP send connector pointing at the fake provider. */
export const GATEWAY_BODY = '{"to":"{{to}}","from":"{{from}}","text":"{{text}}","reference":"{{reference}}"}';

export interface FakeProvider {
  port: number;
  /** The send API's URL as a send connector names it (on GATEWAY_HOST). */
  url: string;
  /** Messages received, by recipient (`to`), with how many each got. */
  byRecipient: Map<string, number>;
  /** Messages received in all. */
  received(): number;
  close(): Promise<void>;
}

/** A provider's send API in this process: answers every message with a fresh id, and counts what it got. */
export async function startFakeProvider(): Promise<FakeProvider> {
  const byRecipient = new Map<string, number>();
  let received = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received++;
      try {
        const to = (JSON.parse(body) as { to?: unknown }).to;
        if (typeof to === 'string') byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      } catch {
        // counted in `received` only
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ messages: [{ id: `gw-${randomBytes(6).toString('hex')}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${GATEWAY_HOST}:${port}/send`,
    byRecipient,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
