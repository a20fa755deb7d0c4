// The server bundles keep packages external and split at every dynamic import(), so a package imported only
// behind one (an optional SDK, a probe kind's driver) loads when that code first runs, not at start. Without
// splitting, esbuild hoists such an import to the bundle's top and every process would load it. This builds the
// real bundles and follows each entry's static imports through its chunks.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildWorker } from "./build-worker.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "tether-server-bundles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await buildWorker({ force: true, outdir: dir });
}, 60_000);

/** The packages an entry loads at start: static imports of the entry and of every chunk it statically imports. */
function packagesAtStart(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, "utf8");
    for (const [, spec] of code.matchAll(/^import\b[^;]*?from\s*"([^"]+)";?$/gm)) {
      if (spec!.startsWith(".")) visit(path.join(path.dirname(file), spec!));
      else if (!spec!.startsWith("node:")) packages.add(spec!);
    }
  };
  visit(path.join(dir, `${entry}.mjs`));
  return packages;
}

// Also what only some processes need some of the time: email (nodemailer), sign-in (next-auth's providers, bcrypt,
// the sign-in rate limiter), which the start program once loaded for good through one helper of lib/auth/options.ts.
const OPTIONAL =
  /^(@sentry\/|@opentelemetry\/|@modelcontextprotocol\/|mongodb|ioredis|mysql2|mqtt|amqplib|nats|graphql|@smithy\/|@apidevtools\/|yaml|@prisma\/schema-engine-wasm|nodemailer|next-auth|bcryptjs|rate-limiter-flexible)/;

describe("the server bundles", () => {
  it.each(["worker", "start", "web-server"])("%s loads no optional SDK or probe driver at start", (entry) => {
    const packages = [...packagesAtStart(entry)];
    expect(packages.filter((p) => OPTIONAL.test(p))).toEqual([]);
  });

  it("keeps them reachable, lazily", () => {
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
    const code = files.map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
    for (const pkg of [
      "@sentry/node",
      "@opentelemetry/sdk-metrics",
      "mongodb",
      "ioredis",
      "mysql2/promise",
      "@smithy/signature-v4",
      "@prisma/schema-engine-wasm/schema_engine_bg",
      "nodemailer",
      "bcryptjs",
    ])
      expect(code).toMatch(new RegExp(`(import\\("|from ")${pkg.replace(/[/.]/g, "\\$&")}"`));
    // The probe kinds are chunks of their own, imported on first use.
    expect(code).toMatch(/import\("\.\/chunks\/redis-probe-[^"]+"\)|import\("\.\/redis-probe-[^"]+"\)/);
  });
});
