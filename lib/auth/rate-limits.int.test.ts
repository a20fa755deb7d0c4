// Rate limits counted in PostgreSQL: shared by every process, per subject and per IP.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createRateLimits, type RateLimits } from "./rate-limits";

let t: TestDb;
let pool: pg.Pool;
let otherProcessPool: pg.Pool;
let limits: RateLimits;
const small = {
  login: { subject: { points: 3, durationSeconds: 60 }, ip: { points: 5, durationSeconds: 60 }, target: { points: 1, durationSeconds: 1 } },
  probe: { subject: { points: 2, durationSeconds: 60 }, ip: { points: 3, durationSeconds: 60 }, target: { points: 2, durationSeconds: 60 } },
  subscribe: { subject: { points: 2, durationSeconds: 60 }, ip: { points: 3, durationSeconds: 60 }, target: { points: 5, durationSeconds: 60 } },
};

beforeAll(async () => {
  t = await createTestDb();
  pool = new pg.Pool({ connectionString: t.url });
  otherProcessPool = new pg.Pool({ connectionString: t.url });
  limits = createRateLimits(pool, small);
});
afterAll(async () => {
  await pool.end();
  await otherProcessPool.end();
  await t.close();
});

describe("rate limits", () => {
  it("sign-in: only failures count; the account locks after its limit; success resets the account", async () => {
    const keys = { subject: "Ann@Example.com", ip: "10.0.0.1" };
    for (let i = 0; i < 10; i++) expect(await limits.check("login", keys)).toEqual({ ok: true });
    for (let i = 0; i < 2; i++) await limits.penalize("login", keys);
    expect((await limits.check("login", keys)).ok).toBe(true);
    await limits.penalize("login", keys);
    const blocked = await limits.check("login", { ...keys, subject: "ann@example.com" });
    expect(blocked).toMatchObject({ ok: false });
    expect(blocked.ok === false && blocked.retryAfterSeconds).toBeGreaterThan(50);
    await limits.reset("login", keys.subject);
    expect((await limits.check("login", keys)).ok).toBe(true);
  });

  it("sign-in: one address guessing many accounts is stopped by the per-IP limit", async () => {
    const ip = "10.0.0.2";
    for (let i = 0; i < 5; i++) await limits.penalize("login", { subject: `user${i}@example.com`, ip });
    expect((await limits.check("login", { subject: "fresh@example.com", ip })).ok).toBe(false);
    expect((await limits.check("login", { subject: "fresh@example.com", ip: "10.0.0.3" })).ok).toBe(true);
  });

  it("manual probes: counted per user across processes, then per IP", async () => {
    const other = createRateLimits(otherProcessPool, small);
    expect((await limits.consume("probe", { subject: "u1", ip: "10.0.1.1" })).ok).toBe(true);
    expect((await other.consume("probe", { subject: "u1", ip: "10.0.1.1" })).ok).toBe(true);
    expect(await limits.consume("probe", { subject: "u1", ip: "10.0.1.1" })).toMatchObject({ ok: false });
    expect(await other.consume("probe", { subject: "u2", ip: "10.0.1.1" })).toMatchObject({ ok: false });
  });

  it("manual probes: one integration cannot be probed more than its limit, whoever clicks", async () => {
    expect((await limits.consume("probe", { subject: "u3", ip: "10.0.2.1", target: "integration-a" })).ok).toBe(true);
    expect((await limits.consume("probe", { subject: "u4", ip: "10.0.2.2", target: "integration-a" })).ok).toBe(true);
    expect(await limits.consume("probe", { subject: "u5", ip: "10.0.2.3", target: "integration-a" })).toMatchObject({ ok: false });
    expect((await limits.consume("probe", { subject: "u5", ip: "10.0.2.4", target: "integration-b" })).ok).toBe(true);
  });
});
