// A list's `limit` and `cursor` are declared in contract/common.ts.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Turns `limit + 1` fetched rows into a page; the cursor is the last id handed out. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(present), nextCursor: more ? pageRows[pageRows.length - 1]!.id : null };
}
