// `npm run build:worker`: bundles the server programs `npm start` and `npm run worker` run (scripts/start.ts,
// scripts/web-server.ts, scripts/worker.ts and the lib/ they import) into JavaScript files under
// node_modules/.cache/tether/, so production starts without compiling TypeScript (tsx took seconds, more on a busy
// machine, and its loader stayed resident in every process). Packages stay external (loaded from node_modules).
// Rebuilds only when a source is newer than the bundles.
// `node scripts/build-worker.mjs --run` builds if stale, then runs the worker in this process (`npm run worker`).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = path.join(root, "node_modules/.cache/tether");
export const WORKER_BUNDLE = path.join(OUT_DIR, "worker.mjs");
/** `npm start` (scripts/start.mjs runs it): migrations, the embedded database and demo when asked, the worker. */
export const START_BUNDLE = path.join(OUT_DIR, "start.mjs");
/** The dashboard's web server, which the start bundle spawns beside itself. */
export const WEB_BUNDLE = path.join(OUT_DIR, "web-server.mjs");
const ENTRIES = ["worker", "start", "web-server", "db-migrate"];
const SOURCES = ["lib", ...ENTRIES.map((e) => `scripts/${e}.ts`), "scripts/server-v8-flags.ts", "package.json"];

/** The newest modification time in a file or tree, leaving out what `skip` names (by file name). */
function newestMtime(p, skip = () => false) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return skip(path.basename(p)) ? 0 : st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry), skip));
  return newest;
}

/** What Next's production build is made from: the app, its components and lib, and the files that configure it. */
const NEXT_SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "sentry.server.config.ts",
  "sentry.edge.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  // package.json, not the lockfile: the Dockerfile's `npm prune` after the build may rewrite the lockfile.
  "package.json",
];
const isTest = (name) => /\.(int\.)?(test|spec)\.tsx?$/.test(name);

/**
 * Whether Next's build in `distDir` is missing or older than a source (a `git pull` since it was built): the
 * dashboard would otherwise go on serving the pages and API of the checkout it was built from. Tests do not count.
 */
export function nextBuildIsStale(distDir = ".next", base = root) {
  const id = path.join(base, distDir, "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return NEXT_SOURCES.some((s) => newestMtime(path.join(base, s), isTest) > built);
}

export function workerBundleIsStale() {
  const bundles = ENTRIES.map((e) => path.join(OUT_DIR, `${e}.mjs`));
  if (bundles.some((b) => !existsSync(b))) return true;
  const built = Math.min(...bundles.map((b) => statSync(b).mtimeMs));
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/** Builds every bundle into `outdir` (default node_modules/.cache/tether) when forced, or when stale there. */
export async function buildWorker({ force = false, outdir = OUT_DIR } = {}) {
  if (!force && outdir === OUT_DIR && !workerBundleIsStale()) return false;
  // esbuild comes with tsx; imported only when a build is needed.
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, path.join(root, `scripts/${e}.ts`)])),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // A dynamic import() becomes a chunk of its own. Without splitting, esbuild inlines the imported module and
    // hoists its package imports to the bundle's top, so every lazily loaded driver (mongodb, ioredis, the MCP
    // SDK, ...) would load at start in every process.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  // esbuild's service is a child process (about 55 MB) that would otherwise live as long as `npm start`.
  await esbuild.stop();
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const built = await buildWorker({ force: process.argv.includes("--force") });
  if (process.argv.includes("--run")) await import(pathToFileURL(WORKER_BUNDLE).href);
  else console.log(built ? `built ${path.relative(root, OUT_DIR)}/{${ENTRIES.join(",")}}.mjs` : `${path.relative(root, OUT_DIR)} is up to date`);
}
