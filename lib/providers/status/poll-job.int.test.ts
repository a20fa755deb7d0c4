// The provider-status pass against a real database and a local server speaking Statuspage's summary.json,
// beside one answering HTML, one answering 503 and one that is not listening.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { createIntegration, getIntegration, listIntegrations } from "../../integrations/crud";
import githubPartial from "./fixtures/statuspage-github-partial.json";
import slackActive from "./fixtures/slack-active.json";
import { GITHUB_PARTIAL_INCIDENT } from "./fixtures/expected";
import { readProviderStatus, runProviderStatusPoll } from "./poll-job";
import { Worker } from "../../scheduler/worker";
import { createLogger } from "../../observability/logger";

let t: TestDb;
let server: Server;
let base: string;
const hits = new Map<string, number>();
const allowLocal = { allowPrivateNetworks: true };
let acmeBroken = false;

beforeAll(async () => {
  t = await createTestDb();
  server = createServer((req, res) => {
    hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
    if (req.url === "/github/api/v2/summary.json") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(githubPartial));
    } else if (req.url === "/acme/api/v2/summary.json" && !acmeBroken) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...githubPartial, page: { ...githubPartial.page, name: "Acme Cloud" } }));
    } else if (req.url === "/slack/api/v2.0.0/current") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(slackActive));
    } else if (req.url === "/html/api/v2/summary.json") {
      res.writeHead(200, { "content-type": "text/html" }).end("<html><body>We'll be right back</body></html>");
    } else {
      res.writeHead(503, { "content-type": "application/json" }).end('{"error":"Service Unavailable"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});
beforeEach(async () => {
  hits.clear();
  acmeBroken = false;
  await t.db.integration.deleteMany();
  await t.db.providerStatus.deleteMany();
});

const http = (name: string, statusUrl?: string, enabled = true) =>
  createIntegration(t.db, {
    name,
    kind: "http",
    intervalSeconds: 60,
    timeoutMs: 1_000,
    enabled,
    config: { url: `${base}/api`, ...(statusUrl ? { statusUrl } : {}) },
  });

describe("provider status poll", () => {
  it("reads each distinct page once for every integration on it, stores the reading, and the detail carries it", async () => {
    const github = `${base}/github/api/v2/summary.json`;
    const a = await http("GitHub API", github);
    await http("GitHub Actions", github);
    await http("Plain");
    await http("Disabled", `${base}/disabled/api/v2/summary.json`, false);
    const now = new Date("2026-12-01T12:30:00Z");

    expect(await runProviderStatusPoll(t.db, { now, outbound: allowLocal })).toEqual({ skipped: false, urls: 1, polled: 1 });
    expect(hits).toEqual(new Map([["/github/api/v2/summary.json", 1]]));

    const stored = await t.db.providerStatus.findUniqueOrThrow({ where: { url: github } });
    expect(stored).toMatchObject({ indicator: "partial_outage", description: "Partial System Outage", fetchedAt: now, polledAt: now });
    const detail = await getIntegration(t.db, a.id);
    expect(detail.providerStatus).toEqual({
      url: github,
      reading: {
        indicator: "partial_outage",
        description: "Partial System Outage",
        incidents: [GITHUB_PARTIAL_INCIDENT],
        fetchedAt: now.toISOString(),
        pageName: "GitHub",
      },
    });
    expect((await getIntegration(t.db, (await t.db.integration.findUniqueOrThrow({ where: { name: "Plain" } })).id)).providerStatus).toBeNull();
    // The overview carries each check's indicator: read, or unknown for a page not read (here: of a disabled check).
    expect(Object.fromEntries((await listIntegrations(t.db)).map((i) => [i.name, i.providerStatus]))).toEqual({
      "GitHub API": { url: github, indicator: "partial_outage", pageName: "GitHub" },
      "GitHub Actions": { url: github, indicator: "partial_outage", pageName: "GitHub" },
      Plain: null,
      Disabled: { url: `${base}/disabled/api/v2/summary.json`, indicator: "unknown", pageName: null },
    });

    // Once no enabled integration names the page, the next pass forgets it without reading it.
    await t.db.integration.updateMany({ where: { name: { startsWith: "GitHub" } }, data: { enabled: false } });
    expect(await runProviderStatusPoll(t.db, { now: new Date(now.getTime() + 60_000), outbound: allowLocal })).toEqual({ skipped: false, urls: 0, polled: 0 });
    expect(await t.db.providerStatus.count()).toBe(0);
    expect(hits.get("/github/api/v2/summary.json")).toBe(1);
  });

  it("reads Slack's own status API and a custom Statuspage by its own name; an unreadable page keeps the name it gave", async () => {
    const slack = `${base}/slack/api/v2.0.0/current`;
    const acme = `${base}/acme/api/v2/summary.json`;
    const s = await http("Slack API", slack);
    const a = await http("Acme", acme);
    const now = new Date("2026-12-01T12:30:00Z");
    expect(await runProviderStatusPoll(t.db, { now, outbound: allowLocal })).toMatchObject({ polled: 2 });

    const slackReading = (await getIntegration(t.db, s.id)).providerStatus?.reading;
    expect(slackReading).toMatchObject({ indicator: "partial_outage", fetchedAt: now.toISOString() });
    expect(slackReading?.incidents.length).toBeGreaterThan(0);
    expect((await getIntegration(t.db, a.id)).providerStatus?.reading).toMatchObject({ indicator: "partial_outage", pageName: "Acme Cloud" });
    const overview = Object.fromEntries((await listIntegrations(t.db)).map((i) => [i.name, i.providerStatus?.pageName]));
    expect(overview).toEqual({ "Slack API": null, Acme: "Acme Cloud" });

    // The page breaks: the reading turns unknown, the provider keeps its name.
    acmeBroken = true;
    await runProviderStatusPoll(t.db, { now: new Date(now.getTime() + 60_000), outbound: allowLocal });
    expect((await getIntegration(t.db, a.id)).providerStatus?.reading).toMatchObject({ indicator: "unknown", pageName: "Acme Cloud" });
  });

  it("reads a page at most once a minute, fleet-wide, even when two workers pass at once", async () => {
    const github = `${base}/github/api/v2/summary.json`;
    await http("GitHub API", github);
    const at = (s: number) => new Date(Date.parse("2026-12-01T12:00:00Z") + s * 1_000);

    const both = await Promise.all([
      runProviderStatusPoll(t.db, { now: at(0), outbound: allowLocal }),
      runProviderStatusPoll(t.db, { now: at(0), outbound: allowLocal }),
    ]);
    expect(both.reduce((n, r) => n + r.polled, 0)).toBe(1);
    expect(await runProviderStatusPoll(t.db, { now: at(59), outbound: allowLocal })).toMatchObject({ polled: 0 });
    expect(hits.get("/github/api/v2/summary.json")).toBe(1);
    expect(await runProviderStatusPoll(t.db, { now: at(60), outbound: allowLocal })).toMatchObject({ polled: 1 });
    expect(hits.get("/github/api/v2/summary.json")).toBe(2);
    expect((await readProviderStatus(t.db, github))?.fetchedAt).toBe(at(60).toISOString());
  });

  it("stores unknown, never an error, for a malformed page, an HTTP error and one that is not listening", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/api/v2/summary.json`;
    await new Promise((resolve) => closed.close(resolve));
    const html = `${base}/html/api/v2/summary.json`;
    const down = `${base}/down/api/v2/summary.json`;
    const b = await http("Broken", html);
    await http("Down", down);
    await http("Dead", deadUrl);
    const now = new Date("2026-12-01T12:30:00Z");

    expect(await runProviderStatusPoll(t.db, { now, outbound: allowLocal, timeoutMs: 2_000 })).toMatchObject({ polled: 3 });
    expect(await readProviderStatus(t.db, html)).toEqual({
      indicator: "unknown",
      description: "Unrecognised status page",
      incidents: [],
      fetchedAt: now.toISOString(),
      pageName: null,
    });
    expect(await readProviderStatus(t.db, down)).toMatchObject({ indicator: "unknown", description: "Status page answered HTTP 503" });
    expect(await readProviderStatus(t.db, deadUrl)).toMatchObject({
      indicator: "unknown",
      description: expect.stringMatching(/^Status page unreachable: .*refused/i),
    });
    expect((await getIntegration(t.db, b.id)).providerStatus?.reading?.indicator).toBe("unknown");
  });

  it("goes through the outbound guard: a private address is refused unless private targets are allowed", async () => {
    const github = `${base}/github/api/v2/summary.json`;
    await http("GitHub API", github);
    await runProviderStatusPoll(t.db, { now: new Date("2026-12-01T12:30:00Z"), outbound: { allowPrivateNetworks: false } });
    expect(hits.size).toBe(0);
    expect(await readProviderStatus(t.db, github)).toMatchObject({
      indicator: "unknown",
      description: expect.stringMatching(/^Status page unreachable: .*(loopback|blocked|not allowed)/i),
    });
  });

  it("runs in the worker beside the other periodic jobs, on the worker's injected clock", async () => {
    const github = `${base}/github/api/v2/summary.json`;
    const a = await http("GitHub API", github);
    // Only the status pass is due: the probe's own slot is far away.
    await t.db.integration.update({ where: { id: a.id }, data: { nextRunAt: new Date("2099-01-01T00:00:00Z") } });
    const now = Date.parse("2026-12-01T12:30:00Z");
    const worker = new Worker({
      db: t.db,
      concurrency: 2,
      workerId: "S",
      now: () => now,
      logger: createLogger("test", "error", () => {}),
      outbound: allowLocal,
    });
    try {
      await worker.tick();
      await vi.waitFor(async () =>
        expect(await readProviderStatus(t.db, github)).toMatchObject({ indicator: "partial_outage", fetchedAt: new Date(now).toISOString() }),
      );
    } finally {
      await worker.stop();
    }
    expect(hits.get("/github/api/v2/summary.json")).toBe(1);
  });
});
