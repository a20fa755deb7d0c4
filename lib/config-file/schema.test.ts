// The published JSON Schema (docs/tether.schema.json, for editors) is the one generated from the zod schema,
// and it accepts the README's example.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "./schema";

const ROOT = new URL("../../", import.meta.url);

describe("docs/tether.schema.json", () => {
  it("equals the schema generated from the zod schema (regenerate: npx tsx scripts/write-config-schema.ts)", () => {
    const committed = JSON.parse(readFileSync(new URL("docs/tether.schema.json", ROOT), "utf8")) as unknown;
    expect(committed).toEqual(configJsonSchema());
  });

  it("accepts the README's tether.yaml example and rejects an unknown field", () => {
    const readme = readFileSync(new URL("README.md", ROOT), "utf8");
    const example = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const validate = new Ajv2020({ strict: false }).compile(configJsonSchema());
    expect(validate(parse(example!)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ integratons: {} })).toBe(false);
  });
});
