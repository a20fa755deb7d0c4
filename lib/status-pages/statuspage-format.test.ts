import { describe, expect, it } from "vitest";
import { parseStatuspageSummary } from "../providers/status/statuspage/parse";
import { statuspageStatus, statuspageSummary } from "./statuspage-format";
import type { PublicStatusPage } from "./public-view";

const view: PublicStatusPage = {
  page: {
    id: "7d1c1a52-8a8f-4e0f-9d0c-111111111111",
    slug: "acme",
    title: "Acme status",
    description: "",
    logoUrl: null,
    createdAt: "2026-11-01T00:00:00.000Z",
  },
  headline: { indicator: "major", description: "Partial outage" },
  groups: [
    {
      id: "group-0",
      name: "Payments",
      components: [
        { id: "stripe", name: "Card payments", status: "major_outage", uptime: 0.9, bars: [] },
        { id: "paypal", name: "PayPal", status: "operational", uptime: 1, bars: [] },
      ],
    },
    { id: "group-1", name: "", components: [{ id: "mail", name: "Email", status: "under_maintenance", uptime: null, bars: [] }] },
  ],
  maintenances: [{ id: "m1", status: "in_progress", startsAt: "2026-12-02T10:00:00.000Z", endsAt: "2026-12-02T12:00:00.000Z", componentIds: ["mail"] }],
  generatedAt: "2026-12-02T11:00:00.000Z",
};

describe("Statuspage format", () => {
  const summary = statuspageSummary(view, "https://tether.example/status/acme");

  it("has Statuspage's summary shape: page, status, components with groups, incidents, scheduled maintenances", () => {
    expect(summary.page).toEqual({
      id: view.page.id,
      name: "Acme status",
      url: "https://tether.example/status/acme",
      time_zone: "Etc/UTC",
      updated_at: view.generatedAt,
    });
    expect(summary.status).toEqual({ indicator: "major", description: "Partial outage" });
    expect(summary.components.map((c) => [c.name, c.status, c.group, c.group_id])).toEqual([
      ["Payments", "major_outage", true, null],
      ["Card payments", "major_outage", false, "7d1c1a52-group-0"],
      ["PayPal", "operational", false, "7d1c1a52-group-0"],
      ["Email", "under_maintenance", false, null],
    ]);
    expect(summary.components[0]?.components).toEqual(["stripe", "paypal"]);
    expect(summary.incidents).toEqual([]);
    expect(summary.scheduled_maintenances).toHaveLength(1);
    expect(summary.scheduled_maintenances[0]).toMatchObject({
      status: "in_progress",
      impact: "maintenance",
      scheduled_for: "2026-12-02T10:00:00.000Z",
      scheduled_until: "2026-12-02T12:00:00.000Z",
      components: [{ id: "mail", name: "Email", status: "under_maintenance" }],
    });
    expect(statuspageStatus(view, "https://tether.example/status/acme")).toEqual({ page: summary.page, status: summary.status });
  });

  it("reads back through Tether's own Statuspage reader", () => {
    const reading = parseStatuspageSummary(JSON.parse(JSON.stringify(summary)), new Date("2026-12-02T11:00:05Z"));
    expect(reading).toMatchObject({ indicator: "partial_outage", description: "Partial outage", pageName: "Acme status", incidents: [] });
    const calm = statuspageSummary({ ...view, headline: { indicator: "none", description: "All systems operational" } }, "https://x/status/acme");
    // An operational page with maintenance in progress reads as maintenance, as Statuspage's own does.
    expect(parseStatuspageSummary(calm, new Date()).indicator).toBe("maintenance");
  });
});
