// `npm run db:migrate`: applies pending migrations from prisma/migrations to $DATABASE_URL, as
// `prisma migrate deploy` would, using the WebAssembly schema engine (the CLI's native one is unavailable).
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../lib/db/schema-engine";

// Resolved from this file so the command works from any working directory.
const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("db:migrate: DATABASE_URL is not set (e.g. postgresql://user@host:5432/tether).");
    process.exit(1);
  }
  const started = performance.now();
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir });
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) console.log(`db:migrate: database is up to date (${ms} ms).`);
  else console.log(`db:migrate: applied ${applied.length} migration(s) in ${ms} ms:\n${applied.map((n) => `  ${n}`).join("\n")}`);
}

// No top-level await: tsx runs this package's .ts files as CommonJS.
main().catch((err: unknown) => {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
