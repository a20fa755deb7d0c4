// Status page CRUD for editors: list, read, and audited create / update / delete. A page's password is hashed
// with the sign-in hashing and never leaves the server; views say only whether one is set.
import type { Db } from "../db/client";
import { Prisma, type StatusPage } from "../db/generated/client";
import { ApiError, type FieldErrors } from "../api/errors";
import { audit } from "../audit/audit-log";
import { actorOf, type Actor } from "../auth/actor";
import { hashPassword } from "../auth/passwords";
import { memberIds, statusPageInputSchema, storedGroups, type StatusGroupConfig, type StatusPageAccess } from "./page-input";

export interface StatusPageView {
  id: string;
  slug: string;
  title: string;
  description: string;
  logoUrl: string | null;
  customHost: string | null;
  access: StatusPageAccess;
  hasPassword: boolean;
  groups: StatusGroupConfig[];
  emailChannelId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toStatusPageView(row: StatusPage): StatusPageView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    logoUrl: row.logoUrl,
    customHost: row.customHost,
    access: row.access,
    hasPassword: row.passwordHash !== null,
    groups: storedGroups(row.groups),
    emailChannelId: row.emailChannelId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listStatusPages(db: Db): Promise<StatusPageView[]> {
  const rows = await db.statusPage.findMany({ orderBy: { title: "asc" } });
  return rows.map(toStatusPageView);
}

export async function getStatusPage(db: Db, id: string): Promise<StatusPageView> {
  const row = await db.statusPage.findUnique({ where: { id } });
  if (!row) throw ApiError.notFound("status page");
  return toStatusPageView(row);
}

/** Field errors for ids that name no integration, under the component that names them. */
async function unknownMembers(db: Db, groups: StatusGroupConfig[]): Promise<FieldErrors> {
  const ids = [...new Set(groups.flatMap((g) => g.components.flatMap((c) => memberIds(c.source))))];
  if (ids.length === 0) return {};
  const found = new Set((await db.integration.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id));
  const problems: FieldErrors = {};
  groups.forEach((g, gi) =>
    g.components.forEach((c, ci) => {
      if (memberIds(c.source).some((id) => !found.has(id))) problems[`groups.${gi}.components.${ci}.source`] = ["No integration with that id"];
    }),
  );
  return problems;
}

async function isSmtpChannel(db: Db, id: string): Promise<boolean> {
  return (await db.notificationChannel.count({ where: { id, kind: "email" } })) > 0;
}

function duplicateSlug(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002" && JSON.stringify(err.meta ?? {}).includes("customHost"))
    throw ApiError.invalidFields({ customHost: ["Another status page uses this host name"] });
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    throw ApiError.invalidFields({ slug: ["Another status page uses this slug"] });
  throw err;
}

export async function createStatusPage(db: Db, raw: unknown, actor: Actor): Promise<StatusPageView> {
  const input = statusPageInputSchema.parse(raw);
  const problems = await unknownMembers(db, input.groups);
  if (input.access === "password" && !input.password) problems.password = ["Set a password for a password-protected page"];
  if (input.emailChannelId && !(await isSmtpChannel(db, input.emailChannelId))) problems.emailChannelId = ["Choose an SMTP (email) channel"];
  if (Object.keys(problems).length) throw ApiError.invalidFields(problems);
  const passwordHash = input.access === "password" && input.password ? await hashPassword(input.password) : null;
  const row = await db
    .$transaction(async (tx) => {
      const created = await tx.statusPage.create({
        data: rowOf(input, passwordHash),
      });
      await audit(tx, actorOf(actor), {
        action: "status_page.create",
        summary: `Created status page ${created.title} (/status/${created.slug})`,
        targetType: "status_page",
        targetId: created.id,
        ip: actor.ip,
      });
      return created;
    })
    .catch(duplicateSlug);
  return toStatusPageView(row);
}

/** The stored columns of a parsed page input, with the password already hashed (or kept, or cleared). */
function rowOf(input: ReturnType<typeof statusPageInputSchema.parse>, passwordHash: string | null) {
  const { slug, title, description, logoUrl, customHost, access, groups } = input;
  return {
    slug,
    title,
    description,
    logoUrl,
    customHost,
    access,
    passwordHash,
    groups: groups as unknown as Prisma.InputJsonValue,
    emailChannelId: input.emailChannelId ?? null,
  };
}

export async function updateStatusPage(db: Db, id: string, raw: unknown, actor: Actor): Promise<StatusPageView> {
  const input = statusPageInputSchema.parse(raw);
  const existing = await db.statusPage.findUnique({ where: { id } });
  if (!existing) throw ApiError.notFound("status page");
  const problems = await unknownMembers(db, input.groups);
  if (input.access === "password" && !input.password && !existing.passwordHash) problems.password = ["Set a password for a password-protected page"];
  if (input.emailChannelId && !(await isSmtpChannel(db, input.emailChannelId))) problems.emailChannelId = ["Choose an SMTP (email) channel"];
  if (Object.keys(problems).length) throw ApiError.invalidFields(problems);
  // A new password replaces the hash (and so every unlock cookie made from the old one); leaving access other than password forgets it.
  const passwordHash = input.access !== "password" ? null : input.password ? await hashPassword(input.password) : existing.passwordHash;
  const row = await db
    .$transaction(async (tx) => {
      const updated = await tx.statusPage.update({
        where: { id },
        data: rowOf(input, passwordHash),
      });
      await audit(tx, actorOf(actor), {
        action: "status_page.update",
        summary: `Updated status page ${updated.title} (/status/${updated.slug})`,
        targetType: "status_page",
        targetId: id,
        ip: actor.ip,
      });
      return updated;
    })
    .catch(duplicateSlug);
  return toStatusPageView(row);
}

export async function deleteStatusPage(db: Db, id: string, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.statusPage.findUnique({ where: { id } });
    if (!row) throw ApiError.notFound("status page");
    await tx.statusPage.delete({ where: { id } });
    await audit(tx, actorOf(actor), {
      action: "status_page.delete",
      summary: `Deleted status page ${row.title} (/status/${row.slug})`,
      targetType: "status_page",
      targetId: id,
      ip: actor.ip,
    });
  });
}
