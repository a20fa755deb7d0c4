// One message through an SMTP server with nodemailer, shared by the email alert channel and status page
// subscriptions. The host is resolved and checked by the SSRF guard first and the connection goes to that checked
// address (the name stays the TLS server name). An SMTP 5xx (bad login, refused recipient) is permanent; 4xx and
// network errors retry. The outcome never carries the password.
import net from "node:net";
// Types only: nodemailer (about 2 MB of heap) loads on the first message, not in every worker and web server at start.
import type nodemailer from "nodemailer";
import { classifyNetworkError } from "../../../probes/classify-error";
import { outboundPolicyFromEnv, resolveSafeAddresses } from "../../../security/outbound";
import type { SendContext, SendOutcome } from "../../notification";
import { SEND_TIMEOUT_MS, scrubOutcome } from "../shared/http-send";
import { emailInfo, type EmailConfig } from "./config";

/** The server part of an email channel's config: everything but its own recipients. */
export type SmtpServer = Omit<EmailConfig, "to">;

export interface SmtpMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  references?: string;
  inReplyTo?: string;
  /** e.g. { url, mail } for the List-Unsubscribe header; nodemailer adds List-Unsubscribe-Post when given a URL only. */
  list?: nodemailer.SendMailOptions["list"];
}

function smtpCode(value: unknown): number | null {
  const code = typeof value === "number" ? value : Number(String(value ?? "").match(/^\d{3}/)?.[0]);
  return Number.isFinite(code) && code > 0 ? code : null;
}

export async function sendSmtpMail(config: SmtpServer, mail: SmtpMail, ctx: Pick<SendContext, "signal">): Promise<SendOutcome> {
  const target = emailInfo.target({ ...config, to: mail.to });
  const requestExcerpt = `Subject: ${mail.subject}\nTo: ${mail.to.join(", ")}\n\n${mail.text}`;
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
    const { createTransport } = (await import("nodemailer")).default;
    transport = createTransport({
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
    const info = await transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      references: mail.references,
      inReplyTo: mail.inReplyTo,
      list: mail.list,
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
}
