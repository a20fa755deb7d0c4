// The CLI runs without a Tether server or a database: everything its entry can load (static and dynamic imports,
// followed by esbuild, which ships with tsx) must stay clear of Prisma, Next and lib/db.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("what the CLI loads", () => {
  it("reaches no Prisma, no Next, no lib/db", async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ["lib/cli/entry.ts"],
      write: false,
      outdir: "out",
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      metafile: true,
      logLevel: "silent",
    });
    const files = Object.keys(result.metafile.inputs);
    const packages = [...new Set(Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((im) => im.external).map((im) => im.path)))];
    expect(files).toContain("lib/mcp/conformance/index.ts");
    expect(files).toContain("lib/mcp/import/detect.ts");
    expect(files.filter((f) => f.startsWith("lib/db/") || f.includes("generated"))).toEqual([]);
    expect(packages.filter((p) => /^(@prisma\/|prisma$|next($|\/)|react($|-dom|\/)|pg$)/.test(p))).toEqual([]);
  });
});
