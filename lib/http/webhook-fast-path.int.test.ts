// The fast path against the Next route it stands in front of, on a real database: the same delivery gets the same
// status and body from both, and everything that is not a delivery is handed on to Next.
import { createHmac, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, db, type Db } from "../db/client";
import { createTestDb, type TestDb } from "../testing/postgres";
import { createSource, updateSource } from "../webhooks/sources";
import { answerWebhook, webhookSlug } from "./webhook-fast-path";

let t: TestDb;
let server: Server;
let base: string;
let serverDb: Db;
let POST: (req: Request, ctx: { params: Promise<{ source: string }> }) => Promise<Response>;
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;

interface Delivery {
  slug?: string;
  body: string;
  headers: Record<string, string>;
  chunked?: boolean;
}
interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** Signed as a Standard Webhooks sender would, independently of the code under test. */
function signed(body: string, id: string, secret = SECRET): Delivery {
  const at = Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const sig = createHmac("sha256", key).update(`${id}.${at}.${body}`).digest("base64");
  return { body, headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${sig}` } };
}

async function* inChunks(body: string) {
  for (let i = 0; i < body.length; i += 512) yield Buffer.from(body.slice(i, i + 512));
}

async function viaFastPath({ slug = "orders", body, headers, chunked }: Delivery): Promise<Answer> {
  const res = await request(`${base}/api/webhooks/in/${slug}`, { method: "POST", headers, body: chunked ? Readable.from(inChunks(body)) : body });
  return { status: res.statusCode, body: await res.body.json(), headers: res.headers as Record<string, string | undefined> };
}

async function viaRoute({ slug = "orders", body, headers, chunked }: Delivery): Promise<Answer> {
  const stream = new ReadableStream({
    async start(controller) {
      for await (const chunk of inChunks(body)) controller.enqueue(chunk);
      controller.close();
    },
  });
  const init = chunked
    ? { method: "POST", headers, body: stream, duplex: "half" }
    : { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, body };
  const res = await POST(new Request(`http://tether.test/api/webhooks/in/${slug}`, init as RequestInit), { params: Promise.resolve({ source: slug }) });
  return { status: res.status, body: await res.json(), headers: Object.fromEntries(res.headers) };
}

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "x".repeat(40), TETHER_ENCRYPTION_KEY: randomBytes(32).toString("hex") });
  await createSource(t.db, { name: "Orders", slug: "orders", scheme: "standard_webhooks", secret: SECRET, maxBodyBytes: 2048 }, { principal: null });
  const off = await createSource(t.db, { name: "Old", slug: "old", scheme: "none", maxBodyBytes: 2048 }, { principal: null });
  await updateSource(t.db, off.id, { enabled: false }, { principal: null });
  ({ POST } = await import("../../app/api/webhooks/in/[source]/route"));
  // The process-wide client, as lib/http/web-server.ts passes it.
  serverDb = db();
  server = createServer((req, res) => {
    const slug = webhookSlug(req);
    if (slug === null) return void res.writeHead(418).end(JSON.stringify({ next: `${req.method} ${req.url}` }));
    void answerWebhook(serverDb, slug, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

describe("webhook fast path", () => {
  it("accepts, then acknowledges the duplicate, exactly as the route does", async () => {
    const fast = await viaFastPath(signed('{"type":"order.created"}', "evt_fast"));
    const next = await viaRoute(signed('{"type":"order.created"}', "evt_route"));
    expect(fast).toMatchObject({ status: 202, body: { id: expect.any(String), duplicate: false } });
    expect(next).toMatchObject({ status: 202, body: { id: expect.any(String), duplicate: false } });
    expect(fast.headers).toMatchObject({ "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" });
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: BigInt((fast.body as { id: string }).id) } });
    expect(row).toMatchObject({ externalId: "evt_fast", eventType: "order.created", verified: true, status: "received" });
    expect(await viaFastPath(signed('{"type":"order.created"}', "evt_route"))).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await viaRoute(signed('{"type":"order.created"}', "evt_fast"))).toMatchObject({ status: 200, body: { duplicate: true } });
  });

  const refusals: [string, () => Delivery, number][] = [
    ["a bad signature (stored as rejected)", () => signed("{}", "evt_bad", `whsec_${randomBytes(24).toString("base64")}`), 401],
    ["an unknown source", () => ({ ...signed("{}", "evt_404"), slug: "nope" }), 404],
    ["a disabled source", () => ({ ...signed("{}", "evt_410"), slug: "old" }), 410],
    ["a declared length over the limit", () => signed(JSON.stringify({ pad: "x".repeat(4096) }), "evt_413"), 413],
    ["a chunked body over the limit", () => ({ ...signed(JSON.stringify({ pad: "x".repeat(4096) }), "evt_413c"), chunked: true }), 413],
  ];
  it.each(refusals)("refuses %s with the route's status and body", async (_, delivery, status) => {
    const fast = await viaFastPath(delivery());
    const next = await viaRoute(delivery());
    expect(fast.status).toBe(status);
    expect(next.status).toBe(status);
    expect(fast.body).toEqual(next.body);
    expect(fast.headers).toMatchObject({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
    // A refused small body is discarded and the connection kept; one past the limit is not read on, so it closes.
    expect(fast.headers.connection === "close").toBe(status === 413);
  });

  it("stores a rejected delivery once per attempt and nothing over the limit", async () => {
    expect(await t.db.webhookEvent.count({ where: { status: "rejected_signature" } })).toBe(2);
    expect(await t.db.webhookEvent.count({ where: { externalId: { startsWith: "evt_413" } } })).toBe(0);
  });

  it("answers 503 with retry-after when the database is unreachable", async () => {
    const down = createDb("postgresql://postgres@127.0.0.1:1/postgres");
    serverDb = down;
    try {
      const fast = await viaFastPath({ ...signed("{}", "evt_503"), slug: "not-cached" });
      expect(fast).toMatchObject({ status: 503, body: { error: { code: "unavailable" } }, headers: { "retry-after": "5" } });
    } finally {
      serverDb = db();
      await down.$disconnect();
    }
  });

  it("hands everything else to Next", async () => {
    for (const [method, path] of [
      ["GET", "/api/webhooks/in/orders"],
      ["POST", "/api/webhooks/in/orders/x"],
      ["POST", "/api/webhooks/in/"],
      ["POST", "/api/integrations"],
    ] as const) {
      const res = await request(`${base}${path}`, { method, body: method === "POST" ? "{}" : undefined });
      expect(res.statusCode).toBe(418);
      expect(await res.body.json()).toEqual({ next: `${method} ${path}` });
    }
  });
});
