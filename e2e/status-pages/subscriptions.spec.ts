// Subscribing to a status page by email, as a visitor does it: a local SMTP server (the page's SMTP channel points
// at it) receives the confirmation; the link opens a page whose button confirms (a GET alone changes nothing); a
// maintenance window is announced and its email arrives, with List-Unsubscribe; the RSS feed lists it; the
// editors' Subscribers tab counts the subscriber. Asserts the stored rows too; no sleeps.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { expect, sameOrigin, test } from "../fixtures";

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps each message; closed by the test. */
async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Quoted-printable soft breaks and escapes undone, for reading a body. */
const decodeQp = (text: string) => text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const subjectOf = (raw: string) => raw.match(/^Subject: (.*)$/m)?.[1];

test("a visitor subscribes by email, confirms, and gets the maintenance announcement, which the RSS feed lists", async ({ page, api, browser, sql }) => {
  test.setTimeout(180_000);
  const smtp = await startSmtp();
  try {
    const stamp = Date.now();
    const slug = `subs-${stamp}`;
    const channelName = `Status mail ${stamp}`;
    const channel = await api.post("/api/alerts/channels", {
      data: {
        name: channelName,
        kind: "email",
        config: { host: "127.0.0.1", port: smtp.port, security: "none", from: "Acme status <status@acme.test>", to: ["ops@acme.test"] },
      },
    });
    expect(channel.status()).toBe(201);
    const [payments] = await sql<{ id: string }>(`SELECT id FROM "Integration" WHERE name = 'Payments API'`);
    const created = await api.post("/api/status-pages", {
      data: { slug, title: "Acme status", groups: [{ name: "", components: [{ name: "Card payments", source: { kind: "integration", id: payments!.id } }] }] },
    });
    expect(created.status()).toBe(201);
    const { id: pageId } = (await created.json()) as { id: string };

    // An editor chooses which SMTP channel sends the page's email.
    await page.goto(`/status-pages/${pageId}`);
    await page.getByRole("combobox", { name: "Send subscriber email through" }).click();
    await page.getByRole("option", { name: channelName }).click();
    await page.getByRole("button", { name: "Save page" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    const [stored] = await sql<{ emailChannelId: string }>(`SELECT "emailChannelId" FROM "StatusPage" WHERE id = $1`, [pageId]);
    expect(stored!.emailChannelId).toBe(((await channel.json()) as { id: string }).id);

    // A visitor, signed out.
    const visitor = await browser.newContext();
    const pub = await visitor.newPage();
    await pub.goto(`/status/${slug}`);
    // The public page is served from the worker's snapshot, rebuilt within seconds of the page's new setting.
    await expect(async () => {
      await pub.reload();
      await expect(pub.getByRole("form", { name: "Subscribe by email" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(pub.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", `/status/${slug}/feed.rss`);
    const form = pub.getByRole("form", { name: "Subscribe by email" });
    await form.getByLabel("Email").fill("ada@example.com");
    await form.getByRole("button", { name: "Subscribe" }).click();
    await expect(pub).toHaveURL(new RegExp(`/status/${slug}\\?subscribe=sent`));
    await expect(pub.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();

    await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(1);
    const confirmation = smtp.mails[0]!;
    expect(confirmation.to).toEqual(["ada@example.com"]);
    expect(subjectOf(confirmation.raw)).toBe("Confirm your subscription to Acme status");
    const confirmUrl = new URL(decodeQp(confirmation.raw).match(/https?:\/\/\S+\/status\/\S+\/confirm\?token=[A-Za-z0-9_-]+/)![0]);

    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    await pub.goto(confirmUrl.pathname + confirmUrl.search);
    const [pending] = await sql<{ confirmedAt: Date | null }>(
      `SELECT "confirmedAt" FROM "StatusSubscriber" WHERE address = 'ada@example.com' AND "pageId" = $1`,
      [pageId],
    );
    expect(pending!.confirmedAt).toBeNull();
    await pub.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(pub).toHaveURL(new RegExp(`/status/${slug}\\?subscription=confirmed`));
    await expect(pub.getByRole("status").filter({ hasText: "You are subscribed" })).toBeVisible();
    const [confirmed] = await sql<{ confirmedAt: Date | null }>(
      `SELECT "confirmedAt" FROM "StatusSubscriber" WHERE address = 'ada@example.com' AND "pageId" = $1`,
      [pageId],
    );
    expect(confirmed!.confirmedAt).not.toBeNull();

    // A maintenance window on the component's integration is announced.
    const startsAt = new Date(Date.now() + 3_600_000);
    const window = await api.post("/api/alerts/silences", {
      data: {
        kind: "maintenance",
        integrationId: payments!.id,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        reason: "Internal: DB failover",
      },
      headers: sameOrigin,
    });
    expect(window.status()).toBe(201);
    await expect.poll(() => smtp.mails.length, { timeout: 30_000 }).toBe(2);
    const update = smtp.mails[1]!;
    expect(subjectOf(update.raw)).toBe("[Acme status] Scheduled maintenance: Card payments: Scheduled");
    expect(update.raw).toMatch(/^List-Unsubscribe:/m);
    expect(decodeQp(update.raw)).not.toContain("DB failover");

    const rss = await visitor.request.get(`/status/${slug}/feed.rss`);
    expect(rss.headers()["content-type"]).toContain("application/rss+xml");
    expect(await rss.text()).toContain("Scheduled maintenance: Card payments (Scheduled)");

    // The editors see the subscriber.
    await page.goto(`/status-pages/${pageId}`);
    await page.getByRole("tab", { name: "Subscribers" }).click();
    const row = page.getByRole("table", { name: "Subscribers" }).getByRole("row", { name: /ada@example\.com/ });
    await expect(row).toContainText("Active");
    await visitor.close();
  } finally {
    await smtp.close();
  }
});
