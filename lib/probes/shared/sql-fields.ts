// Fields the SQL database kinds (PostgreSQL, MySQL / MariaDB) share, with the messages their forms show. Pure
// zod, like every config schema: it validates forms in the browser too.
import { z } from "zod";

/** One read statement; it runs in a READ ONLY transaction that is always rolled back. Blank means SELECT 1. */
export const readQueryField = z
  .string({ error: "Enter a query, e.g. SELECT 1" })
  .trim()
  .max(10_000, "Keep the query under 10,000 characters")
  .transform((query) => query || "SELECT 1")
  .default("SELECT 1");

/** Fails the probe when a replica is further behind its primary than this many seconds. */
export const replicationLagLimitField = z
  .number({ error: "Enter the lag limit in seconds" })
  .min(0, "The lag limit cannot be negative")
  .max(86_400 * 7, "The lag limit may be at most a week")
  .optional();
