import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Random bytes from a pool refilled 4 KiB at a time: one syscall per 256 ids, not one per id. */
function randomBytes10(): Uint8Array {
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 10);
  poolOffset += 10;
  return bytes;
}

/**
 * A time-ordered UUID (version 7): new rows land at the end of their indexes, and ordering by id
 * is ordering by creation time, which the API's cursors rely on.
 */
export function uuid7(now = Date.now()): string {
  const random = randomBytes10();
  let hex = now.toString(16).padStart(12, '0').slice(-12);
  hex += '7' + HEX[random[0]!]!.slice(1) + HEX[random[1]!]!;
  hex += HEX[(random[2]! & 0x3f) | 0x80]! + HEX[random[3]!]!;
  for (let i = 4; i < 10; i++) hex += HEX[random[i]!]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
