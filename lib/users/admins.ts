// The one rule both the Users page and SSO sign-in keep: Tether always has an active admin.
import type { Prisma } from "../db/generated/client";

/** Whether no enabled admin other than this user exists (so demoting or disabling them would leave none). */
export async function isLastActiveAdmin(tx: Pick<Prisma.TransactionClient, "user">, userId: string): Promise<boolean> {
  return (await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } })) === 0;
}
