// A secret goes in once and comes out only where it is used: the request to the target. This test stores one,
// probes with it (manually and on schedule) against a server that echoes it back, then searches every API
// response, the log output and every database table for the plaintext.
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { sessionCookie } from "../auth/testing/session-cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRows, captureStdout, routeCaller } from "../testing/leak-search";
import { createTestDb, type TestDb } from "../testing/postgres";
import { executeProbe } from "../scheduler/execute-probe";

const PLAINTEXT = `sk_live_${randomBytes(12).toString("hex")}`;
const SECRET = "secrets-leak-test-secret-0123456789abcdef";

let t: TestDb;
let echo: Server;
let echoUrl: string;
const received: string[] = [];
let stdout: ReturnType<typeof captureStdout>;

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: SECRET,
    TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    TETHER_LOG_LEVEL: "debug",
  });
  // The worst kind of target: it reflects the credential in a header and in the body.
  echo = createServer((req, res) => {
    received.push(`${req.headers.authorization} ${req.url}`);
    res.writeHead(500, { "content-type": "application/json", "x-echo": String(req.headers.authorization) });
    res.end(JSON.stringify({ error: "nope", youSent: req.headers.authorization, url: req.url }));
  });
  await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
  echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
  stdout = captureStdout();
});

afterAll(async () => {
  stdout.restore();
  await new Promise((r) => echo.close(r));
  await t.close();
});

describe("integration secrets", () => {
  it("are used for the outgoing request and found nowhere else", async () => {
    const admin = await t.db.user.create({ data: { email: "admin@test.local", role: "admin" } });
    const cookie = await sessionCookie(t.db, admin.id, SECRET);
    const headers = { cookie, origin: "http://tether.test", host: "tether.test", "content-type": "application/json" };
    const { responses, call } = routeCaller(headers);
    const integrations = await import("../../app/api/integrations/route");
    const one = await import("../../app/api/integrations/[id]/route");
    const secretRoute = await import("../../app/api/integrations/[id]/secrets/[name]/route");
    const secretList = await import("../../app/api/integrations/[id]/secrets/route");
    const probe = await import("../../app/api/integrations/[id]/probe/route");
    const runs = await import("../../app/api/integrations/[id]/runs/route");
    const audit = await import("../../app/api/audit/route");

    const created = await call(
      integrations,
      "POST",
      "/api/integrations",
      {},
      {
        name: "Payments with a key",
        kind: "http",
        intervalSeconds: 30,
        timeoutMs: 2_000,
        retryAttempts: 1,
        config: { url: `${echoUrl}/charges?key={{secret.API_KEY}}`, headers: [{ name: "Authorization", value: "Bearer {{secret.API_KEY}}" }] },
      },
    );
    expect(created.status).toBe(201);
    const id = created.json.id as string;

    // Probing before the secret exists fails clearly, without contacting the target.
    const early = await call(probe, "POST", `/api/integrations/${id}/probe`, { id });
    expect(early.json).toMatchObject({ ok: false, errorClass: "config", errorMessage: "Secret API_KEY is referenced but not set" });
    expect(received).toEqual([]);

    expect((await call(secretRoute, "PUT", `/api/integrations/${id}/secrets/API_KEY`, { id, name: "API_KEY" }, { value: PLAINTEXT })).status).toBe(200);
    const manual = await call(probe, "POST", `/api/integrations/${id}/probe`, { id });
    expect(manual.json).toMatchObject({ ok: false, httpStatus: 500, attempts: 2 });
    await executeProbe(t.db, id, { trigger: "scheduled", scheduledFor: new Date("2026-11-24T10:00:00Z") });

    // Used where it is needed: every request to the target carried it.
    // Manual probe: 2 attempts (1 retry); scheduled: 2 attempts.
    expect(received).toHaveLength(4);
    expect(received.every((r) => r.startsWith(`Bearer ${PLAINTEXT} /charges?key=${PLAINTEXT}`))).toBe(true);

    await call(integrations, "GET", "/api/integrations", {});
    const detail = await call(one, "GET", `/api/integrations/${id}`, { id });
    expect(detail.json.input.config.headers[0].value).toBe("Bearer {{secret.API_KEY}}");
    const listed = await call(secretList, "GET", `/api/integrations/${id}/secrets`, { id });
    expect(listed.json).toEqual([expect.objectContaining({ name: "API_KEY" })]);
    const runList = await call(runs, "GET", `/api/integrations/${id}/runs`, { id });
    expect(JSON.stringify(runList.json)).toContain("[redacted]");
    await call(audit, "GET", "/api/audit", {});

    // Found nowhere else.
    expect(responses.filter((r) => r.includes(PLAINTEXT))).toEqual([]);
    expect(stdout.lines.filter((line) => line.includes(PLAINTEXT))).toEqual([]);
    expect((await allRows(t.db)).filter((r) => r.row.includes(PLAINTEXT)).map((r) => r.table)).toEqual([]);
    const stored = await t.db.integrationSecret.findFirstOrThrow();
    expect(stored.ciphertext).toMatch(/^v1\./);
  });
});
