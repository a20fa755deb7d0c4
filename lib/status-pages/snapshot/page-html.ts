// The status page and its widget as plain HTML strings, rendered once per snapshot and served as bytes by the fast
// path (lib/http/status-fast-path.ts). Kept small on purpose: a component's 90 days are one SVG of dashed strokes
// (one stroke for the common level, one per run of another), and a day's detail is a short code in a data
// attribute that the page's one inline script turns into a tooltip on hover, focus or arrow keys.
import { createHash } from "node:crypto";
import { COMPONENT_STATUS_LABEL } from "../component-status";
import { formatUptime, type DayBar, type DayLevel } from "../day-bars";
import type { PublicStatusPage } from "../public-view";
import { escapeHtml } from "./escape";
import { activeIncidentsHtml, feedLinksHtml, INCIDENTS_CSS, pastIncidentsHtml, subscribeHtml } from "./incidents-html";

export { escapeHtml };

const LEVEL_CLASS: Record<DayLevel, string> = { operational: "o", degraded: "d", outage: "x", no_data: "n" };
const BAR = 3; // a day's slot: 2 units of bar, 1 of gap (the stroke's dash pattern)

/** One component's 90 bars as SVG children: the commonest level as one stroke, other runs over it. */
export function barsSvg(bars: readonly DayBar[]): string {
  const counts = new Map<DayLevel, number>();
  for (const b of bars) counts.set(b.level, (counts.get(b.level) ?? 0) + 1);
  const base = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "no_data";
  let out = `<path class="${LEVEL_CLASS[base]}" d="M0 12h${bars.length * BAR}"/>`;
  for (let i = 0; i < bars.length;) {
    const level = bars[i]!.level;
    let j = i;
    while (j < bars.length && bars[j]!.level === level) j++;
    if (level !== base) out += `<path class="${LEVEL_CLASS[level]}" d="M${i * BAR} 12h${(j - i) * BAR}"/>`;
    i = j;
  }
  return out;
}

/** A day's detail for the tooltip: "" for a clean day, "n" without data, else "uptime‱.downtime.incidents". */
export function dayCode(b: DayBar): string {
  if (b.level === "no_data") return b.incidents ? `n.0.${b.incidents}` : "n";
  if (b.failures === 0 && b.incidents === 0) return "";
  return `${Math.floor((b.uptime ?? 0) * 10_000)}.${b.downtimeMinutes}.${b.incidents}`;
}

const CSS = `:root{--bg:#f7f8fa;--fg:#16181d;--mut:#5d6470;--card:#fff;--line:#e3e6eb;--o:#2e9f49;--d:#d4a800;--x:#d93a2b;--n:#c9ced6;--m:#3b7ddd;--ot:#1e7a35;--dt:#7a6000;--xt:#b3261e;--mt:#2f63b5;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--fg:#e8eaee;--mut:#9aa2ae;--card:#171a20;--line:#2a2f38;--n:#3a404a;--ot:#5fd17c;--dt:#e8c547;--xt:#ff8a7a;--mt:#8fb5ff}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
main{max-width:860px;margin:0 auto;padding:32px 16px}header{display:flex;gap:16px;align-items:center;margin-bottom:24px}header img{height:48px;width:auto}
h1{font-size:26px;margin:0}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:0;font-weight:600}p{margin:4px 0;color:var(--mut)}
.hl{padding:16px 20px;border-radius:10px;color:#fff;background:#1e7a35}.hl h2{margin:0;font-size:19px}.hl p{color:#fff}
.hl.minor{background:#7a6000}.hl.major,.hl.critical{background:#b3261e}.hl.maintenance{background:#2f63b5}
.l{background:var(--card);border:1px solid var(--line);border-radius:10px}.c{padding:14px 18px;border-top:1px solid var(--line)}.c:first-child{border-top:0}
.r{display:flex;justify-content:space-between;gap:12px;align-items:baseline}.s{font-size:13px;font-weight:600}.s.operational{color:var(--ot)}.s.degraded_performance{color:var(--dt)}
.s.partial_outage,.s.major_outage{color:var(--xt)}.s.under_maintenance{color:var(--mt)}
svg.b{display:block;width:100%;height:28px;margin:8px 0 2px;border-radius:2px}svg.b:focus-visible{outline:2px solid var(--m);outline-offset:2px}
svg.b path{stroke-width:24;stroke-dasharray:2 1;fill:none}.o{stroke:var(--o)}.d{stroke:var(--d)}.x{stroke:var(--x)}.n{stroke:var(--n)}
.lg{display:flex;justify-content:space-between;font-size:12px;color:var(--mut)}
#t{position:fixed;z-index:9;max-width:260px;padding:6px 9px;border-radius:6px;background:var(--fg);color:var(--bg);font-size:13px;pointer-events:none}
.mw{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--m);border-radius:10px;padding:12px 16px;margin-top:16px}
footer{margin-top:32px;font-size:13px;color:var(--mut)}a{color:inherit}${INCIDENTS_CSS}`;

