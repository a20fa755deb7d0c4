// The status incidents and the subscribe form of the snapshot's page HTML (lib/status-pages/snapshot/page-html.ts),
// as plain strings: the same content the React page shows (components/status-pages/public/), so the page served
// from memory tells readers what the page served by Next tells them. Everything a writer typed is escaped; update
// bodies go through the same limited Markdown parser as the React page.
import { parseIncidentMarkdown, type Inline } from "../incident-markdown";
import { STATUS_INCIDENT_IMPACT_LABEL, STATUS_INCIDENT_STATUS_LABEL } from "../incident-rules";
import type { PublicIncident } from "../public-incidents";
import type { PublicStatusPage } from "../public-view";
import { escapeHtml } from "./escape";

const esc = escapeHtml;

export const INCIDENTS_CSS =
  `.inc{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--n);border-radius:10px;padding:12px 16px;margin-top:16px}` +
  `.inc.minor{border-left-color:var(--d)}.inc.major,.inc.critical{border-left-color:var(--x)}.inc h3 a{text-decoration:none}.inc h3 a:hover{text-decoration:underline}` +
  `.inc.minor h3{color:var(--dt)}.inc.major h3,.inc.critical h3{color:var(--xt)}.inc ol{list-style:none;margin:8px 0 0;padding:0}` +
  `.inc li{border-left:2px solid var(--line);padding-left:10px;margin-top:8px}.inc li p{color:var(--fg)}.inc small{color:var(--mut)}` +
  `.sub{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin-top:24px}.sub form{display:flex;flex-wrap:wrap;gap:8px;align-items:end}` +
  `.sub input[type=email]{flex:1;min-width:220px;padding:7px 9px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);font:inherit}` +
  `.sub button{padding:7px 14px;border:0;border-radius:6px;background:var(--m);color:#fff;font:inherit;font-weight:600;cursor:pointer}` +
  `.sub fieldset{border:0;padding:0;margin:4px 0 0;width:100%}.sub legend{font-size:13px;color:var(--mut)}.sub label{margin-right:14px;font-size:14px}` +
  `.sub :focus-visible{outline:2px solid var(--m);outline-offset:2px}.past{list-style:none;padding:0}.past li{padding:4px 0}`;

function inline(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case "text":
          return esc(n.text);
        case "code":
          return `<code>${esc(n.text)}</code>`;
        case "strong":
          return `<strong>${inline(n.children)}</strong>`;
        case "em":
          return `<em>${inline(n.children)}</em>`;
        case "link":
          return `<a href="${esc(n.href)}" rel="nofollow noopener noreferrer">${inline(n.children)}</a>`;
      }
    })
    .join("");
}

/** An update's body: the limited Markdown as paragraphs and lists, nothing else. */
export function markdownHtml(body: string): string {
  return parseIncidentMarkdown(body)
    .map((b) => (b.kind === "paragraph" ? `<p>${inline(b.children)}</p>` : `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join("")}</ul>`))
    .join("");
}

const when = (iso: string) => `<time datetime="${esc(iso)}">${esc(new Date(iso).toUTCString().replace(":00 GMT", " UTC"))}</time>`;

/** One incident with its newest `limit` updates, its title linking to its own page. */
export function incidentHtml(incident: PublicIncident, names: ReadonlyMap<string, string>, href: string, limit = 3): string {
  const affected = incident.componentIds.flatMap((id) => names.get(id) ?? []);
  const meta =
    `${STATUS_INCIDENT_IMPACT_LABEL[incident.impact]} impact · started ${when(incident.startedAt)}` +
    (incident.resolvedAt ? ` · resolved ${when(incident.resolvedAt)}` : "") +
    (affected.length ? ` · affects ${esc(affected.join(", "))}` : "");
  const updates = incident.updates
    .slice(0, limit)
    .map(
      (u) =>
        `<li data-update-status="${u.status}"><small><b>${STATUS_INCIDENT_STATUS_LABEL[u.status]}</b> ${when(u.createdAt)}</small>${markdownHtml(u.body)}</li>`,
    )
    .join("");
  const more = incident.updates.length > limit ? `<p><a href="${esc(href)}">All ${incident.updates.length} updates</a></p>` : "";
  return (
    `<article class="inc ${incident.impact}" data-incident="${esc(incident.id)}" data-impact="${incident.impact}" aria-labelledby="i-${esc(incident.id)}">` +
    `<h3 id="i-${esc(incident.id)}"><a href="${esc(href)}">${esc(incident.title)}</a></h3><small>${meta}</small>` +
    `<ol aria-label="Updates, newest first">${updates}</ol>${more}</article>`
  );
}

/** The open incidents at the top of the page. */
export function activeIncidentsHtml(view: PublicStatusPage, names: ReadonlyMap<string, string>, base: string): string {
  const open = view.incidents ?? [];
  if (open.length === 0) return "";
  return `<section aria-labelledby="active-h"><h2 id="active-h">Active incidents</h2>${open.map((i) => incidentHtml(i, names, `${base}/incidents/${i.id}`)).join("")}</section>`;
}

/** Incidents resolved within the history window, each linking to its page, and the archive. */
export function pastIncidentsHtml(view: PublicStatusPage, base: string): string {
  const past = view.pastIncidents ?? [];
  const items = past
    .slice(0, 10)
    .map(
      (i) =>
        `<li><a href="${esc(`${base}/incidents/${i.id}`)}">${esc(i.title)}</a> <small>· ${STATUS_INCIDENT_IMPACT_LABEL[i.impact]} · ${when(i.startedAt)}</small>` +
        `${i.updates[0] ? markdownHtml(i.updates[0].body) : ""}</li>`,
    )
    .join("");
  return (
    `<section aria-labelledby="past-h"><h2 id="past-h">Past incidents</h2>` +
    (items ? `<ul class="past">${items}</ul>` : `<p>No incidents in the last 90 days.</p>`) +
    `<p><a href="${esc(`${base}/history`)}">Incident history</a></p></section>`
  );
}

/** The email subscription form (a plain POST answered by a redirect back) and the feed links. */
export function subscribeHtml(view: PublicStatusPage, base: string): string {
  const components = view.groups.flatMap((g) => g.components);
  const picker =
    components.length > 1
      ? `<fieldset><legend>Only these components (leave all unticked for everything)</legend>${components
          .map((c) => `<label><input type="checkbox" name="component" value="${esc(c.id)}"> ${esc(c.name)}</label>`)
          .join("")}</fieldset>`
      : "";
  const form = view.subscriptions?.email
    ? `<form method="post" action="${esc(`${base}/subscribe`)}" aria-label="Subscribe by email"><label for="subscribe-email" style="width:100%;margin:0">Email</label>` +
      `<input id="subscribe-email" name="email" type="email" autocomplete="email" required maxlength="320" placeholder="you@example.com"><button type="submit">Subscribe</button>${picker}</form>`
    : "";
  return (
    `<section class="sub" id="subscribe" aria-labelledby="subscribe-h"><h2 id="subscribe-h" style="margin-top:0">Get updates</h2>${form}` +
    `<p><a href="${esc(`${base}/feed.rss`)}">RSS</a> · <a href="${esc(`${base}/feed.atom`)}">Atom</a></p></section>`
  );
}

/** The feeds, announced in the head. */
export function feedLinksHtml(base: string): string {
  return `<link rel="alternate" type="application/rss+xml" href="${esc(`${base}/feed.rss`)}"><link rel="alternate" type="application/atom+xml" href="${esc(`${base}/feed.atom`)}">`;
}
