// The one Prisma client per process (STYLE.md principle 9), over node-postgres through the driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10, application_name: "tether" });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { tetherDb?: Db };

/** The process-wide client, created on first use from DATABASE_URL. */
export function db(): Db {
  if (!globalForDb.tetherDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start Tether with `npm start`, which provides a database when none is configured.");
    globalForDb.tetherDb = createDb(url);
  }
  return globalForDb.tetherDb;
}
