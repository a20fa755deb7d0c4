import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { describe, expect, it, onTestFinished } from "vitest";
import { leaks, refusedPort, sampleNotification, sendContext } from "../shared/testing";
import { emailConfigSchema } from "./config";
import { emailChannel } from "./email-channel";

const PASSWORD = "smtp-pa55word-SECRET";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback (no TLS, login required), keeping each message as received. */
async function startSmtp(opts: { password?: string; rejectRecipient?: string } = {}) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "alerts" && auth.password === (opts.password ?? PASSWORD)) return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === opts.rejectRecipient) return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom as SMTPServerAddress;
        mails.push({ from: from.address, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return { port, mails };
}

const config = (port: number, extra: Record<string, unknown> = {}) =>
  emailConfigSchema.parse({
    host: "127.0.0.1",
    port,
    security: "none",
    username: "alerts",
    password: PASSWORD,
    from: "Tether <alerts@tether.test>",
    to: ["oncall@example.com", "lead@example.com"],
    ...extra,
  });

/** Quoted-printable soft breaks and escapes undone (nodemailer picks QP for mostly-ASCII text). */
const decodeQp = (text: string) =>
  Buffer.from(
    text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  ).toString("utf8");
const header = (raw: string, name: string) => raw.match(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "mi"))?.[1]?.replace(/\r?\n[ \t]+/g, " ");

describe("email channel", () => {
  it("sends the subject, text and HTML to every recipient through a real SMTP server, logged in", async () => {
    const smtp = await startSmtp();
    const outcome = await emailChannel.send(config(smtp.port), sampleNotification(), sendContext());

    expect(outcome).toMatchObject({ ok: true, responseStatus: 250, error: null, target: `smtp://127.0.0.1:${smtp.port}` });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.from).toBe("alerts@tether.test");
    expect(mail.to).toEqual(["oncall@example.com", "lead@example.com"]);
    expect(header(mail.raw, "Subject")).toBe("[FIRING] Stripe API: error rate 42% over 5 min (threshold 10%)");
    expect(header(mail.raw, "From")).toBe("Tether <alerts@tether.test>");
    expect(header(mail.raw, "To")).toBe("oncall@example.com, lead@example.com");
    expect(header(mail.raw, "X-Tether-Dedup-Key")).toBe("tether:rule-1:int-1");
    expect(header(mail.raw, "References")).toMatch(/^<[0-9a-f]{32}@tether\.alerts>$/);
    const body = decodeQp(mail.raw);
    expect(body).toContain("Content-Type: text/plain");
    expect(body).toContain(
      [
        "Stripe API: error rate 42% over 5 min (threshold 10%)",
        "",
        "Integration: Stripe API",
        "Rule: High error rate",
        "Severity: critical",
        "Value: 42 (threshold 10)",
        "Started: 2026-11-24T02:55:00.000Z",
        "",
        "Open in Tether: https://tether.example.com/incidents/inc-1",
      ].join("\r\n"),
    );
    expect(body).toContain("Content-Type: text/html");
    expect(body).toContain('<a href="https://tether.example.com/incidents/inc-1">Open in Tether</a>');
    expect(outcome.requestExcerpt).toMatch(/^Subject: \[FIRING\] Stripe API/);
    expect(leaks(outcome, [PASSWORD])).toEqual([]);
    expect(mail.raw).not.toContain(PASSWORD);
  });

  it("threads a resolution onto the firing message", async () => {
    const smtp = await startSmtp();
    await emailChannel.send(config(smtp.port), sampleNotification(), sendContext());
    await emailChannel.send(config(smtp.port), sampleNotification({ event: "resolved", resolvedAt: "2026-11-24T03:00:00.000Z" }), sendContext());
    const [firing, resolved] = smtp.mails.map((m) => m.raw);
    expect(header(resolved!, "Subject")).toMatch(/^\[RESOLVED\] /);
    expect(header(resolved!, "In-Reply-To")).toBe(header(firing!, "References"));
  });

  it("a wrong password is a permanent failure that does not show the password", async () => {
    const smtp = await startSmtp({ password: "the-right-one" });
    const outcome = await emailChannel.send(config(smtp.port), sampleNotification(), sendContext());
    expect(outcome).toMatchObject({ ok: false, responseStatus: 535, permanent: true });
    expect(outcome.error).toMatch(/^Authentication failed: 535/);
    expect(smtp.mails).toHaveLength(0);
    expect(leaks(outcome, [PASSWORD, Buffer.from(`\0alerts\0${PASSWORD}`).toString("base64")])).toEqual([]);
  });

  it("a refused recipient is permanent; a refused connection is retried", async () => {
    const smtp = await startSmtp({ rejectRecipient: "lead@example.com" });
    const partial = await emailChannel.send(config(smtp.port, { to: ["lead@example.com"] }), sampleNotification(), sendContext());
    expect(partial).toMatchObject({ ok: false, responseStatus: 550, permanent: true });

    const port = await refusedPort();
    const refused = await emailChannel.send(config(port), sampleNotification(), sendContext());
    expect(refused).toMatchObject({ ok: false, responseStatus: null, error: "Connection failed (ECONNREFUSED)", permanent: false });
  });

  it("validates the form: a recipient, an address, a username with a password", () => {
    const bad = emailConfigSchema.safeParse({ host: "smtp.example.com", from: "not an address", to: [], password: "x" });
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({ from: "Enter an address, or Name <address>", to: "Add at least one recipient" });
    const noUser = emailConfigSchema.safeParse({ host: "smtp.example.com", from: "a@b.co", to: ["c@d.co"], password: "x" });
    expect(noUser.error!.issues[0]).toMatchObject({ path: ["username"], message: "A password needs a username" });
  });
});
