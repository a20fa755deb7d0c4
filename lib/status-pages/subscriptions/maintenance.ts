// Scheduled maintenance announcements: a maintenance window, when created, is announced on every status page with
// a component it covers (a component covers the window's integration, or integrations with its tag). The window's
// reason is internal (it shows on muted incidents) and is never part of the announcement.
import type { Prisma } from "../../db/generated/client";
import type { AlertSilence } from "../../db/generated/client";
import { publicUrl } from "../../alerts/incidents/lifecycle";
import { memberIds, storedGroups, type ComponentSource } from "../page-input";
import { publishStatusNotice, type StatusNotice } from "../notices";

type Tx = Pick<Prisma.TransactionClient, "statusPage" | "integration" | "statusPageNotice" | "statusSubscriber" | "statusSubscriberDelivery">;

/** Which component sources a window covers, given the window's integration's tags and the ids tagged with its tag. */
export function sourceCovers(
  source: ComponentSource,
  window: Pick<AlertSilence, "integrationId" | "tag">,
  facts: { integrationTags: readonly string[]; taggedIds: ReadonlySet<string> },
): boolean {
  if (source.kind === "tag") return window.tag === source.tag || facts.integrationTags.includes(source.tag);
  return memberIds(source).some((id) => id === window.integrationId || facts.taggedIds.has(id));
}

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export async function announceMaintenance(tx: Tx, window: AlertSilence, now = new Date(), base = publicUrl()): Promise<number> {
  if (window.kind !== "maintenance" || (!window.integrationId && !window.tag)) return 0;
  const integration = window.integrationId ? await tx.integration.findUnique({ where: { id: window.integrationId }, select: { tags: true } }) : null;
  const tagged = window.tag ? await tx.integration.findMany({ where: { tags: { has: window.tag } }, select: { id: true } }) : [];
  const facts = { integrationTags: integration?.tags ?? [], taggedIds: new Set(tagged.map((t) => t.id)) };
  let published = 0;
  for (const page of await tx.statusPage.findMany({ select: { id: true, slug: true, groups: true } })) {
    const components = storedGroups(page.groups)
      .flatMap((g) => g.components)
      .filter((c) => sourceCovers(c.source, window, facts));
    if (components.length === 0) continue;
    const names = components.map((c) => c.name).join(", ");
    const inProgress = window.startsAt.getTime() <= now.getTime();
    const notice: StatusNotice = {
      kind: "maintenance",
      pageId: page.id,
      maintenanceId: window.id,
      updateId: `maintenance-${window.id}`,
      title: `Scheduled maintenance: ${names}`,
      status: inProgress ? "in_progress" : "scheduled",
      body: `Maintenance of ${names} from ${when(window.startsAt)} to ${when(window.endsAt)}.`,
      componentIds: components.map((c) => c.id),
      url: new URL(`/status/${page.slug}`, base).toString(),
      occurredAt: now,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
    };
    await publishStatusNotice(tx, notice, now);
    published++;
  }
  return published;
}
