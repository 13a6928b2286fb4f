import { isIP } from 'node:net';
import { sentence, type Sentence } from '../../i18n/sentence';
import { classifyAddress, type AddressClass } from './blocked-addresses';

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
 * The canonical host an allowed-host entry names, or why it names none. Entries go through the URL
 * parser so that `2130706433`, `0x7f.1` and `127.1` are seen as the 127.0.0.1 they connect to.
 */
export function parseAllowedHost(entry: string): { host: string } | { problem: Sentence } {
  const text = entry.trim().replace(/^\[(.*)\]$/, '$1');
  const notAHost = { problem: sentence('apiError.reason.notAHost', { entry }) };
  const ipv6 = isIP(text) === 6;
  if (!ipv6 && !/^[a-z0-9.-]+$/i.test(text)) return notAHost;
  let hostname: string;
  try {
    hostname = new URL(`http://${ipv6 ? `[${text}]` : text}/`).hostname;
  } catch {
    return notAHost;
  }
  const host = canonicalHost(hostname);
  if (isIP(host) === 0 && !isHostName(host)) return notAHost;
  return { host };
}

function isHostName(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

/**
 * What no allowed host may ever be, even for a system admin: an address that is `never` reachable,
 * or a name of this machine (`localhost`, `*.localhost`, RFC 6761). Other names are only known by
 * the addresses they resolve to, which the HTTP client checks on every connection.
 */
export function neverAllowed(host: string): AddressClass | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return { reach: 'never', kind: 'loopback' };
  if (isIP(host) === 0) return undefined;
  const found = classifyAddress(host);
  return found.reach === 'never' ? found : undefined;
}

/** The canonical hosts of stored entries (entries saved before canonical storage included). */
export function canonicalHosts(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const parsed = parseAllowedHost(entry);
    return 'host' in parsed ? [parsed.host] : [];
  });
}
