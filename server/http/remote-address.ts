import { getConnInfo } from '@hono/node-server/conninfo';

/** The address a request came from (the socket's peer), or 'unknown' where there is no socket. */
export function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
