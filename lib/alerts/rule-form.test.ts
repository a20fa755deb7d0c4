import { describe, expect, it } from "vitest";
import { draftFromForm, formFromRule, integrationsInScope, switchConditionKind } from "./rule-form";
import { ruleInputSchema } from "./rule";

const integrationId = "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f10";

describe("rule form", () => {
  it("a new form with a name and an integration is a valid error-rate rule", () => {
    const form = { ...formFromRule(), name: "Payments failing", integrationId };
    const draft = draftFromForm(form);
    expect(draft.ok).toBe(true);
    expect(draft.rule).toMatchObject({
      name: "Payments failing",
      scope: { kind: "integration", integrationId },
      condition: { kind: "error_rate", thresholdPct: 20, windowMinutes: 5, minSamples: 5 },
    });
    expect(draft.rule?.condition).not.toHaveProperty("resolvePct");
  });

  it("round-trips a saved rule through the form", () => {
    const rule = ruleInputSchema.parse({
      name: "Slow search",
      severity: "critical",
      scope: { kind: "tag", tag: "search" },
      condition: { kind: "latency", percentile: "p99", thresholdMs: 900, resolveMs: 600, windowMinutes: 10, minSamples: 3 },
      pendingSeconds: 60,
      reminderMinutes: 30,
    });
    expect(draftFromForm(formFromRule(rule)).rule).toEqual(rule);
  });

  it("reports errors per field with the schema's paths and plain words for what was typed", () => {
    const form = {
      ...formFromRule(),
      name: " ",
      scopeKind: "integration" as const,
      condition: { thresholdPct: "abc", resolvePct: "", windowMinutes: "", minSamples: "5" },
      pendingSeconds: "-1",
    };
    const { errors } = draftFromForm(form);
    expect(errors["name"]).toEqual(["Give the rule a name"]);
    expect(errors["scope.integrationId"]).toEqual(["Choose an integration"]);
    expect(errors["condition.thresholdPct"]).toEqual(["Enter a number"]);
    expect(errors["condition.windowMinutes"]).toEqual(["Enter a value"]);
    expect(errors["pendingSeconds"]).toBeDefined();
    expect(errors["condition.minSamples"]).toBeUndefined();
  });

  it("reports the hysteresis cross-field rule on the resolve field", () => {
    const form = { ...formFromRule(), name: "x", integrationId, condition: { thresholdPct: "20", resolvePct: "30", windowMinutes: "5", minSamples: "5" } };
    expect(draftFromForm(form).errors["condition.resolvePct"]).toEqual(["The resolve threshold cannot be above the firing threshold"]);
  });

  it("switching kind starts from that kind's defaults and keeps shared fields", () => {
    const form = { ...formFromRule(), condition: { thresholdPct: "20", resolvePct: "", windowMinutes: "15", minSamples: "9" } };
    expect(switchConditionKind(form, "latency").condition).toEqual({
      percentile: "p95",
      thresholdMs: "1000",
      resolveMs: "",
      windowMinutes: "15",
      minSamples: "9",
    });
    expect(switchConditionKind(form, "consecutive_failures").condition).toEqual({ count: "3" });
  });

  it("the editor makes an MCP breaking-change rule, which has nothing to set", () => {
    const form = switchConditionKind({ ...formFromRule(), name: "Agent tools", integrationId }, "mcp_breaking_change");
    expect(form.condition).toEqual({});
    expect(draftFromForm(form).rule?.condition).toEqual({ kind: "mcp_breaking_change" });
    expect(formFromRule(draftFromForm(form).rule!).conditionKind).toBe("mcp_breaking_change");
  });

  it("the editor makes a credential-expiry rule, and says the days out of range", () => {
    const form = switchConditionKind({ ...formFromRule(), name: "GitHub token", integrationId }, "credential_expiry");
    expect(form.condition).toEqual({ days: "14" });
    expect(draftFromForm({ ...form, condition: { days: "7" } }).rule?.condition).toEqual({ kind: "credential_expiry", days: 7 });
    expect(draftFromForm({ ...form, condition: { days: "0" } }).errors["condition.days"]).toEqual(["At least 1 day"]);
    expect(draftFromForm({ ...form, condition: { days: "400" } }).errors["condition.days"]).toBeDefined();
  });
});

describe("integrationsInScope", () => {
  const list = [
    { id: "a", enabled: true, tags: ["payments"] },
    { id: "b", enabled: false, tags: ["payments"] },
    { id: "c", enabled: true, tags: [] },
  ];
  it("resolves one integration, a tag (enabled only) or all enabled", () => {
    expect(integrationsInScope({ kind: "integration", integrationId: "b" }, list).map((i) => i.id)).toEqual(["b"]);
    expect(integrationsInScope({ kind: "tag", tag: "payments" }, list).map((i) => i.id)).toEqual(["a"]);
    expect(integrationsInScope({ kind: "all" }, list).map((i) => i.id)).toEqual(["a", "c"]);
  });
});

describe("burn-rate rule form", () => {
  const sloId = "7a1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f11";

  it("starts from the Workbook's page pairs, editable, and round-trips", () => {
    const form = switchConditionKind({ ...formFromRule(), name: "Budget burn", scopeKind: "all" }, "slo_burn_rate");
    expect(form.condition).toMatchObject({ "w0.factor": "14.4", "w0.longMinutes": "60", "w0.shortMinutes": "5", "w1.factor": "6", "w1.shortMinutes": "30" });
    const draft = draftFromForm({
      ...form,
      condition: { ...form.condition, sloId, "w1.factor": "", "w1.longMinutes": "", "w1.shortMinutes": "", "w0.factor": "10" },
    });
    expect(draft.rule?.condition).toEqual({ kind: "slo_burn_rate", sloId, windows: [{ factor: 10, longMinutes: 60, shortMinutes: 5 }], minSamples: 5 });
    expect(draftFromForm(formFromRule(draft.rule!)).rule).toEqual(draft.rule);
  });

  it("shows pair errors under the pair's own fields", () => {
    const form = switchConditionKind({ ...formFromRule(), name: "Budget burn", scopeKind: "all" }, "slo_burn_rate");
    const draft = draftFromForm({ ...form, condition: { ...form.condition, sloId: "", "w1.factor": "x" } });
    expect(draft.errors).toMatchObject({ "condition.sloId": ["Choose an SLO"], "condition.w1.factor": ["Enter a number"] });
    // The cross-field check runs once every field parses.
    const crossed = draftFromForm({ ...form, condition: { ...form.condition, sloId, "w0.shortMinutes": "90" } });
    expect(crossed.errors).toEqual({ "condition.w0.shortMinutes": ["The short window must be shorter than the long one"] });
  });
});
