import { describe, expect, it } from "vitest";
import { draftFromForm, formFromSlo } from "./slo-form";

const integrationId = "6f1c1a4e-2b7a-4c1e-9a55-0d8c6b1e7f10";

describe("SLO form", () => {
  it("a new form with a name and an integration is a 99.9% availability SLO over 30 days", () => {
    const draft = draftFromForm({ ...formFromSlo(), name: "Payments", integrationId });
    expect(draft.slo).toEqual({
      name: "Payments",
      scope: { kind: "integration", integrationId },
      objectivePct: 99.9,
      window: "rolling_30d",
      sli: { kind: "availability" },
      slaPct: null,
    });
    expect(draftFromForm(formFromSlo(draft.slo!)).slo).toEqual(draft.slo);
  });

  it("round-trips a latency SLO over a set, with a contracted SLA", () => {
    const slo = {
      name: "Fast",
      scope: { kind: "integrations" as const, integrationIds: [integrationId] },
      objectivePct: 95,
      window: "calendar_month" as const,
      sli: { kind: "latency" as const, thresholdMs: 300 },
      slaPct: 99.5,
    };
    expect(draftFromForm(formFromSlo(slo)).slo).toEqual(slo);
  });

  it("says what is wrong with what was typed, per field", () => {
    const draft = draftFromForm({ ...formFromSlo(), objectivePct: "abc", sliKind: "latency", thresholdMs: "", slaPct: "100" });
    expect(draft.errors).toMatchObject({
      name: ["Give the SLO a name"],
      "scope.integrationId": ["Choose an integration"],
      objectivePct: ["Enter a number"],
      "sli.thresholdMs": ["Enter a value"],
      slaPct: ["The contracted SLA must be below 100% (100% leaves no error budget)"],
    });
    expect(draftFromForm({ ...formFromSlo(), name: "x", scopeKind: "integrations" }).errors).toEqual({
      "scope.integrationIds": ["Choose at least one integration"],
    });
  });
});
