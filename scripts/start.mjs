// `npm start`: builds what is missing or stale (Next's production build, and the server bundles, whenever a source is newer,
// scripts/build-worker.mjs), then runs the built start program (scripts/start.ts) in this very process, from the
// project root. Plain JavaScript, so nothing compiles TypeScript at run time and no tsx loader stays resident.
// `node scripts/start.mjs --build-only` builds and exits (the Dockerfile's build stage).
// package.json's "start" (and the Dockerfile's CMD) run it with --max-semi-space-size=1, which holds for the web
// server's thread too (V8 flags are per process): V8's young generation then stays at 3 MB instead of growing to
// 48 MB in a worker that allocates a little per probe all day; measured at 1,000 integrations (`npm run bench:memory`),
// 45-90 MB less resident in the worker for 1-2 points more of one core. They also set MALLOC_ARENA_MAX=2 (the
// Dockerfile as an ENV), which must be in the environment before node starts: glibc otherwise gives every thread
// that allocates (V8's GC and compiler threads, libuv's pool, the web server's thread) an arena of its own, and freed
// memory stays resident in each. Measured with the lazy sign-in and mail modules (bench:memory, 1,000 integrations):
// start + worker 124.1 MB RSS against 128.7 without either. The "start" script `exec`s node, so npm's script shell
// (1.6 MB RSS) does not wait beside it; npm itself (54 MB) stays, as it waits for its child.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildWorker, nextBuildIsStale, START_BUNDLE } from "./build-worker.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
process.env.NEXT_TELEMETRY_DISABLED = "1";

const distDir = process.env.TETHER_DIST_DIR || ".next";
if (nextBuildIsStale(distDir)) {
  console.log(
    existsSync(`${distDir}/BUILD_ID`)
      ? "the dashboard's sources changed since its build: running `next build` (a few minutes)"
      : "no production build yet: running `next build` once (a few minutes)",
  );
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await buildWorker();
if (!process.argv.includes("--build-only")) await import(pathToFileURL(START_BUNDLE).href);
