import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import type { RecordRunInput } from "../db/probe-runs";

const statements: RecordRunInput[][] = [];
vi.mock("../db/probe-runs", () => ({
  recordProbeRuns: async (_db: unknown, inputs: RecordRunInput[]) => {
    statements.push(inputs);
    return inputs.map(() => ({ ok: true, outcome: { recorded: false, reason: "integration_gone" } }));
  },
}));
const { RunRecorder } = await import("./run-recorder");

const run = (id: string, trigger: RecordRunInput["trigger"] = "scheduled") => ({ integrationId: id, trigger }) as RecordRunInput;
const recorder = () => new RunRecorder({} as Db, { clock: () => Date.now() });

beforeEach(() => {
  vi.useFakeTimers();
  statements.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("RunRecorder's gather", () => {
  it("waits up to a second for company when runs come slowly, and writes them in one statement", async () => {
    const r = recorder();
    for (let i = 0; i < 20; i++) {
      void r.record(run(`i${i}`));
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(statements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(statements.map((s) => s.length)).toEqual([20]);
  });

  it("gathers about 100 ms under load", async () => {
    const r = recorder();
    // 1,000 runs a second for a second: the first statements teach it the rate.
    for (let ms = 0; ms < 1_000; ms++) {
      void r.record(run(`i${ms}`));
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statements.reduce((n, s) => n + s.length, 0)).toBe(1_000);
    // After the first (1 s or a full batch), batches of about 100.
    expect(statements.slice(1, -1).every((s) => s.length >= 90 && s.length <= 110)).toBe(true);
  });

  it("writes a full batch at once", async () => {
    const r = new RunRecorder({} as Db, { clock: () => Date.now(), maxBatch: 10 });
    for (let i = 0; i < 10; i++) void r.record(run(`i${i}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(statements.map((s) => s.length)).toEqual([10]);
  });

  it("writes a manual run at once, with the scheduled runs waiting beside it", async () => {
    const r = recorder();
    void r.record(run("a"));
    await vi.advanceTimersByTimeAsync(50);
    const manual = r.record(run("b", "manual"));
    await vi.advanceTimersByTimeAsync(0);
    expect(statements.map((s) => s.map((i) => i.integrationId))).toEqual([["a", "b"]]);
    await expect(manual).resolves.toEqual({ recorded: false, reason: "integration_gone" });
  });

  it("writes at once while hurried (a drain or stop), and gathers again after", async () => {
    const r = recorder();
    void r.record(run("a"));
    const done = r.hurry();
    await vi.advanceTimersByTimeAsync(0);
    void r.record(run("b"));
    await vi.advanceTimersByTimeAsync(0);
    expect(statements.map((s) => s.length)).toEqual([1, 1]);
    done();
    void r.record(run("c"));
    await vi.advanceTimersByTimeAsync(50);
    expect(statements).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statements).toHaveLength(3);
  });
});
