import { afterAll, describe, expect, it, vi } from "vitest";
import { createDb, poolOf } from "./client";
import { NOT_SENT_RETRIES, sqlRows } from "./sql";

// Never connected: every query below is answered by a stub on the pool.
const db = createDb("postgresql://nobody@127.0.0.1:1/none");
afterAll(() => db.$disconnect());

const notSent = () => new Error("timeout exceeded when trying to connect");

describe("sqlRows on the pool", () => {
  it("asks again when no connection came free in time (the statement never went out)", async () => {
    const query = vi
      .spyOn(poolOf(db), "query")
      .mockRejectedValueOnce(notSent() as never)
      .mockRejectedValueOnce(notSent() as never)
      .mockResolvedValueOnce({ rows: [{ n: 1 }] } as never);
    expect(await sqlRows(db, { text: "SELECT 1 AS n", values: [] })).toEqual([{ n: 1 }]);
    expect(query).toHaveBeenCalledTimes(3);
    query.mockRestore();
  });

  it("gives up after its retries, and never retries an error the server gave", async () => {
    const waits = vi.spyOn(poolOf(db), "query").mockRejectedValue(notSent() as never);
    await expect(sqlRows(db, { text: "SELECT 1", values: [] })).rejects.toThrow("timeout exceeded when trying to connect");
    expect(waits).toHaveBeenCalledTimes(NOT_SENT_RETRIES + 1);
    waits.mockRestore();

    const refused = vi.spyOn(poolOf(db), "query").mockRejectedValue(Object.assign(new Error("duplicate key"), { code: "23505" }) as never);
    await expect(sqlRows(db, { text: "INSERT ...", values: [] })).rejects.toThrow("duplicate key");
    expect(refused).toHaveBeenCalledTimes(1);
    refused.mockRestore();
  });

  it("does not retry inside a transaction (a client of its own): the caller's transaction decides", async () => {
    const client = { query: vi.fn().mockRejectedValue(notSent()) };
    await expect(sqlRows(client, { text: "SELECT 1", values: [] })).rejects.toThrow();
    expect(client.query).toHaveBeenCalledTimes(1);
  });
});
