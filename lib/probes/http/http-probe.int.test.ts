// The HTTP probe and runner against real local servers: each failure comes back classified, never thrown.
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoTarget, type DemoTarget } from "../../demo/target-server";
import { closeFake, findClosedPort, muteServer, selfSignedCertificate, type FakeServer } from "../testing/harness";
import { httpConfigSchema } from "./config";
import { initialCircuit } from "../../domain/circuit";
import { runProbe } from "../runner";
import { httpProbe } from "./http-probe";

let target: DemoTarget;
let hanging: FakeServer;
let hangingUrl: string;
let closedPortUrl: string;

beforeAll(async () => {
  target = await startDemoTarget({ port: 0, random: () => 0.5 });
  hanging = await muteServer();
  hangingUrl = `http://127.0.0.1:${hanging.port}/`;
  closedPortUrl = `http://127.0.0.1:${await findClosedPort()}/`;
});

afterAll(async () => {
  await closeFake(hanging);
  await target.close();
});

function run(config: Record<string, unknown>, opts: { timeoutMs?: number; retries?: number } = {}) {
  return runProbe({
    probe: httpProbe,
    config: httpConfigSchema.parse(config),
    timeoutMs: opts.timeoutMs ?? 2_000,
    retries: opts.retries ?? 0,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    // The test servers listen on loopback, which a deployment refuses unless it allows private targets.
    outbound: { allowPrivateNetworks: true },
  });
}

describe("HTTP probe", () => {
  it("passes a healthy endpoint with status, JSON path and latency recorded", async () => {
    const r = await run({ url: `${target.url}/healthy`, assertion: { type: "json_path", path: "$.status", equals: "ok" } });
    expect(r).toMatchObject({ ok: true, httpStatus: 200, errorClass: null, attempts: 1 });
    expect(r.latencyMs).toBeGreaterThan(0);
    expect(r.trace.attempts[0]).toMatchObject({ ok: true, status: 200, headers: { "content-type": "application/json" } });
  });

  it.each([
    ["an unexpected status", () => ({ url: `${target.url}/down` }), "http_status", /HTTP 503, expected 2xx/],
    [
      "a JSON path mismatch",
      () => ({ url: `${target.url}/healthy`, assertion: { type: "json_path", path: "$.status", equals: "degraded" } }),
      "assertion",
      /^Assertion failed: \$\.status equals degraded \(saw ok\)$/,
    ],
    [
      "missing body text",
      () => ({ url: `${target.url}/status`, assertion: { type: "body_contains", text: "maintenance" } }),
      "assertion",
      /^Assertion failed: body contains maintenance \(saw /,
    ],
    ["a blown latency budget", () => ({ url: `${target.url}/slow`, latencyBudgetMs: 50 }), "latency_budget", /over the budget of 50 ms/],
    ["a refused connection", () => ({ url: closedPortUrl }), "connect", /ECONNREFUSED/],
    ["an unresolvable host", () => ({ url: "http://tether-nonexistent.invalid/" }), "dns", /DNS lookup failed/],
  ])("classifies %s", async (_name, config, errorClass, message) => {
    const r = await run(config());
    expect(r.ok).toBe(false);
    expect(r.errorClass).toBe(errorClass);
    expect(r.errorMessage).toMatch(message);
  });

  it("classifies an untrusted certificate as tls, and does not retry it", async () => {
    const server = createTlsServer(await selfSignedCertificate(), (_req, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const r = await run({ url: `https://127.0.0.1:${(server.address() as { port: number }).port}/` }, { retries: 2 });
      expect(r).toMatchObject({ ok: false, errorClass: "tls", attempts: 1 });
      expect(r.errorMessage).toMatch(/TLS handshake failed \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)\)/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("times out a server that never answers, per attempt, and retries with backoff recorded in the trace", async () => {
    const r = await run({ url: hangingUrl }, { timeoutMs: 150, retries: 2 });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", attempts: 3, errorMessage: "No response within 150 ms" });
    expect(r.trace.attempts.map((a) => a.errorClass)).toEqual(["timeout", "timeout", "timeout"]);
    expect(r.trace.attempts[0]!.retryDelayMs).toBeGreaterThanOrEqual(0);
    expect(r.trace.attempts[2]!.retryDelayMs).toBeUndefined();
  });

  it("retries a 5xx and succeeds when the server recovers; does not retry an assertion failure", async () => {
    let calls = 0;
    const recovering = createServer((_req, res) => {
      calls++;
      res.writeHead(calls < 2 ? 502 : 200).end("{}");
    });
    await new Promise<void>((r) => recovering.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(recovering.address() as { port: number }).port}/`;
      const r = await run({ url }, { retries: 3 });
      expect(r).toMatchObject({ ok: true, attempts: 2, httpStatus: 200 });
      expect(r.trace.attempts[0]).toMatchObject({ ok: false, errorClass: "http_status", status: 502 });
      const noRetry = await run({ url, assertion: { type: "body_contains", text: "nope" } }, { retries: 3 });
      expect(noRetry).toMatchObject({ ok: false, errorClass: "assertion", attempts: 1 });
    } finally {
      await new Promise((r) => recovering.close(r));
    }
  });

  it("refuses a loopback target unless private targets are allowed, classified as blocked and not retried", async () => {
    const r = await runProbe({
      probe: httpProbe,
      config: httpConfigSchema.parse({ url: `${target.url}/healthy` }),
      timeoutMs: 1_000,
      retries: 3,
      circuit: initialCircuit,
      circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
      outbound: { allowPrivateNetworks: false },
    });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", attempts: 1 });
    expect(r.errorMessage).toMatch(/Refused to connect to 127\.0\.0\.1 .*loopback/);
    const metadata = await runProbe({
      probe: httpProbe,
      config: httpConfigSchema.parse({ url: "http://169.254.169.254/latest/meta-data/" }),
      timeoutMs: 1_000,
      retries: 0,
      circuit: initialCircuit,
      circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
      outbound: { allowPrivateNetworks: true },
    });
    expect(metadata).toMatchObject({ ok: false, errorClass: "blocked", errorMessage: "Refused to connect to 169.254.169.254 (cloud metadata address)" });
  });

  it("skips the probe while the circuit is open, and a manual probe forces through", async () => {
    const open = { state: "open" as const, consecutiveFailures: 3, openedAt: Date.now() };
    const base = {
      probe: httpProbe,
      config: httpConfigSchema.parse({ url: `${target.url}/healthy` }),
      timeoutMs: 1_000,
      retries: 0,
      circuit: open,
      circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
      outbound: { allowPrivateNetworks: true },
    };
    const skipped = await runProbe(base);
    expect(skipped).toMatchObject({ ok: false, errorClass: "circuit_open", attempts: 0 });
    expect(skipped.trace.circuitAdmission).toBe("rejected");
    const forced = await runProbe({ ...base, force: true });
    expect(forced).toMatchObject({ ok: true, attempts: 1 });
    expect(forced.trace.circuitAdmission).toBe("forced");
  });
});
