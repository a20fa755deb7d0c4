// What subscribers receive, built purely from the page, the notice and the subscriber's links: the confirmation
// email, the notice email, and the notice's webhook payload (Standard Webhooks' `{ type, timestamp, data }`).
import type { StatusNotice } from "../notices";

export interface SubscriberLinks {
  page: string;
  /** Only in the confirmation email. */
  confirm?: string;
  /** The page with the unsubscribe button. */
  unsubscribe: string;
  /** RFC 8058 one-click target for List-Unsubscribe (a POST unsubscribes at once). */
  oneClick: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const wrap = (body: string[]) => `<!doctype html><html><body style="font-family:system-ui,sans-serif">\n${body.join("\n")}\n</body></html>`;

function unsubscribeHeaders(links: SubscriberLinks): Record<string, string> {
  return { "List-Unsubscribe": `<${links.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export function confirmationEmail(pageTitle: string, links: SubscriberLinks & { confirm: string }): EmailContent {
  const text = [
    `Someone (hopefully you) asked to get ${pageTitle} status updates at this address.`,
    "",
    `Confirm your subscription (the link works for 24 hours): ${links.confirm}`,
    "",
    "If you did not ask for this, ignore this email and nothing will be sent.",
    "",
    `-- ${pageTitle} · ${links.page}`,
  ].join("\n");
  const html = wrap([
    `<p>Someone (hopefully you) asked to get <strong>${esc(pageTitle)}</strong> status updates at this address.</p>`,
    `<p><a href="${esc(links.confirm)}">Confirm your subscription</a> (the link works for 24 hours).</p>`,
    `<p style="color:#666">If you did not ask for this, ignore this email and nothing will be sent.</p>`,
  ]);
  return { subject: `Confirm your subscription to ${pageTitle}`, text, html, headers: {} };
}

const STATUS_LABEL: Record<string, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  in_progress: "In progress",
  completed: "Completed",
};
export const noticeStatusLabel = (status: string) => STATUS_LABEL[status] ?? status;

export function noticeEmail(
  pageTitle: string,
  notice: Pick<StatusNotice, "kind" | "title" | "status" | "body" | "url" | "occurredAt">,
  links: SubscriberLinks,
): EmailContent {
  const label = noticeStatusLabel(notice.status);
  const text = [
    `${notice.title} — ${label}`,
    "",
    notice.body,
    "",
    `${notice.occurredAt.toISOString()} · ${notice.url}`,
    "",
    `-- You get this because you subscribed to ${pageTitle}. Unsubscribe: ${links.unsubscribe}`,
  ].join("\n");
  const html = wrap([
    `<p style="font-size:15px;margin:0 0 8px"><strong>${esc(notice.title)}</strong> — ${esc(label)}</p>`,
    `<p style="white-space:pre-wrap">${esc(notice.body)}</p>`,
    `<p><a href="${esc(notice.url)}">View on the status page</a></p>`,
    `<p style="color:#999;font-size:11px">You get this because you subscribed to ${esc(pageTitle)}. <a href="${esc(links.unsubscribe)}">Unsubscribe</a></p>`,
  ]);
  return { subject: `[${pageTitle}] ${notice.title}: ${label}`, text, html, headers: unsubscribeHeaders(links) };
}

export interface NoticeWebhookPayload {
  type: "status_page.incident.updated" | "status_page.maintenance.announced";
  timestamp: string;
  data: {
    page: { id: string; title: string; url: string };
    notice: {
      kind: StatusNotice["kind"];
      updateId: string;
      title: string;
      status: string;
      body: string;
      componentIds: string[];
      url: string;
      occurredAt: string;
    };
    unsubscribeUrl: string;
  };
}

export function noticeWebhookPayload(
  page: { id: string; title: string },
  notice: Pick<StatusNotice, "kind" | "updateId" | "title" | "status" | "body" | "componentIds" | "url" | "occurredAt">,
  links: SubscriberLinks,
  now: Date,
): NoticeWebhookPayload {
  return {
    type: notice.kind === "incident" ? "status_page.incident.updated" : "status_page.maintenance.announced",
    timestamp: now.toISOString(),
    data: {
      page: { id: page.id, title: page.title, url: links.page },
      notice: {
        kind: notice.kind,
        updateId: notice.updateId,
        title: notice.title,
        status: notice.status,
        body: notice.body,
        componentIds: notice.componentIds,
        url: notice.url,
        occurredAt: notice.occurredAt.toISOString(),
      },
      unsubscribeUrl: links.oneClick,
    },
  };
}

/** The links of one subscriber, under the app's public URL. */
export function subscriberLinks(base: string, slug: string, tokens: { confirm: string; unsubscribe: string }): SubscriberLinks & { confirm: string } {
  const page = new URL(`/status/${slug}`, base).toString();
  const at = (path: string, query: Record<string, string>) => {
    const url = new URL(`/status/${slug}/${path}`, base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  };
  return {
    page,
    confirm: at("confirm", { token: tokens.confirm }),
    unsubscribe: at("unsubscribe", { token: tokens.unsubscribe }),
    oneClick: at("subscription", { action: "unsubscribe", token: tokens.unsubscribe }),
  };
}
