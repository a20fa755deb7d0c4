// The page served from memory shows what the React page shows: open incidents with their timelines, past ones
// linked, the subscribe form when the page sends email, the feeds; and nothing a writer typed becomes markup.
import { describe, expect, it } from "vitest";
import type { PublicIncident } from "../public-incidents";
import type { PublicStatusPage } from "../public-view";
import { markdownHtml } from "./incidents-html";
import { statusPageHtml } from "./page-html";

const incident = (over: Partial<PublicIncident>): PublicIncident => ({
  id: "11111111-1111-4111-8111-111111111111",
  title: "Card payments failing",
  impact: "major",
  status: "identified",
  componentIds: ["c1"],
  startedAt: "2026-12-01T10:00:00.000Z",
  resolvedAt: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:20:00.000Z",
  updates: [
    { id: "u2", status: "identified", body: "The **card network** is down.", createdAt: "2026-12-01T10:20:00.000Z", updatedAt: "2026-12-01T10:20:00.000Z" },
    {
      id: "u1",
      status: "investigating",
      body: "Looking into it <script>alert(1)</script>",
      createdAt: "2026-12-01T10:00:00.000Z",
      updatedAt: "2026-12-01T10:00:00.000Z",
    },
  ],
  ...over,
});

function view(over: Partial<PublicStatusPage> = {}): PublicStatusPage {
  return {
    page: { id: "p", slug: "acme", title: "Acme", description: "", logoUrl: null, createdAt: "2026-11-01T00:00:00.000Z" },
    headline: { indicator: "major", description: "Partial outage" } as PublicStatusPage["headline"],
    groups: [
      {
        id: "g",
        name: "Core",
        components: [
          {
            id: "c1",
            name: "Payments",
            status: "partial_outage",
            uptime: 0.99,
            bars: [],
            members: new Set(),
          } as unknown as PublicStatusPage["groups"][number]["components"][number],
          {
            id: "c2",
            name: "Email",
            status: "operational",
            uptime: 1,
            bars: [],
            members: new Set(),
          } as unknown as PublicStatusPage["groups"][number]["components"][number],
        ],
      },
    ],
    maintenances: [],
    generatedAt: "2026-12-01T10:30:00.000Z",
    ...over,
  };
}

describe("status page HTML: incidents and subscriptions", () => {
  it("shows an open incident's timeline, newest first, linked to its page", () => {
    const html = statusPageHtml(view({ incidents: [incident({})] }), { base: "/status/acme" });
    expect(html).toContain("Active incidents");
    expect(html).toContain('href="/status/acme/incidents/11111111-1111-4111-8111-111111111111"');
    expect(html.indexOf("The <strong>card network</strong> is down.")).toBeGreaterThan(-1);
    expect(html.indexOf("card network")).toBeLessThan(html.indexOf("Looking into it"));
    expect(html).toContain("affects Payments");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Looking into it &lt;script&gt;");
  });

  it("lists past incidents and links the archive; says so when there were none", () => {
    const past = statusPageHtml(view({ pastIncidents: [incident({ status: "resolved", resolvedAt: "2026-12-01T11:00:00.000Z" })] }), { base: "" });
    expect(past).toContain('<a href="/status/acme/incidents/11111111-1111-4111-8111-111111111111">Card payments failing</a>');
    expect(past).toContain('href="/status/acme/history"');
    // Each past incident says how it ended: its newest update.
    expect(past).toContain("The <strong>card network</strong> is down.");
    expect(statusPageHtml(view(), { base: "/status/acme" })).toContain("No incidents in the last 90 days.");
  });

  it("offers the email form only when the page sends email, and always the feeds", () => {
    const on = statusPageHtml(view({ subscriptions: { email: true } }), { base: "/status/acme" });
    expect(on).toContain('<form method="post" action="/status/acme/subscribe"');
    expect(on).toContain('name="component" value="c2"');
    expect(on).toContain('type="application/rss+xml" href="/status/acme/feed.rss"');
    const off = statusPageHtml(view({ subscriptions: { email: false } }), { base: "/status/acme" });
    expect(off).not.toContain("<form");
    expect(off).toContain('href="/status/acme/feed.atom"');
  });

  it("renders only http(s) links from Markdown", () => {
    expect(markdownHtml("see [the status](https://example.com/s) or [x](javascript:alert(1))")).not.toContain("javascript:");
    expect(markdownHtml("- one\n- two")).toBe("<ul><li>one</li><li>two</li></ul>");
  });
});
