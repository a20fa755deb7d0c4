// RSS 2.0 and Atom feeds of a status page's notices (incident updates and maintenance announcements), newest
// first, built with the `feed` library. Only what the page already shows publicly goes in.
import { Feed } from "feed";
import { noticeStatusLabel } from "./messages";

export interface FeedNotice {
  id: string;
  kind: string;
  title: string;
  status: string;
  body: string;
  url: string;
  occurredAt: Date;
}

export function statusFeed(page: { slug: string; title: string; description: string }, notices: FeedNotice[], base: string, now: Date): Feed {
  const link = new URL(`/status/${page.slug}`, base).toString();
  const feed = new Feed({
    title: page.title,
    description: page.description || `Status updates from ${page.title}`,
    id: link,
    link,
    language: "en",
    copyright: "",
    updated: notices[0]?.occurredAt ?? now,
    generator: "Tether",
    feedLinks: { rss: `${link}/feed.rss`, atom: `${link}/feed.atom` },
  });
  for (const n of notices) {
    feed.addItem({
      title: `${n.title} (${noticeStatusLabel(n.status)})`,
      id: `${link}#notice-${n.id}`,
      link: n.url,
      description: n.body,
      content: n.body,
      date: n.occurredAt,
      category: [{ name: n.kind }],
    });
  }
  return feed;
}
