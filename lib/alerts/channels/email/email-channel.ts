// Email over SMTP with nodemailer. The host is resolved and checked by the SSRF guard first and the connection
// goes to that checked address (the name stays the TLS server name). Messages of one incident share a thread
// (References on the dedup key). An SMTP 5xx (bad login, refused recipient) is permanent; 4xx and network errors retry.
import { createHash } from "node:crypto";
import net from "node:net";
import nodemailer from "nodemailer";
import { classifyNetworkError } from "../../../probes/classify-error";
import { outboundPolicyFromEnv, resolveSafeAddresses } from "../../../security/outbound";
import type { AlertNotification, ChannelImpl, SendOutcome } from "../../notification";
import { SEND_TIMEOUT_MS, scrubOutcome } from "../shared/http-send";
import { facts, headline } from "../shared/message";
import { emailInfo, type EmailConfig } from "./config";

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

function smtpCode(value: unknown): number | null {
  const code = typeof value === "number" ? value : Number(String(value ?? "").match(/^\d{3}/)?.[0]);
  return Number.isFinite(code) && code > 0 ? code : null;
}

export const emailChannel: ChannelImpl<EmailConfig> = {
  ...emailInfo,
  async send(config, n, ctx) {
    const message = emailMessage(n);
    const target = emailInfo.target(config);
    const requestExcerpt = `Subject: ${message.subject}\nTo: ${config.to.join(", ")}\n\n${message.text}`;
    const secrets = config.password
      ? [config.password, Buffer.from(`\0${config.username ?? ""}\0${config.password}`).toString("base64"), Buffer.from(config.password).toString("base64")]
      : [];
    const base = { target, requestExcerpt };
    let transport: nodemailer.Transporter | null = null;
    const abort = () => transport?.close();
    ctx.signal.addEventListener("abort", abort, { once: true });
    let outcome: SendOutcome;
    try {
      const [address] = await resolveSafeAddresses(config.host, outboundPolicyFromEnv());
      transport = nodemailer.createTransport({
        host: address,
        port: config.port,
        secure: config.security === "tls",
        requireTLS: config.security === "starttls",
        ignoreTLS: config.security === "none",
        auth: config.username ? { user: config.username, pass: config.password ?? "" } : undefined,
        // We connect to the checked address; certificates are still checked against the name (not settable for an IP).
        tls: net.isIP(config.host) ? {} : { servername: config.host },
        name: "tether",
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      });
      const ref = threadRef(n.dedupKey);
      const info = await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { "X-Tether-Dedup-Key": n.dedupKey, "X-Tether-Event": n.event },
        references: ref,
        inReplyTo: n.event === "firing" || n.event === "test" ? undefined : ref,
      });
      const rejected = (info.rejected ?? []).map(String);
      outcome = {
        ...base,
        ok: rejected.length === 0,
        responseStatus: smtpCode(info.response),
        responseExcerpt: info.response ?? null,
        error: rejected.length === 0 ? null : `Refused recipients: ${rejected.join(", ")}`,
        retryAfterMs: null,
        permanent: rejected.length > 0,
      };
    } catch (err) {
      const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
      const status = smtpCode(e.responseCode);
      // nodemailer wraps socket errors as ESOCKET/ECONNECTION and keeps the system code only in the message.
      const systemCode = e.message?.match(/\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/)?.[1];
      const network = classifyNetworkError(systemCode && (e.code === "ESOCKET" || e.code === "ECONNECTION") ? { code: systemCode } : err);
      const message =
        e.code === "EAUTH" ? `Authentication failed${e.response ? `: ${e.response}` : ""}` : status ? `SMTP ${e.response ?? status}` : network.message;
      outcome = {
        ...base,
        ok: false,
        responseStatus: status,
        responseExcerpt: e.response ?? null,
        error: message,
        retryAfterMs: null,
        permanent: network.errorClass === "blocked" || (status !== null && status >= 500),
      };
    } finally {
      ctx.signal.removeEventListener("abort", abort);
      transport?.close();
    }
    return scrubOutcome(outcome, secrets);
  },
};
