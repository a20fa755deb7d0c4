import { handle } from "@/lib/api/handler";
import { db } from "@/lib/db/client";

/** Liveness of the dashboard and its database, for load balancers and `npm start` readiness checks. */
export const GET = handle(async () => {
  await db().$queryRaw`SELECT 1`;
  return { status: "ok" };
});
