// Email over SMTP with nodemailer. The host is resolved and checked by the SSRF guard first and the connection
// goes to that checked address (the name stays the TLS server name). Messages of one incident share a thread
// (References on the dedup key). An SMTP 5xx (bad login, refused recipient) is permanent; 4xx and network errors retry.
import { createHash } from "node:crypto";
import type { AlertNotification, ChannelImpl } from "../../notification";
import { facts, headline } from "../shared/message";
import { emailInfo, type EmailConfig } from "./config";
import { sendSmtpMail } from "./smtp-send";

const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function emailMessage(n: AlertNotification) {
  const rows = facts(n);
  const text = [n.summary, "", ...rows.map((f) => `${f.label}: ${f.value}`), "", `Open in Tether: ${n.url}`, "", `-- Tether · ${n.dedupKey}`].join("\n");
  const body = [
    `<p style="font-size:15px;margin:0 0 12px">${html(n.summary)}</p>`,
    `<table cellpadding="4" style="border-collapse:collapse;font-size:13px">`,
    ...rows.map((f) => `<tr><td style="color:#666;padding-right:16px">${html(f.label)}</td><td>${html(f.value)}</td></tr>`),
    `</table>`,
    `<p style="margin:16px 0"><a href="${html(n.url)}">Open in Tether</a></p>`,
    `<p style="color:#999;font-size:11px">Tether · ${html(n.dedupKey)}</p>`,
  ].join("\n");
  return { subject: headline(n), text, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif">\n${body}\n</body></html>` };
}

/** A stable Message-ID-like reference per incident, so mail clients thread its notifications. */
const threadRef = (dedupKey: string) => `<${createHash("sha256").update(dedupKey).digest("hex").slice(0, 32)}@tether.alerts>`;

export const emailChannel: ChannelImpl<EmailConfig> = {
  ...emailInfo,
  async send(config, n, ctx) {
    const message = emailMessage(n);
    const ref = threadRef(n.dedupKey);
    return sendSmtpMail(
      config,
      {
        to: config.to,
        ...message,
        headers: { "X-Tether-Dedup-Key": n.dedupKey, "X-Tether-Event": n.event },
        references: ref,
        inReplyTo: n.event === "firing" || n.event === "test" ? undefined : ref,
      },
      ctx,
    );
  },
};
