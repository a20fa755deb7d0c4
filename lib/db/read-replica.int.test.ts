// DATABASE_READ_URL under the real route handlers: the overview the API answers (the query the dashboard's page
// prefetches too) is read from the database that URL names, while writes (a new integration, a token's last use) go
// to DATABASE_URL. The "replica" is a second database with other content, read-only by default as a hot standby is,
// so a read served by the primary shows in the answer and a write sent to the replica fails.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../auth/tokens";
import { createIntegration } from "../integrations/crud";
import { createTestDb, type TestDb } from "../testing/postgres";
import { serveRoutes, type RouteServer } from "../testing/route-server";

// The route handlers take their clients from db() and readDb(), which read the process's environment: set for this
// file's process and put back afterwards.
const ENV_KEYS = ["DATABASE_URL", "DATABASE_READ_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "TETHER_ENCRYPTION_KEY"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let primary: TestDb;
let replica: TestDb;
let app: RouteServer;
const tokens = {} as { viewer: string; editor: string };

const OWNER = { id: "00000000-0000-4000-8000-000000000001", email: "owner@test.local" };
const base = { kind: "http", intervalSeconds: 60, timeoutMs: 2_000, retryAttempts: 0, config: { url: "http://127.0.0.1:9/" } };

beforeAll(async () => {
  primary = await createTestDb();
  replica = await createTestDb();
  // The same users and tokens on both, as a replica would have; each integration only on its own side.
  for (const t of [primary, replica]) await t.db.user.create({ data: { ...OWNER, role: "admin" } });
  const owner = { kind: "user" as const, userId: OWNER.id, email: OWNER.email, role: "admin" as const, label: OWNER.email };
  for (const role of ["viewer", "editor"] as const) {
    const { token, view } = await createToken(primary.db, owner, { name: `read-${role}`, role });
    tokens[role] = token;
    const row = await primary.db.apiToken.findUniqueOrThrow({ where: { id: view.id } });
    await replica.db.apiToken.create({ data: row });
  }
  await createIntegration(primary.db, { ...base, name: "On the primary" });
  await createIntegration(replica.db, { ...base, name: "On the replica" });
  // New sessions on the replica start read-only, as on a hot standby: a write sent there fails instead of landing.
  await replica.db.$executeRawUnsafe(`ALTER DATABASE "${replica.name}" SET default_transaction_read_only = on`);

  process.env.DATABASE_URL = primary.url;
  process.env.DATABASE_READ_URL = replica.url;
  process.env.NEXTAUTH_SECRET = "read-replica-test-secret-0123456789abcdef";
  process.env.TETHER_ENCRYPTION_KEY = "0".repeat(64);
  delete process.env.NEXTAUTH_URL;
  app = await serveRoutes({
    "/api/integrations": await import("../../app/api/integrations/route"),
    "/api/integrations/overview": await import("../../app/api/integrations/overview/route"),
  });
});

afterAll(async () => {
  await app?.close();
  const { db, readDb } = await import("./client");
  await readDb().$disconnect();
  await db().$disconnect();
  await replica?.close();
  await primary?.close();
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
});

const overviewNames = async () => {
  const res = await fetch(`${app.origin}/api/integrations/overview?pageSize=50`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; items: { name: string }[] };
  return { total: body.total, names: body.items.map((i) => i.name) };
};

describe("DATABASE_READ_URL", () => {
  it("the replica is what the test says it is: read-only for new sessions, with its own rows", async () => {
    const c = new pg.Client({ connectionString: replica.url });
    await c.connect();
    try {
      expect((await c.query<{ transaction_read_only: string }>("SHOW transaction_read_only")).rows[0]!.transaction_read_only).toBe("on");
      await expect(c.query(`UPDATE "Integration" SET name = 'changed'`)).rejects.toMatchObject({ code: "25006" });
    } finally {
      await c.end();
    }
  });

  it("serves the overview from the read database", async () => {
    expect(await overviewNames()).toEqual({ total: 1, names: ["On the replica"] });
  });

  it("sends writes to the primary: a new integration lands there, not on the replica, and the overview does not see it", async () => {
    const res = await fetch(`${app.origin}/api/integrations`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.editor}`, "content-type": "application/json" },
      body: JSON.stringify({ ...base, name: "Written" }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await primary.db.integration.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((i) => i.name)).toEqual([
      "On the primary",
      "Written",
    ]);
    expect((await replica.db.integration.findMany({ select: { name: true } })).map((i) => i.name)).toEqual(["On the replica"]);
    // Until replication brings it over (never, here), the dashboard's reads do not show it.
    expect(await overviewNames()).toEqual({ total: 1, names: ["On the replica"] });
    // Signing in with a token is a write too (its last use), and it went to the primary.
    const used = await primary.db.apiToken.findMany({ where: { lastUsedAt: { not: null } }, select: { name: true }, orderBy: { name: "asc" } });
    expect(used.map((t) => t.name)).toEqual(["read-editor", "read-viewer"]);
    expect(await replica.db.apiToken.count({ where: { lastUsedAt: { not: null } } })).toBe(0);
  });
});
