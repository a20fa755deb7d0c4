// Memory of a process tree from /proc (Linux): every descendant of a root pid, each with its resident set (RSS) and
// proportional set size (PSS, from /proc/<pid>/smaps_rollup). RSS counts a shared page in every process that maps
// it, so summing it over PostgreSQL's processes counts its shared buffers once per backend; PSS divides each shared
// page among the processes that map it, so PSS sums to what the tree really holds.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcessMemory {
  pid: number;
  ppid: number;
  /** The command line, arguments joined by spaces (PostgreSQL rewrites its own: "postgres: tether tether 127.0.0.1(…) idle"). */
  command: string;
  rssKb: number;
  pssKb: number;
  /** RSS split by kind (/proc/<pid>/status): private and shared anonymous memory (heaps), mapped files (the binary,
   * its libraries), and shared memory (PostgreSQL's shared buffers, counted in every process that touched them). */
  rssAnonKb: number;
  rssFileKb: number;
  rssShmemKb: number;
  /** User + system CPU time so far, in clock ticks (USER_HZ, 100 a second on Linux). */
  cpuTicks: number;
}

/** The kB figures of a smaps_rollup (or status) file: "Rss:  1234 kB" -> { Rss: 1234 }. */
export function parseKbFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const m of text.matchAll(/^(\w+):\s+(\d+) kB$/gm)) fields[m[1]!] = Number(m[2]);
  return fields;
}

/** The parent pid from /proc/<pid>/stat (the command in parentheses may itself hold spaces and parentheses). */
export function parsePpid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // the process ended meanwhile, or is not ours to read
  }
};

/** User + system CPU ticks from /proc/<pid>/stat (fields 14 and 15). */
export function parseCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** `root` and all its descendants alive now, root first. */
export function processTree(root: number): ProcessMemory[] {
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    parents.set(Number(entry), parsePpid(stat));
    cpu.set(Number(entry), parseCpuTicks(stat));
  }
  const inTree = new Set([root]);
  // Repeat until no new child is found: /proc lists pids in numeric order, not parents before children.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (!inTree.has(pid) && inTree.has(ppid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  const out: ProcessMemory[] = [];
  for (const pid of inTree) {
    const rollup = read(`/proc/${pid}/smaps_rollup`);
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (rollup === null || cmdline === null) continue;
    const kb = parseKbFields(rollup);
    const status = parseKbFields(read(`/proc/${pid}/status`) ?? "");
    out.push({
      pid,
      ppid: parents.get(pid) ?? 0,
      command: cmdline.split("\0").filter(Boolean).join(" "),
      rssKb: kb.Rss ?? 0,
      pssKb: kb.Pss ?? 0,
      rssAnonKb: status.RssAnon ?? 0,
      rssFileKb: status.RssFile ?? 0,
      rssShmemKb: status.RssShmem ?? 0,
      cpuTicks: cpu.get(pid) ?? 0,
    });
  }
  return out;
}
