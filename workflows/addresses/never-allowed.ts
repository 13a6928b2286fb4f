import { classifyAddress, ipFamily, type AddressClass } from './classify-address';

/**
 * A host as URLs and allowed-host lists are compared: lowercase, IPv6 without brackets, no
 * trailing dot. `hostname` is one the URL parser produced (IPv4 dotted, IPv6 compressed).
 */
export function canonicalHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * What no workflow may ever call, and no allowed host may ever be, even for a system admin: an
 * address that is `never` reachable, or a name of this machine (`localhost`, `*.localhost`, RFC
 * 6761). Other names are only known by the addresses they resolve to, which the server's HTTP client
 * checks on every connection.
 */
export function neverAllowed(host: string): AddressClass | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return { reach: 'never', kind: 'loopback' };
  if (ipFamily(host) === 0) return undefined;
  const found = classifyAddress(host);
  return found.reach === 'never' ? found : undefined;
}
