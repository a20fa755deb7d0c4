import { describe, expect, it } from "vitest";
import { beforeId, idCursor, keysetPage } from "./keyset";

/** Rows 10..1, newest first, and a fetch that pages them the way the queries do. */
const rows = Array.from({ length: 10 }, (_, i) => ({ id: BigInt(10 - i) }));
const fetchAfter = (cursor?: string) => async (take: number) => rows.filter((r) => !cursor || r.id < BigInt(cursor)).slice(0, take);

describe("keysetPage", () => {
  it("asks for one row more than the page and points the cursor at the last row shown", async () => {
    const takes: number[] = [];
    const page = await keysetPage(4, (take) => (takes.push(take), fetchAfter()(take)), idCursor);
    expect(takes).toEqual([5]);
    expect(page.items.map(idCursor)).toEqual(["10", "9", "8", "7"]);
    expect(page.nextCursor).toBe("7");
  });

  it("walks every row once, and the last page has no cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await keysetPage(4, fetchAfter(cursor), idCursor);
      seen.push(...page.items.map(idCursor));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(rows.map(idCursor));
  });

  it("has no next cursor when the rows fill the page exactly, or there are none", async () => {
    expect(await keysetPage(10, fetchAfter(), idCursor)).toMatchObject({ nextCursor: null });
    expect(await keysetPage(3, async () => [], idCursor)).toEqual({ items: [], nextCursor: null });
  });

  it("beforeId: the rows before a cursor, or all rows without one", () => {
    expect(beforeId("42")).toEqual({ id: { lt: 42n } });
    expect(beforeId(undefined)).toEqual({});
  });
});
