// People and their roles: the first account becomes admin; admins create the rest.
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { ApiError } from "../api/errors";
import { audit } from "../audit/audit-log";
import type { Principal } from "../auth/principal";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/passwords";
import { ROLES, type Role } from "../auth/roles";
import { endAllSessions } from "../auth/sessions";
import { isLastActiveAdmin } from "./admins";

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(256, "At most 256 characters");

export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address"),
  name: z.string().trim().max(100).optional().nullable(),
  role: z.enum(ROLES, { error: "Choose viewer, editor or admin" }),
  password: passwordSchema,
});

export const userPatchSchema = z.object({
  role: z.enum(ROLES).optional(),
  /** Locked: SSO sign-in keeps this role instead of applying the provider's groups. */
  roleLocked: z.boolean().optional(),
  disabled: z.boolean().optional(),
  name: z.string().trim().max(100).nullable().optional(),
  password: passwordSchema.optional(),
});

/** The first-run account: always an admin, so the form names no role. */
export const setupSchema = newUserSchema.omit({ role: true });

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  roleLocked: boolean;
  disabled: boolean;
  hasPassword: boolean;
  github: boolean;
  /** The OIDC providers (their ids) this user has signed in with. */
  sso: string[];
  lastLoginAt: string | null;
  createdAt: string;
}

type UserRow = Prisma.UserGetPayload<object> & { identities?: { provider: string }[] };
const withIdentities = { identities: { select: { provider: true } } } as const;

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    roleLocked: u.roleLocked,
    disabled: !!u.disabledAt,
    hasPassword: !!u.passwordHash,
    github: !!u.githubId,
    sso: [...new Set((u.identities ?? []).map((i) => i.provider))],
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function userCount(db: Db): Promise<number> {
  return db.user.count();
}

export async function createUser(
  db: Db,
  actor: Principal | null,
  input: { email: string; name?: string | null; role: Role; password?: string; githubId?: string },
  ip?: string,
): Promise<UserView> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email.toLowerCase(), name: input.name ?? null, role: input.role, passwordHash, githubId: input.githubId ?? null },
      });
      await audit(tx, actor ?? { label: "system" }, {
        action: "user.create",
        summary: `Created ${user.email} as ${user.role}`,
        targetType: "user",
        targetId: user.id,
        ip,
      });
      return toUserView(user);
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw ApiError.conflict("A user with that email already exists", { fields: { email: ["A user with that email already exists"] } });
    }
    throw err;
  }
}

export async function listUsers(db: Db): Promise<UserView[]> {
  return (await db.user.findMany({ orderBy: { createdAt: "asc" }, include: withIdentities })).map(toUserView);
}

export async function updateUser(db: Db, actor: Principal, id: string, raw: unknown, ip?: string): Promise<UserView> {
  const patch = userPatchSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id } });
    if (!current) throw ApiError.notFound("user");
    const demotingAdmin = current.role === "admin" && ((patch.role && patch.role !== "admin") || patch.disabled === true);
    if (demotingAdmin && (await isLastActiveAdmin(tx, id))) {
      throw ApiError.conflict("This is the last active admin; make someone else admin first");
    }
    const user = await tx.user.update({
      where: { id },
      include: withIdentities,
      data: {
        role: patch.role,
        roleLocked: patch.roleLocked,
        name: patch.name,
        disabledAt: patch.disabled === undefined ? undefined : patch.disabled ? (current.disabledAt ?? new Date()) : null,
        passwordHash: patch.password ? await hashPassword(patch.password) : undefined,
      },
    });
    // Disabling ends the user's sessions at once; enabling again does not bring them back.
    const ended = patch.disabled === true ? await endAllSessions(tx, id) : 0;
    const changes = [
      patch.role && patch.role !== current.role ? `role ${current.role} -> ${patch.role}` : null,
      patch.roleLocked !== undefined && patch.roleLocked !== current.roleLocked ? (patch.roleLocked ? "role locked" : "role unlocked") : null,
      patch.disabled !== undefined ? (patch.disabled ? "disabled" : "enabled") : null,
      ended ? `${ended} sessions ended` : null,
      patch.password ? "password reset" : null,
      patch.name !== undefined ? "name" : null,
    ].filter(Boolean);
    await audit(tx, actor, {
      action: "user.update",
      summary: `Updated ${user.email}: ${changes.join(", ") || "no change"}`,
      targetType: "user",
      targetId: id,
      ip,
    });
    return toUserView(user);
  });
}

/** First-run setup: creates the first account as admin, only while there are no accounts at all. */
export async function setupFirstAdmin(db: Db, raw: unknown, ip?: string): Promise<UserView> {
  const input = setupSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Serialize concurrent setups so exactly one wins.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7469746865)`;
    if ((await tx.user.count()) > 0) throw ApiError.conflict("Tether is already set up; sign in instead");
    const user = await tx.user.create({ data: { email: input.email, name: input.name ?? null, role: "admin", passwordHash } });
    await audit(
      tx,
      { label: user.email, userId: user.id },
      { action: "auth.setup", summary: `${user.email} created the first account (admin)`, targetType: "user", targetId: user.id, ip },
    );
    return toUserView(user);
  });
}

/** Creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD when no account has that email. Returns whether it did. */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<boolean> {
  const parsed = newUserSchema.parse({ email, password, role: "admin" });
  if (await db.user.findUnique({ where: { email: parsed.email } })) return false;
  await createUser(db, null, parsed);
  return true;
}
