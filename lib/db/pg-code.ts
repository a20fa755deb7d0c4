// The PostgreSQL error code (SQLSTATE) behind a failed query, whichever client ran it (Prisma or plain pg).
import { Prisma } from "./generated/client";

/** The PostgreSQL error code behind a failed raw query, wherever the client put it. */
export function pgCode(err: unknown): string | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2002") return "23505";
    if (err.code === "P2003") return "23503";
    const meta = err.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; kind?: unknown } } } | undefined;
    const cause = meta?.driverAdapterError?.cause;
    const code = cause?.originalCode ?? meta?.code ?? cause?.code;
    if (typeof code === "string") return code;
    if (cause?.kind === "UniqueConstraintViolation") return "23505";
    if (cause?.kind === "ForeignKeyConstraintViolation") return "23503";
  }
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
