import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { ProviderStatusCard } from "./provider-status-card";

const url = "https://www.githubstatus.com/api/v2/summary.json";
const render = (providerStatus: IntegrationDetail["providerStatus"]) =>
  renderToStaticMarkup(<ProviderStatusCard integration={{ providerStatus } as IntegrationDetail} />);

describe("provider status card", () => {
  it("shows what the provider reports, with a link to each open incident", () => {
    const html = render({
      url,
      reading: {
        indicator: "partial_outage",
        description: "Partial System Outage",
        incidents: [{ name: "Degraded performance on API", status: "investigating", url: "https://stspg.io/p4rm", startedAt: "2026-12-01T12:04:30.000Z" }],
        fetchedAt: "2026-12-01T12:30:00.000Z",
      },
    });
    expect(html).toContain("GitHub reports: Partial outage — Partial System Outage");
    expect(html).toContain('href="https://stspg.io/p4rm"');
    expect(html).toContain('dateTime="2026-12-01T12:04:30.000Z"');
  });

  it("says unknown calmly, and renders nothing when the check names no status page", () => {
    expect(render({ url, reading: null })).toContain("GitHub&#x27;s status page has not been read yet.");
    expect(render(null)).toBe("");
  });
});
