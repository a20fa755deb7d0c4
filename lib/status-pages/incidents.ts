// Status incidents for editors: open one on a page (or promote an alert incident to one), change its title,
// impact and components, post and edit its timeline's updates. Every change is audited in its own transaction;
// each created or edited update is then announced with publishStatusNotice. State rules: incident-rules.ts.
import { z } from "zod";
import type { Db } from "../db/client";
import type { StatusIncident, StatusIncidentUpdate } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { publicUrl } from "../alerts/incidents/lifecycle";
import {
  decideUpdate,
  initialState,
  STATUS_INCIDENT_IMPACTS,
  STATUS_INCIDENT_STATUSES,
  type StatusIncidentImpact,
  type StatusIncidentStatus,
} from "./incident-rules";
import { MAX_UPDATE_BODY } from "./incident-markdown";
import { publishStatusNotice } from "./notices";
import { storedGroups, type ComponentSource } from "./page-input";

const title = z.string().trim().min(1, "Give the incident a title").max(200, "Keep the title under 200 characters");
const impact = z.enum(STATUS_INCIDENT_IMPACTS, { error: "Impact is none, minor, major or critical" });
const status = z.enum(STATUS_INCIDENT_STATUSES, { error: "Status is investigating, identified, monitoring or resolved" });
const body = z
  .string()
  .trim()
  .min(1, "Write what people should know")
  .max(MAX_UPDATE_BODY, `Keep the update under ${MAX_UPDATE_BODY.toLocaleString("en")} characters`);
const componentIds = z
  .array(z.string().regex(/^[a-z0-9-]{1,40}$/, "Not a component of this page"))
  .max(200)
  .default([]);

export const statusIncidentInputSchema = z
  .object({
    title,
    impact: impact.default("minor"),
    componentIds,
    status: status.default("investigating"),
    body,
    /** When it began, if before now (e.g. promoted from an alert incident); never in the future. */
    startedAt: z.iso.datetime({ offset: true, error: "Not a date and time" }).optional(),
    alertIncidentId: z.uuid("Not an incident id").optional(),
  })
  .strict();
export type StatusIncidentInput = z.input<typeof statusIncidentInputSchema>;

export const statusIncidentPatchSchema = z.object({ title: title.optional(), impact: impact.optional(), componentIds: componentIds.optional() }).strict();
export type StatusIncidentPatch = z.input<typeof statusIncidentPatchSchema>;

export const statusIncidentUpdateInputSchema = z
  .object({ status, body, /** Required to post on a resolved incident; the update's status must then be an open one. */ reopen: z.boolean().default(false) })
  .strict();
export type StatusIncidentUpdateInput = z.input<typeof statusIncidentUpdateInputSchema>;

export const statusIncidentUpdateEditSchema = z.object({ body }).strict();

export const statusIncidentUpdateViewSchema = z.object({
  id: z.string(),
  status: status,
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const statusIncidentViewSchema = z.object({
  id: z.string(),
  pageId: z.string(),
  title: z.string(),
  impact,
  status,
  componentIds: z.array(z.string()),
  startedAt: z.string(),
  resolvedAt: z.string().nullable(),
  alertIncidentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Newest first. */
  updates: z.array(statusIncidentUpdateViewSchema),
});
export type StatusIncidentUpdateView = z.infer<typeof statusIncidentUpdateViewSchema>;
export type StatusIncidentView = z.infer<typeof statusIncidentViewSchema>;

type Row = StatusIncident & { updates: StatusIncidentUpdate[] };
const withUpdates = { updates: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }] } };

