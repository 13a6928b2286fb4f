import { z } from 'zod';
import { notFound, type Thing } from './api-error';

const uuid = z.uuid();

/** Runs `find` for a path id; a malformed id or no row is the same 404 as another client's row. */
export async function findOr404<T>(id: string, what: Thing, find: (id: string) => Promise<T | undefined>): Promise<T> {
  const row = uuid.safeParse(id).success ? await find(id) : undefined;
  if (!row) throw notFound(what);
  return row;
}
