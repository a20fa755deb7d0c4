// `npm start` rebuilds the dashboard when a source is newer than its build (a `git pull` since): it used to build
// only when no build existed, and went on serving the pages and API of the checkout it was first built from.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { nextBuildIsStale } from "./build-worker.mjs";

const base = mkdtempSync(path.join(tmpdir(), "tether-next-stale-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const T = new Date("2026-12-01T12:00:00Z");
const at = (file: string, minutes: number) => {
  const full = path.join(base, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "x");
  const when = new Date(T.getTime() + minutes * 60_000);
  utimesSync(full, when, when);
  // Directories count too (a deleted source changes its directory): they are as old as the first files here.
  for (let dir = path.dirname(full); dir !== base; dir = path.dirname(dir)) utimesSync(dir, T, T);
};

describe("nextBuildIsStale", () => {
  it("is stale with no build, fresh after one, stale again once a source changes, and ignores tests", () => {
    at("app/page.tsx", 0);
    at("lib/domain/health.ts", 0);
    expect(nextBuildIsStale(".next", base)).toBe(true);
    at(".next/BUILD_ID", 10);
    expect(nextBuildIsStale(".next", base)).toBe(false);
    at("lib/domain/health.test.ts", 20);
    at("lib/db/probe-runs.int.test.ts", 20);
    expect(nextBuildIsStale(".next", base)).toBe(false);
    at("lib/domain/health.ts", 20);
    expect(nextBuildIsStale(".next", base)).toBe(true);
    at(".next/BUILD_ID", 30);
    at("next.config.js", 40);
    expect(nextBuildIsStale(".next", base)).toBe(true);
  });
});
