// A pool used only through its raw statements (the worker's hot path; Prisma's adapter attaches its error listener
// only on its first query) must survive an idle connection dying: PostgreSQL restarted, or the backend terminated.
// Without a listener the pool's "error" event ended the process (seen as an unhandled error in the snapshot test).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, poolOf } from "./client";
import { createTestDb, type TestDb } from "../testing/postgres";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});

it("drops an idle connection whose backend was terminated, and the next statement opens a new one", async () => {
  const db = createDb(t.url, { applicationName: "tether-pool-errors" });
  const pool = poolOf(db);
  try {
    const [{ pid }] = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    expect(pool.idleCount).toBe(1);
    await t.db.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await expect.poll(() => pool.totalCount, { timeout: 5_000, interval: 20 }).toBe(0);
    const again = (await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    expect(again).not.toBe(pid);
  } finally {
    await pool.end();
  }
});
