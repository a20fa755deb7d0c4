// `npm run build:worker`: bundles the worker (scripts/worker.ts and the lib/ it imports) into one JavaScript file,
// so a worker starts without compiling TypeScript (tsx took seconds, more on a busy machine). Packages stay
// external (loaded from node_modules). Rebuilds only when a source is newer than the bundle.
// `node scripts/build-worker.mjs --run` builds if stale, then runs the worker in this process (`npm run worker`).
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const WORKER_BUNDLE = path.join(root, "node_modules/.cache/tether/worker.mjs");
const SOURCES = ["lib", "scripts/worker.ts", "package.json"];

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function workerBundleIsStale() {
  if (!existsSync(WORKER_BUNDLE)) return true;
  const built = statSync(WORKER_BUNDLE).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

export async function buildWorker({ force = false, outfile = WORKER_BUNDLE } = {}) {
  if (!force && outfile === WORKER_BUNDLE && !workerBundleIsStale()) return false;
  // esbuild comes with tsx; imported only when a build is needed.
  const { build } = await import("esbuild");
  await build({
    entryPoints: [path.join(root, "scripts/worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  return true;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const built = await buildWorker({ force: process.argv.includes("--force") });
  if (process.argv.includes("--run")) await import(pathToFileURL(WORKER_BUNDLE).href);
  else console.log(built ? `built ${path.relative(root, WORKER_BUNDLE)}` : `${path.relative(root, WORKER_BUNDLE)} is up to date`);
}
