import { describe, expect, it } from "vitest";
import { ruleInputSchema } from "../alerts/rule";
import { DEMO_RULE, demoIntegrations } from "./seed";

describe("demo seed", () => {
  it("its alert rule validates and covers every demo integration by tag", () => {
    const rule = ruleInputSchema.parse(DEMO_RULE);
    expect(rule.scope).toEqual({ kind: "tag", tag: "demo" });
    expect(demoIntegrations("http://127.0.0.1:4010").every((i) => (i.tags as string[] | undefined)?.includes("demo"))).toBe(true);
  });
});
