import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_V8_FLAGS } from "./server-v8-flags";

// The flags are set by importing the module, so each long-lived server entry point must import it before anything
// that could compile Prisma's WebAssembly: as its first import.
describe("server V8 flags", () => {
  it.each(["start", "web-server"])("scripts/%s.ts imports them first", (entry) => {
    const source = readFileSync(new URL(`./${entry}.ts`, import.meta.url), "utf8");
    const firstImport = /^import .*$/m.exec(source)?.[0];
    expect(firstImport).toBe('import "./server-v8-flags";');
  });

  it("leaves them out of the scale-out worker (npm run worker), which is run for throughput", () => {
    expect(readFileSync(new URL("./worker.ts", import.meta.url), "utf8")).not.toContain('import "./server-v8-flags"');
  });

  it("keeps WebAssembly on the baseline compiler and the old generation growing by a fifth", () => {
    expect(SERVER_V8_FLAGS).toEqual(["--liftoff-only", "--heap-growing-percent=20"]);
  });

  it("is watched by the bundle build, so a change to it rebuilds the bundles", () => {
    expect(readFileSync(new URL("./build-worker.mjs", import.meta.url), "utf8")).toContain('"scripts/server-v8-flags.ts"');
  });
});
