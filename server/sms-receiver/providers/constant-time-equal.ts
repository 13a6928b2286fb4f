import { timingSafeEqual } from 'node:crypto';

/**
 * Whether two signatures are the same, in time that does not depend on where they differ. Unequal
 * lengths are answered at once: a signature's length is public (it follows from the algorithm).
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
