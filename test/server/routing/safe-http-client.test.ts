import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { safeHttpRequest } from '../../../server/routing/safe-http-client';
import type { HttpRequest } from '../../../workflows';
import { PRIVATE_STAND_IN, standInNetwork } from '../../support/stand-in-network';

/** The CRM of a client, on 127.0.0.1: it answers every request with its data and counts connections. */
let crm: Server;
let port: number;
let connections = 0;
const received: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
  crm = createServer((req, res) => {
    received.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ secret: 'crm data' }));
  });
  crm.keepAliveTimeout = 60_000; // long enough that an idle connection is still open for the next request
  crm.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  port = (crm.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => crm.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  connections = 0;
});

const get = (url: string, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'GET',
  url,
  headers,
  body: undefined,
  timeoutMs: 2000,
});

describe('safeHttpRequest', () => {
  // `localhost` is the host so that a client without the stand-in network (the one this test was
  // written against) reaches the same server through the real resolver: that is how the reuse was
  // found. Here it stands for a machine of client A's private network.
  const network = standInNetwork({ localhost: PRIVATE_STAND_IN });
  const clientA = { allowedHosts: new Set(['localhost']), network };
  const clientB = { allowedHosts: new Set<string>(), network };

  it("refuses client B a host that only client A may reach, right after A's request", async () => {
    const url = `http://localhost:${port}/customers`;
    expect(await safeHttpRequest(get(url), clientA)).toEqual({ status: 200, json: { secret: 'crm data' } });
    await expect(safeHttpRequest(get(url), clientB)).rejects.toThrow(/private network/);
    await expect(safeHttpRequest(get(url), clientB)).rejects.toThrow(/private network/);
    expect(received).toHaveLength(1);
  });

  it('opens a new connection for every request and checks the address each time', async () => {
    const url = `http://localhost:${port}/customers`;
    await safeHttpRequest(get(url), clientA);
    await safeHttpRequest(get(url), clientA);
    expect(received).toHaveLength(2);
    expect(connections).toBe(2);
    expect(received.map((request) => request.headers.connection)).toEqual(['close', 'close']);
  });

  it('reaches a private address only for an allowed host, and sends the Host of the URL', async () => {
    const names = standInNetwork({ 'crm.private.test': PRIVATE_STAND_IN });
    const url = `http://crm.private.test:${port}/customers?phone=%2B49`;
    await expect(safeHttpRequest(get(url), { allowedHosts: new Set(), network: names })).rejects.toThrow(
      `crm.private.test resolves to ${PRIVATE_STAND_IN}, which is an internal address (private network)`,
    );
    expect(received).toEqual([]);

    const answer = await safeHttpRequest(get(url, { host: 'admin.private.test' }), {
      allowedHosts: new Set(['crm.private.test']),
      network: names,
    });
    expect(answer.status).toBe(200);
    expect(received).toEqual([
      { url: '/customers?phone=%2B49', headers: expect.objectContaining({ host: `crm.private.test:${port}` }) },
    ]);
  });

  it('refuses loopback even for a host on the allowed hosts', async () => {
    // The machine's own resolver and network: localhost really is 127.0.0.1 here.
    for (const host of ['localhost', '127.0.0.1']) {
      await expect(
        safeHttpRequest(get(`http://${host}:${port}/`), { allowedHosts: new Set([host]) }),
        host,
      ).rejects.toThrow(/internal address \(loopback\); workflows may not call it/);
    }
    expect(received).toEqual([]);
  });

  it('refuses an IPv4-mapped IPv6 address of this machine', async () => {
    // The URL parser writes [::ffff:127.0.0.1] as ::ffff:7f00:1, which connects to 127.0.0.1.
    await expect(
      safeHttpRequest(get(`http://[::ffff:127.0.0.1]:${port}/`), { allowedHosts: new Set() }),
    ).rejects.toThrow('::ffff:7f00:1 is an internal address (IPv4-mapped)');
    expect(received).toEqual([]);
  });

  it('refuses an allowed host whose address turns out to be link-local, metadata or unspecified', async () => {
    // Were the check skipped, the stand-in network would deliver these requests to the local server.
    const names = standInNetwork({
      'metadata.private.test': '169.254.169.254',
      'link.private.test': 'fe80::1',
      'nothing.private.test': '0.0.0.0',
      'sixtofour.private.test': '2002:7f00:1::1',
    });
    for (const [host, kind] of <Array<[string, string]>>[
      ['metadata.private.test', 'cloud metadata'],
      ['link.private.test', 'link-local'],
      ['nothing.private.test', 'unspecified'],
      ['sixtofour.private.test', '6to4 of 127.0.0.1, loopback'],
    ]) {
      await expect(
        safeHttpRequest(get(`http://${host}:${port}/`), { allowedHosts: new Set([host]), network: names }),
      ).rejects.toThrow(`internal address (${kind}); workflows may not call it`);
    }
    expect(received).toEqual([]);
  });

  it('refuses a host with one refused address among public ones', async () => {
    const names = standInNetwork({});
    names.resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(
      safeHttpRequest(get(`http://mixed.example.com:${port}/`), { allowedHosts: new Set(), network: names }),
    ).rejects.toThrow('mixed.example.com resolves to 127.0.0.1, which is an internal address (loopback)');
    expect(received).toEqual([]);
  });
});