// Day k of a bar strip is `end` minus (count-1-k) days. Hover, focus and arrow keys show one day's detail.
const SCRIPT = `(()=>{const t=document.getElementById("t"),E=Date.parse(document.body.dataset.end),D=864e5;
const f=(s,k)=>{const c=s.dataset.d.split(";"),n=c.length,d=new Date(E-(n-1-k)*D).toLocaleDateString("en-GB",{weekday:"short",day:"numeric",month:"short",year:"numeric",timeZone:"UTC"}),v=c[k];
if(v==="n")return d+": no data";if(v==="")return d+": 100.00% uptime, no downtime, no incidents";const[u,m,i]=v.split(".").map(Number);
return d+": "+(v[0]==="n"?"no data":(u/100).toFixed(2)+"% uptime")+", "+(m?m+" min down":"no downtime")+", "+(i?i+(i>1?" incidents":" incident"):"no incidents")};
const show=(s,k,x,y)=>{s.dataset.k=k;t.textContent=f(s,k);t.hidden=false;t.style.left=Math.min(x,innerWidth-270)+"px";t.style.top=y+12+"px"};
for(const s of document.querySelectorAll("svg.b")){const n=s.dataset.d.split(";").length,at=e=>{const r=s.getBoundingClientRect();return Math.max(0,Math.min(n-1,Math.floor((e.clientX-r.left)/r.width*n)))};
s.addEventListener("mousemove",e=>show(s,at(e),e.clientX,e.clientY));s.addEventListener("mouseleave",()=>t.hidden=true);s.addEventListener("blur",()=>t.hidden=true);
const kb=k=>{const r=s.getBoundingClientRect();show(s,k,r.left+r.width*k/n,r.bottom)};s.addEventListener("focus",()=>kb(Number(s.dataset.k??n-1)));
s.addEventListener("keydown",e=>{const k=Number(s.dataset.k??n-1);const m={ArrowLeft:k-1,ArrowRight:k+1,Home:0,End:n-1}[e.key];if(m===undefined)return;e.preventDefault();kb(Math.max(0,Math.min(n-1,m)))})}})();`;

/** The inline script's CSP source, so the page needs no nonce (it is the same bytes for every request). */
export const STATUS_SCRIPT_CSP = `'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`;

export interface HtmlOptions {
  /** Where the page's own links start: "/status/<slug>", or "" on its custom host. */
  base: string;
}

function componentItem(c: PublicStatusPage["groups"][number]["components"][number]): string {
  const name = escapeHtml(c.name);
  const bad = c.bars.filter((b) => b.level === "degraded" || b.level === "outage").length;
  const label = `${name}: ${formatUptime(c.uptime)} uptime over ${c.bars.length} days, ${bad} ${bad === 1 ? "day" : "days"} with failures. Arrow keys read each day.`;
  return (
    `<div class="c" role="group" aria-label="${name}: the last ${c.bars.length} days" data-component="${name}"><div class="r"><h3>${name}</h3><span class="s ${c.status}">${COMPONENT_STATUS_LABEL[c.status]}</span></div>` +
    `<svg class="b" viewBox="0 0 ${c.bars.length * BAR} 24" preserveAspectRatio="none" tabindex="0" role="img" aria-label="${label}" data-today="${c.bars[c.bars.length - 1]?.level ?? "no_data"}" data-d="${c.bars.map(dayCode).join(";")}">${barsSvg(c.bars)}</svg>` +
    `<div class="lg"><span>${c.bars.length} days ago</span><span>${formatUptime(c.uptime)} uptime</span><span>Today</span></div></div>`
  );
}

