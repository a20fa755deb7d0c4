// The pure parts of subscriptions: who hears of a notice, whether a confirm link is still good, what the emails
// and the webhook say (and keep out), the feeds, the form's validation and which components a window covers.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { statusFeed } from "./feed";
import { sourceCovers } from "./maintenance";
import { subscriberWantsNotice } from "./matching";
import { confirmationEmail, noticeEmail, noticeWebhookPayload, subscriberLinks } from "./messages";
import { subscribeFormInput, subscribeInputSchema } from "./subscribe-input";
import { CONFIRM_TTL_MS, confirmState, hashToken, newToken, newWebhookSecret } from "./tokens";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const links = subscriberLinks("https://status.example.com", "acme", { confirm: "c0nf1rm", unsubscribe: "un5ub" });
const notice = {
  kind: "maintenance" as const,
  updateId: "maintenance-1",
  title: "Scheduled maintenance: Card payments",
  status: "scheduled",
  body: "Maintenance of Card payments from 2026-12-03 01:00 UTC to 2026-12-03 02:00 UTC.",
  componentIds: ["cards"],
  url: "https://status.example.com/status/acme",
  occurredAt: new Date(NOW),
};

describe("subscriptions, pure parts", () => {
  it("a subscriber of some components hears only of those; of none, of everything; a page-wide notice reaches all", () => {
    expect(subscriberWantsNotice([], ["cards"])).toBe(true);
    expect(subscriberWantsNotice(["cards"], ["cards", "invoices"])).toBe(true);
    expect(subscriberWantsNotice(["invoices"], ["cards"])).toBe(false);
    expect(subscriberWantsNotice(["invoices"], [])).toBe(true);
  });

  it("a confirm link lasts 24 hours, once, and not after unsubscribing", () => {
    const pending = { confirmedAt: null, unsubscribedAt: null, confirmExpiresAt: new Date(NOW + CONFIRM_TTL_MS) };
    expect(CONFIRM_TTL_MS).toBe(86_400_000);
    expect(confirmState(pending, NOW)).toBe("confirmable");
    expect(confirmState(pending, NOW + CONFIRM_TTL_MS)).toBe("expired");
    expect(confirmState({ ...pending, confirmedAt: new Date(NOW) }, NOW)).toBe("confirmed");
    expect(confirmState({ ...pending, unsubscribedAt: new Date(NOW) }, NOW)).toBe("unsubscribed");
  });

  it("tokens are random and stored as a SHA-256 hash; webhook secrets are Standard Webhooks' whsec_", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
    expect(Buffer.from(newWebhookSecret().slice(6), "base64")).toHaveLength(32);
  });

  it("links go to the confirm and unsubscribe pages (GET shows a button) and one-click to the POST route", () => {
    expect(links).toEqual({
      page: "https://status.example.com/status/acme",
      confirm: "https://status.example.com/status/acme/confirm?token=c0nf1rm",
      unsubscribe: "https://status.example.com/status/acme/unsubscribe?token=un5ub",
      oneClick: "https://status.example.com/status/acme/subscription?action=unsubscribe&token=un5ub",
    });
  });

  it("the confirmation email carries the confirm link; a notice email the unsubscribe link and List-Unsubscribe headers", () => {
    const confirm = confirmationEmail("Acme <status>", links);
    expect(confirm.subject).toBe("Confirm your subscription to Acme <status>");
    expect(confirm.text).toContain(links.confirm);
    expect(confirm.html).toContain("Acme &lt;status&gt;");
    expect(confirm.headers).toEqual({});

    const mail = noticeEmail("Acme", notice, links);
    expect(mail.subject).toBe("[Acme] Scheduled maintenance: Card payments: Scheduled");
    expect(mail.text).toContain(notice.body);
    expect(mail.text).toContain(links.unsubscribe);
    expect(mail.headers).toEqual({ "List-Unsubscribe": `<${links.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("the webhook payload is { type, timestamp, data } with the notice and the unsubscribe URL", () => {
    const body = noticeWebhookPayload({ id: "p1", title: "Acme" }, notice, links, new Date(NOW));
    expect(body).toEqual({
      type: "status_page.maintenance.announced",
      timestamp: "2026-12-02T12:00:00.000Z",
      data: {
        page: { id: "p1", title: "Acme", url: links.page },
        notice: { ...notice, occurredAt: "2026-12-02T12:00:00.000Z" },
        unsubscribeUrl: links.oneClick,
      },
    });
    expect(noticeWebhookPayload({ id: "p1", title: "Acme" }, { ...notice, kind: "incident" }, links, new Date(NOW)).type).toBe("status_page.incident.updated");
  });

  it("RSS 2.0 and Atom list the notices newest first, with links back to the page", () => {
    const page = { slug: "acme", title: "Acme status", description: "" };
    const items = [
      { id: "n2", kind: "incident", title: "Card payments failing", status: "identified", body: "A bad deploy.", url: links.page, occurredAt: new Date(NOW) },
      { ...notice, id: "n1", occurredAt: new Date(NOW - 3_600_000) },
    ];
    const feed = statusFeed(page, items, "https://status.example.com", new Date(NOW));
    const xml = new XMLParser({ ignoreAttributes: false });
    const rss = xml.parse(feed.rss2()).rss;
    expect(rss["@_version"]).toBe("2.0");
    expect(rss.channel.title).toBe("Acme status");
    expect(rss.channel.item.map((i: { title: string }) => i.title)).toEqual([
      "Card payments failing (Identified)",
      "Scheduled maintenance: Card payments (Scheduled)",
    ]);
    const atom = xml.parse(feed.atom1()).feed;
    expect(atom.entry).toHaveLength(2);
    expect(atom.updated).toBe("2026-12-02T12:00:00.000Z");
    expect(JSON.stringify(atom.link)).toContain("https://status.example.com/status/acme/feed.atom");
  });

  it("the form takes an email and optional components; JSON clients may give a webhook URL", () => {
    const form = new FormData();
    form.set("email", " Ada@Example.com ");
    form.append("component", "cards");
    expect(subscribeInputSchema.parse(subscribeFormInput(form))).toEqual({ channel: "email", address: "ada@example.com", components: ["cards"] });
    expect(subscribeInputSchema.safeParse({ channel: "email", address: "nope" }).success).toBe(false);
    expect(subscribeInputSchema.safeParse({ channel: "webhook", address: "ftp://x.example.com" }).success).toBe(false);
    expect(subscribeInputSchema.parse({ channel: "webhook", address: "https://hooks.example.com/status" }).components).toEqual([]);
  });

  it("a maintenance window covers a component of its integration, of its tag, or with a member carrying its tag", () => {
    const facts = { integrationTags: ["payments"], taggedIds: new Set(["i2"]) };
    const onI1 = { integrationId: "i1", tag: null };
    expect(sourceCovers({ kind: "integration", id: "i1" }, onI1, facts)).toBe(true);
    expect(sourceCovers({ kind: "set", ids: ["i3", "i1"] }, onI1, facts)).toBe(true);
    expect(sourceCovers({ kind: "tag", tag: "payments" }, onI1, facts)).toBe(true);
    expect(sourceCovers({ kind: "tag", tag: "search" }, onI1, facts)).toBe(false);
    const onTag = { integrationId: null, tag: "payments" };
    expect(sourceCovers({ kind: "integration", id: "i2" }, onTag, { integrationTags: [], taggedIds: new Set(["i2"]) })).toBe(true);
    expect(sourceCovers({ kind: "integration", id: "i3" }, onTag, { integrationTags: [], taggedIds: new Set(["i2"]) })).toBe(false);
  });
});