export const toUpdateView = (u: StatusIncidentUpdate): StatusIncidentUpdateView => ({
  id: u.id,
  status: u.status,
  body: u.body,
  author: u.author,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

export function toStatusIncidentView(r: Row): StatusIncidentView {
  return {
    id: r.id,
    pageId: r.pageId,
    title: r.title,
    impact: r.impact,
    status: r.status,
    componentIds: r.componentIds,
    startedAt: r.startedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    alertIncidentId: r.alertIncidentId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    updates: r.updates.map(toUpdateView),
  };
}

async function pageOrThrow(db: Db, pageId: string) {
  const page = await db.statusPage.findUnique({ where: { id: pageId } });
  if (!page) throw ApiError.notFound("status page");
  return page;
}

/** Field errors for component ids that are not on the page. */
function unknownComponents(groups: unknown, ids: readonly string[]): void {
  const known = new Set(storedGroups(groups).flatMap((g) => g.components.map((c) => c.id)));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw ApiError.invalidFields({ componentIds: [`Not on this page: ${unknown.join(", ")}`] });
}

const incidentUrl = (slug: string, id: string) => `${publicUrl()}/status/${slug}/incidents/${id}`;

async function announce(db: Db, page: { id: string; slug: string }, incident: StatusIncident, update: StatusIncidentUpdate): Promise<void> {
  await publishStatusNotice(db, {
    pageId: page.id,
    kind: "incident",
    incidentId: incident.id,
    updateId: update.id,
    title: incident.title,
    status: update.status,
    body: update.body,
    componentIds: incident.componentIds,
    url: incidentUrl(page.slug, incident.id),
    occurredAt: update.updatedAt,
  });
}

export async function listStatusIncidents(db: Db, pageId: string, limit = 100): Promise<StatusIncidentView[]> {
  await pageOrThrow(db, pageId);
  const rows = await db.statusIncident.findMany({ where: { pageId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: limit, include: withUpdates });
  return rows.map(toStatusIncidentView);
}

export async function getStatusIncident(db: Db, id: string): Promise<StatusIncidentView> {
  const row = await db.statusIncident.findUnique({ where: { id }, include: withUpdates });
  if (!row) throw ApiError.notFound("status incident");
  return toStatusIncidentView(row);
}

const authorOf = (actor: Actor) => actorOf(actor).label;

export async function createStatusIncident(db: Db, pageId: string, raw: unknown, actor: Actor, now = new Date()): Promise<StatusIncidentView> {
  const input = statusIncidentInputSchema.parse(raw);
  const page = await pageOrThrow(db, pageId);
  unknownComponents(page.groups, input.componentIds);
  if (input.alertIncidentId && !(await db.incident.findUnique({ where: { id: input.alertIncidentId }, select: { id: true } })))
    throw ApiError.invalidFields({ alertIncidentId: ["No alert incident with that id"] });
  const startedAt = input.startedAt ? new Date(Math.min(new Date(input.startedAt).getTime(), now.getTime())) : now;
  const state = initialState(input.status, input.status === "resolved" ? now : startedAt);
  const { incident, update } = await db.$transaction(async (tx) => {
    const incident = await tx.statusIncident.create({
      data: {
        pageId,
        title: input.title,
        impact: input.impact,
        status: state.status,
        resolvedAt: state.resolvedAt,
        componentIds: [...new Set(input.componentIds)],
        startedAt,
        alertIncidentId: input.alertIncidentId ?? null,
      },
    });
    const update = await tx.statusIncidentUpdate.create({
      data: { incidentId: incident.id, status: input.status, body: input.body, author: authorOf(actor), createdAt: now },
    });
    await audit(tx, actorOf(actor), {
      action: "status_incident.create",
      summary: `Opened status incident "${incident.title}" on /status/${page.slug}${input.alertIncidentId ? " from an alert incident" : ""}`,
      targetType: "status_incident",
      targetId: incident.id,
      details: { pageId, impact: incident.impact, status: incident.status, alertIncidentId: incident.alertIncidentId },
      ip: actor.ip,
    });
    return { incident, update };
  });
  await announce(db, page, incident, update);
  return getStatusIncident(db, incident.id);
}

export async function updateStatusIncident(db: Db, id: string, raw: unknown, actor: Actor): Promise<StatusIncidentView> {
  const input = statusIncidentPatchSchema.parse(raw);
  const existing = await db.statusIncident.findUnique({ where: { id }, include: { page: true } });
  if (!existing) throw ApiError.notFound("status incident");
  if (input.componentIds) unknownComponents(existing.page.groups, input.componentIds);
  await db.$transaction(async (tx) => {
    const updated = await tx.statusIncident.update({
      where: { id },
      data: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.impact !== undefined ? { impact: input.impact } : {}),
        ...(input.componentIds !== undefined ? { componentIds: [...new Set(input.componentIds)] } : {}),
      },
    });
    await audit(tx, actorOf(actor), {
      action: "status_incident.update",
      summary: `Changed status incident "${updated.title}" on /status/${existing.page.slug}`,
      targetType: "status_incident",
      targetId: id,
      details: { impact: updated.impact, componentIds: updated.componentIds },
      ip: actor.ip,
    });
  });
  return getStatusIncident(db, id);
}

export async function postStatusIncidentUpdate(db: Db, id: string, raw: unknown, actor: Actor, now = new Date()): Promise<StatusIncidentView> {
  const input = statusIncidentUpdateInputSchema.parse(raw);
  const { incident, update, page } = await db.$transaction(async (tx) => {
    // Locked, so two editors posting at once are decided one after the other.
    await tx.$queryRaw`SELECT id FROM "StatusIncident" WHERE id = ${id}::uuid FOR UPDATE`;
    const existing = await tx.statusIncident.findUnique({ where: { id }, include: { page: { select: { id: true, slug: true } } } });
    if (!existing) throw ApiError.notFound("status incident");
    const decision = decideUpdate(existing, input, now);
    if (decision.kind === "refuse") throw new ApiError("conflict", decision.reason);
    const incident = await tx.statusIncident.update({ where: { id }, data: { status: decision.next.status, resolvedAt: decision.next.resolvedAt } });
    const update = await tx.statusIncidentUpdate.create({
      data: { incidentId: id, status: input.status, body: input.body, author: authorOf(actor), createdAt: now },
    });
    await audit(tx, actorOf(actor), {
      action: "status_incident.post_update",
      summary: `Posted "${input.status}" on status incident "${incident.title}"${decision.reopened ? " (reopened)" : ""}`,
      targetType: "status_incident",
      targetId: id,
      details: { updateId: update.id, status: input.status, reopened: decision.reopened },
      ip: actor.ip,
    });
    return { incident, update, page: existing.page };
  });
  await announce(db, page, incident, update);
  return getStatusIncident(db, id);
}

/** Corrects an update's words (its status stays: a new status is a new update). */
export async function editStatusIncidentUpdate(db: Db, id: string, updateId: string, raw: unknown, actor: Actor): Promise<StatusIncidentView> {
  const input = statusIncidentUpdateEditSchema.parse(raw);
  const { incident, update, page } = await db.$transaction(async (tx) => {
    const existing = await tx.statusIncidentUpdate.findFirst({ where: { id: updateId, incidentId: id }, include: { incident: { include: { page: true } } } });
    if (!existing) throw ApiError.notFound("incident update");
    const update = await tx.statusIncidentUpdate.update({ where: { id: updateId }, data: { body: input.body } });
    await audit(tx, actorOf(actor), {
      action: "status_incident.edit_update",
      summary: `Edited an update of status incident "${existing.incident.title}"`,
      targetType: "status_incident",
      targetId: id,
      details: { updateId },
      ip: actor.ip,
    });
    return { incident: existing.incident, update, page: existing.incident.page };
  });
  await announce(db, page, incident, update);
  return getStatusIncident(db, id);
}

const SEVERITY_IMPACT: Record<string, StatusIncidentImpact> = { critical: "major", warning: "minor", info: "minor" };

const covers = (source: ComponentSource, integration: { id: string; tags: string[] }) =>
  source.kind === "integration"
    ? source.id === integration.id
    : source.kind === "set"
      ? source.ids.includes(integration.id)
      : integration.tags.includes(source.tag);

export interface StatusIncidentDraft {
  title: string;
  impact: StatusIncidentImpact;
  status: StatusIncidentStatus;
  componentIds: string[];
  body: string;
  startedAt?: string;
  alertIncidentId?: string;
}

/**
 * The form's prefill for promoting an alert incident: the components that contain its integration, an impact from
 * its severity, and words a customer can read (the alert's own summary can name hosts or errors, so it is not copied).
 */
export async function draftFromAlertIncident(db: Db, pageId: string, alertIncidentId: string): Promise<StatusIncidentDraft> {
  const [page, alert] = await Promise.all([
    pageOrThrow(db, pageId),
    db.incident.findUnique({ where: { id: alertIncidentId }, include: { integration: { select: { id: true, name: true, tags: true } } } }),
  ]);
  if (!alert) throw ApiError.notFound("incident");
  const components = storedGroups(page.groups).flatMap((g) => g.components.filter((c) => covers(c.source, alert.integration)));
  const names = components.map((c) => c.name);
  return {
    title: names.length ? `Problems with ${names.join(", ")}` : `Problems with ${alert.integration.name}`,
    impact: SEVERITY_IMPACT[alert.severity] ?? "minor",
    status: alert.resolvedAt ? "resolved" : "investigating",
    componentIds: components.map((c) => c.id),
    body: alert.resolvedAt ? "This issue has been resolved." : "We are investigating reports of problems. We will post an update as soon as we know more.",
    startedAt: alert.startedAt.toISOString(),
    alertIncidentId: alert.id,
  };
}
