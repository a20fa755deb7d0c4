// What the lease and location tests share: one scratch database, a second client with its own pool standing in
// for a second worker process, and the demo HTTP target to probe; every integration is deleted before each test.
// Registers its own hooks; call it at the top of a test file and read the fields inside tests.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createDb, type Db } from "../db/client";
import { startDemoTarget, type DemoTarget } from "../demo/target-server";
import { createTestDb, type TestDb } from "./postgres";

export interface TwoWorkers {
  t: TestDb;
  secondProcessDb: Db;
  target: DemoTarget;
}

export function twoWorkersOverOneDatabase(): TwoWorkers {
  const env = {} as TwoWorkers;
  beforeAll(async () => {
    env.t = await createTestDb();
    env.secondProcessDb = createDb(env.t.url);
    env.target = await startDemoTarget({ port: 0, random: () => 0 });
  });
  afterAll(async () => {
    await env.target?.close();
    await env.secondProcessDb?.$disconnect();
    await env.t?.close();
  });
  beforeEach(async () => {
    await env.t.db.integration.deleteMany();
  });
  return env;
}
