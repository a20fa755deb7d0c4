// A Tether status page in Atlassian Statuspage's public API shape (`/api/v2/summary.json`, `/api/v2/status.json`),
// so Statuspage clients, and Tether's own provider-status reader, can read it. Pure: from the public view only.
import { worstOf } from "./component-status";
import type { PublicStatusPage } from "./public-view";
import type { PublicIncident } from "./public-incidents";

export interface StatuspageSummary {
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  status: { indicator: string; description: string };
  components: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
  scheduled_maintenances: Record<string, unknown>[];
}

function pageOf(view: PublicStatusPage, pageUrl: string): StatuspageSummary["page"] {
  return { id: view.page.id, name: view.page.title, url: pageUrl, time_zone: "Etc/UTC", updated_at: view.generatedAt };
}

export function statuspageStatus(view: PublicStatusPage, pageUrl: string): Pick<StatuspageSummary, "page" | "status"> {
  return { page: pageOf(view, pageUrl), status: { indicator: view.headline.indicator, description: view.headline.description } };
}

export function statuspageSummary(view: PublicStatusPage, pageUrl: string): StatuspageSummary {
  const pageId = view.page.id;
  const stamp = { created_at: view.page.createdAt, updated_at: view.generatedAt };
  const components: Record<string, unknown>[] = [];
  let position = 1;
  for (const g of view.groups) {
    // Statuspage lists a group as a component of its own, with its members' ids; an unnamed group is no group.
    const groupId = g.name ? `${pageId.slice(0, 8)}-${g.id}` : null;
    if (groupId) {
      components.push({
        id: groupId,
        name: g.name,
        status: worstOf(g.components.map((c) => c.status)),
        ...stamp,
        position: position++,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: g.components.map((c) => c.id),
      });
    }
    for (const c of g.components) {
      components.push({
        id: c.id,
        name: c.name,
        status: c.status,
        ...stamp,
        position: position++,
        description: null,
        showcase: true,
        start_date: null,
        group_id: groupId,
        page_id: pageId,
        group: false,
        only_show_if_degraded: false,
      });
    }
  }
  const names = new Map(view.groups.flatMap((g) => g.components.map((c) => [c.id, c] as const)));
  const scheduled_maintenances = view.maintenances.map((m) => ({
    id: m.id,
    name: "Scheduled maintenance",
    status: m.status,
    created_at: m.startsAt,
    updated_at: view.generatedAt,
    monitoring_at: null,
    resolved_at: null,
    impact: "maintenance",
    shortlink: pageUrl,
    started_at: m.startsAt,
    page_id: pageId,
    incident_updates: [],
    components: m.componentIds.flatMap((id) => {
      const c = names.get(id);
      return c ? [{ id: c.id, name: c.name, status: c.status, page_id: pageId }] : [];
    }),
    scheduled_for: m.startsAt,
    scheduled_until: m.endsAt,
  }));
  const incidents = (view.incidents ?? []).map((i) => statuspageIncident(view, i, pageUrl));
  return { ...statuspageStatus(view, pageUrl), components, incidents, scheduled_maintenances };
}

/** One status incident as Statuspage's incident object, its updates newest first (`shortlink` is Tether's incident page). */
export function statuspageIncident(view: Pick<PublicStatusPage, "page" | "groups">, i: PublicIncident, pageUrl: string): Record<string, unknown> {
  const pageId = view.page.id;
  const names = new Map(view.groups.flatMap((g) => g.components.map((c) => [c.id, c] as const)));
  const components = i.componentIds.flatMap((id) => {
    const c = names.get(id);
    return c ? [{ id: c.id, name: c.name, status: c.status, created_at: view.page.createdAt, updated_at: i.updatedAt, page_id: pageId, group: false }] : [];
  });
  const firstMonitoring = [...i.updates].reverse().find((u) => u.status === "monitoring");
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: i.createdAt,
    updated_at: i.updates[0]?.updatedAt ?? i.updatedAt,
    monitoring_at: firstMonitoring?.createdAt ?? null,
    resolved_at: i.resolvedAt,
    impact: i.impact,
    shortlink: `${pageUrl}/incidents/${i.id}`,
    started_at: i.startedAt,
    page_id: pageId,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: i.id,
      created_at: u.createdAt,
      updated_at: u.updatedAt,
      display_at: u.createdAt,
      affected_components: components.map((c) => ({ code: c.id, name: c.name, old_status: c.status, new_status: c.status })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components,
  };
}

/** Statuspage's `/api/v2/incidents.json`: the open and recent incidents, newest first. */
export function statuspageIncidents(view: PublicStatusPage, pageUrl: string): Pick<StatuspageSummary, "page" | "incidents"> {
  const all = [...(view.incidents ?? []), ...(view.pastIncidents ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, 50);
  return { page: statuspageStatus(view, pageUrl).page, incidents: all.map((i) => statuspageIncident(view, i, pageUrl)) };
}
