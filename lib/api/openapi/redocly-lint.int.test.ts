// The generated document passes `redocly lint` (the recommended rules of redocly.yaml) with no error and no warning.
// An int test: it runs Redocly's CLI, which takes a few seconds.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { buildOpenApiDocument } from ".";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tether-openapi-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("passes redocly lint with no problems", async () => {
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(buildOpenApiDocument({ version: "0.0.0-test" })));
  const { stdout } = await promisify(execFile)(
    join(ROOT, "node_modules/.bin/redocly"),
    ["lint", file, "--config", join(ROOT, "redocly.yaml"), "--format", "json"],
    {
      cwd: ROOT,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
  expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 60_000);