export function statusPageHtml(view: PublicStatusPage, { base }: HtmlOptions): string {
  const title = escapeHtml(view.page.title);
  const names = new Map(view.groups.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  // Incident pages, the archive, subscribing and the feeds are Next's, at the page's own address on any host.
  const pages = `/status/${view.page.slug}`;
  const when = (iso: string) => `<time datetime="${iso}">${escapeHtml(new Date(iso).toUTCString().replace(":00 GMT", " UTC"))}</time>`;
  const maintenances = view.maintenances
    .map(
      (m) =>
        `<div class="mw" role="note"><h3>${m.status === "in_progress" ? "Maintenance in progress" : "Scheduled maintenance"}</h3>` +
        `<p>${when(m.startsAt)} – ${when(m.endsAt)}</p><p>Affects ${escapeHtml(m.componentIds.map((id) => names.get(id) ?? id).join(", "))}</p></div>`,
    )
    .join("");
  const groups = view.groups
    .map(
      (g) =>
        `<section>${g.name ? `<h2>${escapeHtml(g.name)}</h2>` : "<h2 hidden>Components</h2>"}<div class="l">${g.components.map(componentItem).join("")}</div></section>`,
    )
    .join("");
  const empty = view.groups.length === 0 ? `<p>This page lists no components yet.</p>` : "";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${title} status</title><link rel="icon" href="/icon.svg"><link rel="alternate" type="application/json" href="${base}/api/v2/summary.json">${feedLinksHtml(`/status/${view.page.slug}`)}<style>${CSS}</style></head>` +
    `<body data-end="${view.generatedAt.slice(0, 10)}"><main><header>${view.page.logoUrl ? `<img src="${escapeHtml(view.page.logoUrl)}" alt="">` : ""}<div><h1>${title}</h1>` +
    `${view.page.description ? `<p>${escapeHtml(view.page.description)}</p>` : ""}</div></header>` +
    `<div class="hl ${view.headline.indicator}" role="status"><h2>${escapeHtml(view.headline.description)}</h2><p>Updated ${when(view.generatedAt)}</p></div>` +
    `${activeIncidentsHtml(view, names, pages)}${maintenances}${groups}${empty}${pastIncidentsHtml(view, pages)}${subscribeHtml(view, pages)}<div id="t" role="tooltip" aria-live="polite" hidden></div>` +
    `<footer>Powered by Tether · <a href="${base}/api/v2/summary.json">summary.json</a> · <a href="${base}/widget">widget</a></footer></main>` +
    `<script>${SCRIPT}</script></body></html>`
  );
}

const WIDGET_CSS = `:root{--fg:#16181d;--mut:#5d6470;--bg:#fff;--line:#e3e6eb;--o:#2e9f49;--d:#d4a800;--x:#d93a2b;--m:#3b7ddd;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaee;--mut:#9aa2ae;--bg:#171a20;--line:#2a2f38}}
body{margin:0;font:13px/1.4 system-ui,sans-serif;color:var(--fg);background:var(--bg)}a{color:inherit;text-decoration:none;display:block;padding:10px 12px}
strong{display:flex;gap:8px;align-items:center;font-size:14px}i{width:10px;height:10px;border-radius:50%;background:var(--o);flex:none}
.minor i,.degraded_performance i{background:var(--d)}.major i,.critical i,.partial_outage i,.major_outage i{background:var(--x)}.maintenance i,.under_maintenance i{background:var(--m)}
ul{list-style:none;margin:8px 0 0;padding:0}li{display:flex;gap:6px;align-items:center;padding:2px 0;color:var(--mut)}li i{width:8px;height:8px}small{color:var(--mut)}`;

/** The embeddable widget: the headline and each component that is not operational, linking to the full page. */
export function statusWidgetHtml(view: PublicStatusPage, { pageUrl }: { pageUrl: string }): string {
  const affected = view.groups.flatMap((g) => g.components).filter((c) => c.status !== "operational");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(view.page.title)} status</title><style>${WIDGET_CSS}</style></head><body>` +
    `<a href="${escapeHtml(pageUrl)}" target="_blank" rel="noopener"><strong class="${view.headline.indicator}"><i></i><span data-testid="widget-headline">${escapeHtml(view.headline.description)}</span></strong>` +
    `${affected.length ? `<ul>${affected.map((c) => `<li class="${c.status}"><i></i>${escapeHtml(c.name)}: ${COMPONENT_STATUS_LABEL[c.status]}</li>`).join("")}</ul>` : ""}` +
    `<small>${escapeHtml(view.page.title)} · updated ${escapeHtml(view.generatedAt.slice(11, 16))} UTC</small></a></body></html>`
  );
}
