// The catalogue cannot drift from the checks: every rule id the check files report is listed, and every listed id
// is reported somewhere.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_RULES, rulesChecked } from "./catalogue";
import { HTTP_RULES } from "./http/rules";

const dir = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "catalogue.ts")
  .map((f) => readFileSync(path.join(dir, f), "utf8"))
  .join("\n");
const literal = [...sources.matchAll(/rule: "([a-z0-9-]+)"/g)].map((m) => m[1]!);
// schemas.ts builds `${which}-schema-not-object` and `${which}-schema-invalid` for input and output.
const templated = [...sources.matchAll(/rule: `\$\{which\}(-[a-z-]+)`/g)].flatMap((m) => ["input", "output"].map((w) => `${w}${m[1]}`));

describe("conformance rule catalogue", () => {
  it("lists every rule the protocol and content checks report, and nothing they do not", () => {
    expect(new Set([...literal, ...templated])).toEqual(new Set(CONTENT_RULES));
  });

  it("checks the HTTP rules only over HTTP, and nothing before a session", () => {
    expect(rulesChecked({ connected: true, transport: "stdio" })).toEqual([...CONTENT_RULES]);
    expect(rulesChecked({ connected: true, transport: "http" })).toEqual([...CONTENT_RULES, ...Object.keys(HTTP_RULES)]);
    expect(rulesChecked({ connected: false, transport: "http" })).toEqual([]);
  });
});
