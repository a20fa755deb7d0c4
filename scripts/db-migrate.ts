// `npm run db:migrate`: applies pending migrations from prisma/migrations to $DATABASE_URL, as
// `prisma migrate deploy` would, using the WebAssembly schema engine (the CLI's native one is unavailable).
// `npm start` forks its bundle for the same job (scripts/start.ts): the engine's WebAssembly memory, tens of MB,
// is never given back while a process lives, so it lives in a process that ends. Forked, it sends the names of
// the migrations it applied to its parent instead of printing them.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyMigrations } from "../lib/db/schema-engine";

export type FromMigrate = { kind: "applied"; applied: string[] };

// Resolved from this file (or given) so the command works from any working directory.
const { values } = parseArgs({ options: { dir: { type: "string", default: fileURLToPath(new URL("../prisma/migrations", import.meta.url)) } } });

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("db:migrate: DATABASE_URL is not set (e.g. postgresql://user@host:5432/tether).");
    process.exit(1);
  }
  const started = performance.now();
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir: values.dir });
  const ms = Math.round(performance.now() - started);
  if (process.send) {
    const message: FromMigrate = { kind: "applied", applied };
    process.send(message, () => process.exit(0));
  } else if (applied.length === 0) console.log(`db:migrate: database is up to date (${ms} ms).`);
  else console.log(`db:migrate: applied ${applied.length} migration(s) in ${ms} ms:\n${applied.map((n) => `  ${n}`).join("\n")}`);
}

// No top-level await: tsx runs this package's .ts files as CommonJS.
main().catch((err: unknown) => {
  console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
