import { isIP } from 'node:net';
import type { Network } from '../../server/routing/safe-http-client';

/** An address of a private network (10.0.0.0/8) that the stand-in network sends to the test's server. */
export const PRIVATE_STAND_IN = '10.20.30.40';

/**
 * A network for tests of workflow HTTP requests. The names in `names` resolve to the address given
 * there, an IP address to itself, any other name not at all; every connection, whatever address it
 * was checked for, reaches a server of the test on 127.0.0.1 (same port). So a test can put its
 * local server "on a private network" without any address check seeing 127.0.0.1.
 */
export function standInNetwork(names: Record<string, string> = {}): Network & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    resolved,
    async resolve(hostname) {
      resolved.push(hostname);
      const address = isIP(hostname) !== 0 ? hostname : names[hostname];
      if (address === undefined)
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return [{ address, family: isIP(address) }];
    },
    dial: () => ({ address: '127.0.0.1', family: 4 }),
  };
}
