import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';

/** The connector token a delivery presents: as a bearer token, in X-Switchboard-Token, or as the `token` field. */
export function presentedToken(c: Context, field: string | undefined): string | undefined {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? c.req.header('x-switchboard-token') ?? field;
}

/** Whether the presented token is the connector's, compared in constant time over its SHA-256. */
export function tokenMatches(presented: string | undefined, storedHash: Buffer): boolean {
  if (presented === undefined || presented.length > 512) return false;
  const hash = createHash('sha256').update(presented).digest();
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
