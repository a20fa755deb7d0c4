// The registry loads each kind's module on first use; these check that the lazy entries behave as the modules do.
import { describe, expect, it } from "vitest";
import { INTEGRATION_KINDS } from "./kinds";
import { mcpProbe } from "./mcp/mcp-probe";
import { loadProbe, probes } from "./registry";
import { tcpProbe } from "./tcp/tcp-probe";
import type { ProbeRunResult } from "../domain/probe-run";

describe("the probe registry", () => {
  it("answers a kind's gate synchronously, with the kind's own gate, before its module is loaded", () => {
    expect(probes.mcp.gate).toBe(mcpProbe.gate);
    for (const kind of INTEGRATION_KINDS) if (kind !== "mcp") expect(probes[kind].gate).toBeUndefined();
  });

  it("passes a run's result through a kind without an after-run step unchanged", async () => {
    const result = { ok: true, latencyMs: 12 } as unknown as ProbeRunResult;
    expect(await probes.tcp.afterRun!(result, { lastDetail: async () => undefined })).toBe(result);
  });

  it("loads a kind's own probe for running it", async () => {
    expect(await loadProbe("tcp")).toBe(tcpProbe);
    expect(await loadProbe("mcp")).toBe(mcpProbe);
  });

  it("runs the kind's probe", async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const outcome = await probes.tcp.run({ host: "127.0.0.1", port: 1 } as never, {
      signal: ctrl.signal,
      timeoutMs: 100,
      now: Date.now,
      outbound: { allowPrivate: true } as never,
    });
    expect(outcome.ok).toBe(false);
  });
});
