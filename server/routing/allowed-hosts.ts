import { isIP } from 'node:net';
import { sentence, type Sentence } from '../../i18n/sentence';
import { canonicalHost, neverAllowed } from '../../workflows';

export { canonicalHost, neverAllowed };

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

/** The canonical hosts of stored entries (entries saved before canonical storage included). */
export function canonicalHosts(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const parsed = parseAllowedHost(entry);
    return 'host' in parsed ? [parsed.host] : [];
  });
}
