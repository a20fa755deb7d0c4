// `npm run db:migration -- <name>`: writes the next migration folder in prisma/migrations from the changes
// to prisma/schema.prisma since the last migration's schema snapshot. Does not apply it (db:migrate does).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMigration, migrationSlug } from "../lib/db/schema-engine";

const root = fileURLToPath(new URL("..", import.meta.url));
const usage = "usage: npm run db:migration -- <name>   (letters, digits, - and _; e.g. add-alert-rules)";

function fail(message: string): never {
  console.error(`db:migration: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || name === undefined) fail(`expected exactly one name\n${usage}`);
  try {
    migrationSlug(name);
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`);
  }
  // The engine only diffs two schema files, but it will not start without a database connection.
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) fail("DATABASE_URL is not set; the schema engine needs a reachable PostgreSQL (nothing is changed in it).");

  const { dir, sql } = await createMigration({
    databaseUrl,
    schemaPath: path.join(root, "prisma/schema.prisma"),
    migrationsDir: path.join(root, "prisma/migrations"),
    name,
  });
  if (dir === null) {
    console.log("db:migration: prisma/schema.prisma has no changes since the last migration; nothing written.");
    return;
  }
  console.log(`db:migration: wrote ${path.relative(root, dir)}/migration.sql\n\n${sql}`);
  console.log("Review it, then apply with `npm run db:migrate`.");
}

// No top-level await: tsx runs this package's .ts files as CommonJS.
main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
