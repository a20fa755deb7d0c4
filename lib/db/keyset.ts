// Keyset paging: a page is fetched with one row more than it shows, so whether another page follows is known
// without counting; the next cursor is the last shown row's key, and the next page starts after it.
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetches `limit + 1` rows (`fetch` is given how many to take) and cuts them into a page and the next cursor. */
export async function keysetPage<T>(limit: number, fetch: (take: number) => Promise<T[]>, cursorOf: (last: T) => string): Promise<KeysetPage<T>> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(items[items.length - 1]!) : null };
}

/** The where clause of a newest-first page keyed by a bigint id: the rows before the cursor, or all of them. */
export const beforeId = (cursor: string | undefined) => (cursor ? { id: { lt: BigInt(cursor) } } : {});

/** The cursor of a row keyed by a bigint id. */
export const idCursor = (row: { id: bigint }) => row.id.toString();
