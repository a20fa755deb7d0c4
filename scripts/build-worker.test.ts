// The worker bundle keeps packages external, and esbuild hoists a static import of an external package to the
// bundle's top even when the importing module is itself imported dynamically. So an optional SDK imported
// statically anywhere on the worker's path loads in every worker, configured or not. This builds the real bundle.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildWorker } from "./build-worker.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "tether-worker-bundle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the worker bundle", () => {
  it("loads Sentry and OpenTelemetry only when configured (no static import of either)", async () => {
    const outfile = path.join(dir, "worker.mjs");
    await buildWorker({ force: true, outfile });
    const code = readFileSync(outfile, "utf8");
    const staticImports = [...code.matchAll(/^import\b[^;]*?from\s*"([^"]+)";?$/gm)].map((m) => m[1]);
    expect(staticImports.length).toBeGreaterThan(0);
    expect(staticImports.filter((s) => /^@sentry\/|^@opentelemetry\//.test(s!))).toEqual([]);
    // Both are still reachable, lazily.
    expect(code).toMatch(/import\("@sentry\/node"\)/);
    expect(code).toMatch(/import\("@opentelemetry\/sdk-metrics"\)/);
  }, 60_000);
});
