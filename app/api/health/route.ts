import { route } from "@/lib/api/handler";
import { db } from "@/lib/db/client";

/** Liveness of the dashboard and its database, for load balancers and readiness checks. Reveals nothing else. */
export const GET = route("public", async () => {
  await db().$queryRaw`SELECT 1`;
  return { status: "ok" };
});
