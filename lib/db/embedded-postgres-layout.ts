// Where the embedded PostgreSQL's binaries and cluster live. As root, PostgreSQL runs as the unprivileged user
// `postgres`, which must be able to enter every directory above its binaries and its data; a checkout under a
// directory only root may enter (/root, mode 700) is not reachable. Then both move to a root-owned directory that
// everyone may traverse (/var/lib/tether by default), and the project's .data/ keeps a note of where. Pure.
import { createHash } from "node:crypto";
import { dirname, join, parse } from "node:path";

export interface DirStat {
  mode: number;
  uid: number;
  gid: number;
}

/** Whether a user can enter (search) every directory from `/` down to `path`, given a stat function. */
export function canTraverse(path: string, user: { uid: number; gids: number[] }, stat: (dir: string) => DirStat | null): boolean {
  const dirs: string[] = [];
  for (let dir = path; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === parse(dir).root) break;
  }
  for (const dir of dirs) {
    const s = stat(dir);
    if (!s) continue; // Not created yet: it will be created by root as 755 below a directory we did check.
    const bit = s.uid === user.uid ? 0o100 : user.gids.includes(s.gid) ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return false;
  }
  return true;
}

export interface EmbeddedLayout {
  /** The cluster's data directory. */
  databaseDir: string;
  /** A directory to copy the PostgreSQL runtime (the npm packages) into, or null to run it from node_modules. */
  runtimeDir: string | null;
  /** What moved and why, for the log; null when nothing moved. */
  relocated: string | null;
}

export function planEmbeddedLayout(opts: {
  dataDir: string;
  packageDir: string;
  runtimeRoot: string;
  runtimeVersion: string;
  /** Null when PostgreSQL runs as the current user (not root). */
  runAs: { uid: number; gids: number[] } | null;
  stat: (dir: string) => DirStat | null;
  forceRuntimeCopy?: boolean;
}): EmbeddedLayout {
  const inProject = join(opts.dataDir, "postgres");
  if (!opts.runAs) return { databaseDir: inProject, runtimeDir: null, relocated: null };
  const dataReachable = canTraverse(opts.dataDir, opts.runAs, opts.stat);
  const binReachable = !opts.forceRuntimeCopy && canTraverse(opts.packageDir, opts.runAs, opts.stat);
  const key = createHash("sha256").update(opts.dataDir).digest("hex").slice(0, 16);
  const databaseDir = dataReachable ? inProject : join(opts.runtimeRoot, "clusters", key, "postgres");
  const runtimeDir = binReachable ? null : join(opts.runtimeRoot, `runtime-${opts.runtimeVersion}`);
  const moved = [!dataReachable && `the cluster to ${databaseDir}`, !binReachable && `the PostgreSQL runtime to ${runtimeDir}`].filter(Boolean);
  return {
    databaseDir,
    runtimeDir,
    relocated: moved.length ? `the user postgres cannot enter a directory above ${opts.dataDir}; running ${moved.join(" and ")}` : null,
  };
}
