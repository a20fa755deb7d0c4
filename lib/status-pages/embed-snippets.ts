// The copy-paste snippets an editor embeds elsewhere: the widget's iframe and each component's badge URLs. Pure.
import { BADGE_KINDS, type BadgeKind } from "./snapshot/badge-svg";
import { escapeHtml } from "./snapshot/escape";

export function widgetSnippet(origin: string, slug: string, title: string): string {
  const src = `${origin}/status/${slug}/widget`;
  return `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)} status" width="320" height="120" style="border:0" loading="lazy"></iframe>`;
}

export function badgeUrl(origin: string, slug: string, componentId: string, kind: BadgeKind): string {
  return `${origin}/status/${slug}/badge/${encodeURIComponent(componentId)}/${kind}.svg`;
}

/** Markdown for a component's badges, one per kind, each linking to the page. */
export function badgeMarkdown(origin: string, slug: string, componentId: string, name: string): string {
  const page = `${origin}/status/${slug}`;
  return BADGE_KINDS.map((k) => `[![${name.replace(/[[\]]/g, "")} ${k}](${badgeUrl(origin, slug, componentId, k)})](${page})`).join(" ");
}
