// Whether an error means the database is unreachable rather than that a query was wrong: the API answers 503 for
// it, pages show "Database unavailable", and the worker gives back the slots of runs it could not record.

/**
 * The database refused, went away, restarted, or stopped answering within our timeouts (lib/db/client.ts): a 503
 * the caller can retry, not a 500. The cause may be wrapped (Prisma's driver-adapter errors keep it in `cause`).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string })?.code ?? ""} ${e instanceof Error ? e.message : typeof e === "string" ? e : ""}`;
    if (DATABASE_UNAVAILABLE.test(text)) return true;
  }
  return false;
}
const DATABASE_UNAVAILABLE = new RegExp(
  [
    "ECONNREFUSED|ECONNRESET|ENOTFOUND|EPIPE|Can't reach database|P1001|P1002|P1008|P1017|too many clients",
    // P2028: no pool connection for an interactive transaction within its wait
    "P2028|Unable to start a transaction in the given time",
    "Connection terminated|not queryable|Query read timeout|timeout exceeded when trying to connect",
    // statement timeout (57014), admin shutdown (57P01), crash recovery (57P02), starting or shutting down (57P03)
    "57014|57P0[123]|canceling statement due to statement timeout|terminating connection|the database system is",
  ].join("|"),
  "i",
);
