// Subscriptions end to end below the browser, against a real database, a real local SMTP server and a real HTTP
// receiver: subscribe by the page's form, get the confirmation email, confirm by POST, a maintenance window is
// announced, the update email and the signed webhook arrive (verified with the `standardwebhooks` package), one-click
// unsubscribe stops delivery, the feeds list the notice, and a password page's feeds refuse without its password.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../testing/postgres";
import { startReceiver } from "../../alerts/channels/shared/testing";
import { createChannel } from "../../alerts/channels-service";
import { createSilence } from "../../alerts/silences";
import { createIntegration } from "../../integrations/crud";
import type { Principal } from "../../auth/principal";
import { createStatusPage } from "../pages";
import { publishStatusNotice } from "../notices";
import { claimStatusDeliveries, processStatusDelivery } from "./queue";
import { reencryptSubscriberSecrets } from "./subscribers";
import { openTokens, openWebhookSecret } from "./tokens";
import { Keyring } from "../../secrets/crypto";
import { parseKey } from "../../secrets/key-source";

const SECRET = "status-subscriptions-test-secret-0123456789";
const BASE = "http://status.test";
let t: TestDb;
const mails: { to: string[]; raw: string; text: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;
type Route = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;
let routes: { subscribe: Route; subscription: Route; rss: Route; atom: Route };
const actor = {
  principal: {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    email: "ed@status.test",
    role: "editor",
    label: "ed@status.test",
  } satisfies Principal,
  ip: "127.0.0.1",
};

const decodeQp = (text: string) =>
  Buffer.from(
    text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  ).toString("utf8");
/** A header of the message's head (before decoding), unfolded. */
const header = (raw: string, name: string) =>
  raw
    .split(/\r?\n\r?\n/)[0]!
    .match(new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, "mi"))?.[1]
    ?.replace(/\r?\n[ \t]+/g, " ")
    .trim();

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: BASE,
    TETHER_ENCRYPTION_KEY: "1".repeat(64),
    TETHER_ALLOW_PRIVATE_TARGETS: "true",
  });
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQp(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = ((smtp as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  routes = {
    subscribe: (await import("../../../app/status/[slug]/subscribe/route")).POST as Route,
    subscription: (await import("../../../app/status/[slug]/subscription/route")).POST as Route,
    rss: (await import("../../../app/status/[slug]/feed.rss/route")).GET as Route,
    atom: (await import("../../../app/status/[slug]/feed.atom/route")).GET as Route,
  };
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

const call = (route: Route, slug: string, path: string, init: RequestInit = {}) =>
  route(new Request(`${BASE}/status/${slug}/${path}`, init), { params: Promise.resolve({ slug }) });
const form = (fields: [string, string][]) => ({ method: "POST", body: new URLSearchParams(fields) });

/** What the worker does each tick: claim what is due and send it. */
async function runQueue(now = Date.now()) {
  const ids = await claimStatusDeliveries(t.db, { workerId: "w1", now: new Date(now), limit: 50 });
  return Promise.all(ids.map((id) => processStatusDelivery(t.db, id, { now: () => now, baseUrl: BASE })));
}

describe("status page subscriptions", () => {
  let cards: string;
  let slug: string;
  let confirmLink: string;

  it("subscribing by the form queues a confirmation email, sent through the page's SMTP channel with a confirm link", async () => {
    cards = (
      await createIntegration(t.db, {
        name: "Stripe",
        kind: "http",
        intervalSeconds: 60,
        timeoutMs: 1_000,
        tags: ["payments"],
        config: { url: "https://api.stripe.test" },
      })
    ).id;
    const search = (
      await createIntegration(t.db, { name: "Algolia", kind: "http", intervalSeconds: 60, timeoutMs: 1_000, tags: [], config: { url: "https://algolia.test" } })
    ).id;
    const channel = await createChannel(
      t.db,
      {
        name: "Status mail",
        kind: "email",
        config: { host: "127.0.0.1", port: smtpPort, security: "none", from: "Acme status <status@acme.test>", to: ["ops@acme.test"] },
      },
      actor,
    );
    const page = await createStatusPage(
      t.db,
      {
        slug: "acme",
        title: "Acme status",
        emailChannelId: channel.id,
        groups: [
          {
            name: "",
            components: [
              { id: "cards", name: "Card payments", source: { kind: "integration", id: cards } },
              { id: "search", name: "Search", source: { kind: "integration", id: search } },
            ],
          },
        ],
      },
      actor,
    );
    slug = page.slug;
    expect(page.emailChannelId).toBe(channel.id);

    const res = await call(routes.subscribe, slug, "subscribe", form([["email", "Ada@Example.com"]]));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/status/acme?subscribe=sent#subscribe`);
    const [sub] = await t.db.statusSubscriber.findMany();
    expect(sub).toMatchObject({ address: "ada@example.com", channel: "email", confirmedAt: null, componentIds: [] });
    expect(sub!.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const [sent] = await runQueue();
    expect(sent).toMatchObject({ status: "delivered" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["ada@example.com"]);
    expect(header(mails[0]!.raw, "Subject")).toBe("Confirm your subscription to Acme status");
    expect(header(mails[0]!.raw, "From")).toBe("Acme status <status@acme.test>");
    confirmLink = mails[0]!.text.match(/http:\/\/status\.test\/status\/acme\/confirm\?token=[A-Za-z0-9_-]+/)![0];
    // Only the token's hash is stored.
    expect(sub!.confirmTokenHash).not.toContain(new URL(confirmLink).searchParams.get("token"));
  });

  it("nothing but the confirmation goes to an unconfirmed address; confirming is a POST, and works once", async () => {
    await publishStatusNotice(t.db, {
      kind: "incident",
      pageId: (await t.db.statusPage.findFirstOrThrow()).id,
      incidentId: "inc-0",
      updateId: "upd-0",
      title: "Early",
      status: "investigating",
      body: "Before confirmation",
      componentIds: [],
      url: `${BASE}/status/acme`,
      occurredAt: new Date(),
    });
    expect(await t.db.statusSubscriberDelivery.count({ where: { kind: "notice" } })).toBe(0);

    const token = new URL(confirmLink).searchParams.get("token")!;
    const res = await call(
      routes.subscription,
      slug,
      "subscription",
      form([
        ["action", "confirm"],
        ["token", token],
      ]),
    );
    expect(res.headers.get("location")).toBe(`/status/acme?subscription=confirmed`);
    expect((await t.db.statusSubscriber.findFirstOrThrow()).confirmedAt).not.toBeNull();
    const again = await call(
      routes.subscription,
      slug,
      "subscription",
      form([
        ["action", "confirm"],
        ["token", token],
      ]),
    );
    expect(again.headers.get("location")).toBe(`/status/acme?subscription=invalid`);
  });

  it("a confirm link expires after 24 hours", async () => {
    await call(routes.subscribe, slug, "subscribe", form([["email", "late@example.com"]]));
    await runQueue();
    const link = mails.at(-1)!.text.match(/confirm\?token=([A-Za-z0-9_-]+)/)![1]!;
    const { confirmSubscription } = await import("./subscribers");
    expect(await confirmSubscription(t.db, link, new Date(Date.now() + 24 * 3_600_000 + 1_000))).toEqual({ kind: "expired", slug: "acme" });
    expect((await t.db.statusSubscriber.findFirstOrThrow({ where: { address: "late@example.com" } })).confirmedAt).toBeNull();
  });

  it("a maintenance window is announced: the update email and the signed webhook arrive, per component", async () => {
    const receiver = await startReceiver();
    const hook = await call(routes.subscribe, slug, "subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "webhook", address: `${receiver.url}/hooks`, components: ["cards"] }),
    });
    expect(hook.status).toBe(201);
    const { secret } = (await hook.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);
    // Someone who only follows Search hears nothing of card payments.
    await call(
      routes.subscribe,
      slug,
      "subscribe",
      form([
        ["email", "search@example.com"],
        ["component", "search"],
      ]),
    );
    await runQueue();
    const searchToken = mails.at(-1)!.text.match(/confirm\?token=([A-Za-z0-9_-]+)/)![1]!;
    await call(
      routes.subscription,
      slug,
      "subscription",
      form([
        ["action", "confirm"],
        ["token", searchToken],
      ]),
    );
    const before = mails.length;

    const startsAt = new Date(Date.now() + 3_600_000);
    await createSilence(
      t.db,
      { kind: "maintenance", integrationId: cards, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), reason: "INTERNAL: db failover" },
      actor,
    );
    const results = await runQueue();
    expect(results.map((r) => r?.status)).toEqual(["delivered", "delivered"]);

    const update = mails.slice(before);
    expect(update.map((m) => m.to)).toEqual([["ada@example.com"]]);
    const raw = update[0]!.raw;
    expect(header(raw, "Subject")).toBe("[Acme status] Scheduled maintenance: Card payments: Scheduled");
    expect(header(raw, "List-Unsubscribe")).toMatch(/^<http:\/\/status\.test\/status\/acme\/subscription\?action=unsubscribe&token=[A-Za-z0-9_-]+>$/);
    expect(header(raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(update[0]!.text).not.toContain("INTERNAL");

    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    const verified = new Webhook(secret).verify(req.body, {
      "webhook-id": String(req.headers["webhook-id"]),
      "webhook-timestamp": String(req.headers["webhook-timestamp"]),
      "webhook-signature": String(req.headers["webhook-signature"]),
    }) as { type: string; data: { notice: { componentIds: string[]; body: string } } };
    expect(verified.type).toBe("status_page.maintenance.announced");
    expect(verified.data.notice.componentIds).toEqual(["cards"]);
    expect(() => new Webhook(`whsec_${Buffer.from("x".repeat(32)).toString("base64")}`).verify(req.body, req.headers as Record<string, string>)).toThrow();
  });

  it("one-click unsubscribe (RFC 8058) stops delivery", async () => {
    const last = mails.findLast((m) => m.to[0] === "ada@example.com")!;
    const oneClick = header(last.raw, "List-Unsubscribe")!.slice(1, -1);
    const res = await routes.subscription(new Request(oneClick, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }), {
      params: Promise.resolve({ slug }),
    });
    expect(res.headers.get("location")).toBe(`/status/acme?subscription=unsubscribed`);
    expect((await t.db.statusSubscriber.findFirstOrThrow({ where: { address: "ada@example.com" } })).unsubscribedAt).not.toBeNull();

    const before = mails.length;
    await publishStatusNotice(t.db, {
      kind: "incident",
      pageId: (await t.db.statusPage.findFirstOrThrow()).id,
      incidentId: "inc-1",
      updateId: "upd-1",
      title: "Card payments failing",
      status: "identified",
      body: "A bad deploy; rolling back.",
      componentIds: ["cards"],
      url: `${BASE}/status/acme`,
      occurredAt: new Date(),
    });
    await runQueue();
    expect(mails.slice(before)).toEqual([]);
  });

  it("the feeds list the notices; a password page's feeds and subscribe form refuse without the password", async () => {
    const rss = await (await call(routes.rss, slug, "feed.rss")).text();
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain("Card payments failing (Identified)");
    expect(rss).toContain("Scheduled maintenance: Card payments (Scheduled)");
    expect(rss).not.toContain("INTERNAL");
    const atom = await call(routes.atom, slug, "feed.atom");
    expect(atom.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(await atom.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');

    await createStatusPage(t.db, { slug: "private", title: "Private", access: "password", password: "correct horse battery" }, actor);
    for (const route of [routes.rss, routes.atom]) expect((await call(route, "private", "feed")).status).toBe(401);
    expect((await call(routes.subscribe, "private", "subscribe", form([["email", "x@example.com"]]))).status).toBe(401);
  });

  it("subscribing is rate limited per address", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++)
      outcomes.push((await call(routes.subscribe, slug, "subscribe", form([["email", "spam@example.com"]]))).headers.get("location")!);
    expect(outcomes.at(-1)).toBe(`/status/acme?subscribe=limited#subscribe`);
  });

  // Last: it moves every subscriber to a key the other tests' process keyring does not hold.
  it("key rotation re-encrypts subscribers' link tokens and webhook secrets, readable without the old key", async () => {
    const processKey = parseKey(process.env.TETHER_ENCRYPTION_KEY!, "TETHER_ENCRYPTION_KEY");
    const newKey = randomBytes(32);
    const before = await t.db.statusSubscriber.findMany({ orderBy: { id: "asc" } });
    const webhooks = before.filter((s) => s.secretCiphertext);
    expect(webhooks.length).toBeGreaterThan(0);
    const plain = before.map((s) => ({
      tokens: openTokens(s.id, s.tokenCiphertext, new Keyring(processKey)),
      secret: s.secretCiphertext ? openWebhookSecret(s.id, s.secretCiphertext, new Keyring(processKey)) : null,
    }));

    const during = new Keyring(newKey, [processKey]);
    expect(await reencryptSubscriberSecrets(t.db, during, 2)).toBe(before.length + webhooks.length);
    const after = await t.db.statusSubscriber.findMany({ orderBy: { id: "asc" } });
    const onlyNew = new Keyring(newKey);
    expect(
      after.map((s) => ({
        tokens: openTokens(s.id, s.tokenCiphertext, onlyNew),
        secret: s.secretCiphertext ? openWebhookSecret(s.id, s.secretCiphertext, onlyNew) : null,
      })),
    ).toEqual(plain);
    expect(() => openTokens(after[0]!.id, after[0]!.tokenCiphertext, new Keyring(processKey))).toThrow();
    expect(await reencryptSubscriberSecrets(t.db, during)).toBe(0);
  });
});
