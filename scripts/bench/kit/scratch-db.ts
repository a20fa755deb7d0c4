// The scratch database of one benchmark run: on the PostgreSQL the integration tests use (TETHER_TEST_PG_URL, else
// the local server when it runs autovacuum, else an embedded one), migrated like production, dropped at close unless kept. With a reaper, it
// is dropped (and the process groups it guards stopped) even if the benchmark is killed before it can clean up.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../../../lib/db/schema-engine";
import { ROOT } from "./children";
import { setupPostgres } from "../../../lib/testing/global-setup";
import { adminUrl, createScratchDatabase, MIGRATIONS_DIR } from "../../../lib/testing/postgres";

export interface BenchDatabase {
  name: string;
  url: string;
  /** With a reaper: stop this process group too if the benchmark dies. Without: nothing. */
  guard(pgid: number): void;
  /** Drops the database (or, kept, prints its URL), disarms the reaper, and stops an embedded PostgreSQL. */
  close(): Promise<void>;
}

export async function openBenchDatabase(prefix: string, options: { keep?: boolean; reaper?: boolean } = {}): Promise<BenchDatabase> {
  // Benchmarks write for minutes: on a server without autovacuum their figures would measure dead rows.
  const teardownPg = await setupPostgres({ needAutovacuum: true });
  try {
    const scratch = await createScratchDatabase(prefix);
    const reaper = options.reaper && !options.keep ? startReaper(scratch.name) : null;
    await applyMigrations({ databaseUrl: scratch.url, migrationsDir: MIGRATIONS_DIR });
    return {
      name: scratch.name,
      url: scratch.url,
      guard: (pgid) => reaper?.guard(pgid),
      close: async () => {
        if (options.keep) console.log(`kept the database: ${scratch.url}`);
        else await scratch.drop().catch((err: unknown) => console.error(`could not drop ${scratch.name}:`, err));
        reaper?.disarm();
        await teardownPg();
      },
    };
  } catch (err) {
    await teardownPg();
    throw err;
  }
}

function startReaper(database: string): { guard(pgid: number): void; disarm(): void } {
  const reaper = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./reaper.ts", import.meta.url)), adminUrl(), database], {
    cwd: ROOT,
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  reaper.unref();
  return {
    guard: (pgid) => void reaper.stdin!.write(`server ${pgid}\n`),
    disarm: () => reaper.stdin!.end("done\n"),
  };
}
