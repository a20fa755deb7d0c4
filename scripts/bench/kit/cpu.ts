// CPU used over an interval, on two cores where who used them matters as much as how fast the code was: this
// process (process.cpuUsage(), microseconds, user and system apart), chosen other processes read from /proc (a
// server's process group, the PostgreSQL sessions on the bench database, a child by pid), and the machine's busy
// time from /proc/stat, so what none of them used shows as "other" (PostgreSQL's shared WAL writer and checkpointer,
// and whatever other users of the machine run). Linux only.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** CLK_TCK is 100 on Linux x86-64: /proc counts CPU time in ticks of 10 ms. */
export const TICK_MS = 10;

export interface ProcStat {
  pid: number;
  comm: string;
  pgid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

/** One /proc/<pid>/stat line. The command name is parenthesised and may hold spaces or parentheses itself. */
export function parseProcStat(pid: number, stat: string): ProcStat {
  const close = stat.lastIndexOf(")");
  // Fields after the command name, from the state (field 3): pgrp is field 5, utime and stime fields 14 and 15.
  const fields = stat.slice(close + 2).split(" ");
  return { pid, comm: stat.slice(stat.indexOf("(") + 1, close), pgid: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * The machine's ticks from /proc/stat's first line (all cores): busy is user nice system irq softirq steal; total
 * adds idle and iowait. guest and guest_nice are left out: the kernel counts them inside user and nice already.
 */
export function parseMachineStat(procStat: string): { busy: number; total: number } {
  const fields = procStat.split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const at = (i: number) => fields[i] ?? 0;
  const busy = at(0) + at(1) + at(2) + at(5) + at(6) + at(7);
  return { busy, total: busy + at(3) + at(4) };
}

/** Where the meter reads processes from; /proc, or a fake in tests. A read returns null once the process is gone. */
export interface ProcSource {
  pids(): number[];
  stat(pid: number): string | null;
  cmdline(pid: number): string | null;
  machine(): string;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null; // exited meanwhile, or not ours to read
  }
};

export const procfs: ProcSource = {
  pids: () =>
    readdirSync("/proc")
      .filter((e) => /^\d+$/.test(e))
      .map(Number),
  stat: (pid) => read(`/proc/${pid}/stat`),
  cmdline: (pid) => read(`/proc/${pid}/cmdline`),
  machine: () => readFileSync("/proc/stat", "utf8"),
};

/** Which processes make up one group the meter reports. */
export type Selector = (p: ProcStat, source: ProcSource) => boolean;

export const processId =
  (pid: number | undefined): Selector =>
  (p) =>
    p.pid === pid;

export const processGroup =
  (pgid: number | null): Selector =>
  (p) =>
    pgid !== null && p.pgid === pgid;

/** The backends serving one database: a backend's title is "postgres: <cluster>: <user> <database> <client> <state>". */
export const postgresSessions =
  (database: string): Selector =>
  (p, source) =>
    p.comm === "postgres" && (source.cmdline(p.pid)?.split(" ").includes(database) ?? false);

export interface CpuUse<G extends string> {
  wallMs: number;
  /** This process. */
  self: { userMs: number; systemMs: number; ms: number };
  /** Each group, in ms; a process counts in the first group that selects it. */
  groups: Record<G, number>;
  /** The whole machine, all cores: busy and busy + idle. */
  machine: { busyMs: number; totalMs: number };
  /** Busy time that neither this process nor any group used (never below 0: the sources tick at different times). */
  otherMs: number;
}

export interface Sample {
  /** Per process: the group it belongs to and its ticks at this sample. */
  procs: Map<number, { group: string; ticks: number }>;
  machine: { busy: number; total: number };
  self: NodeJS.CpuUsage;
  at: number;
}

/**
 * The arithmetic: each process's ticks since the first sample (a process that started later counts from zero,
 * one that exited counts up to the last sample that saw it), added up by group.
 */
export function cpuUse<G extends string>(groupNames: readonly G[], first: Sample, seen: Sample["procs"], last: Sample): CpuUse<G> {
  const groups = Object.fromEntries(groupNames.map((g) => [g, 0])) as Record<G, number>;
  for (const [pid, { group, ticks }] of seen) groups[group as G] += (ticks - (first.procs.get(pid)?.ticks ?? 0)) * TICK_MS;
  const userMs = (last.self.user - first.self.user) / 1000;
  const systemMs = (last.self.system - first.self.system) / 1000;
  const busyMs = (last.machine.busy - first.machine.busy) * TICK_MS;
  const groupsMs = Object.values<number>(groups).reduce((s, n) => s + n, 0);
  return {
    wallMs: last.at - first.at,
    self: { userMs, systemMs, ms: userMs + systemMs },
    groups,
    machine: { busyMs, totalMs: (last.machine.total - first.machine.total) * TICK_MS },
    otherMs: Math.max(0, busyMs - groupsMs - userMs - systemMs),
  };
}

export interface CpuMeterOptions {
  /** Sample the groups' processes this often as well, so one that exits mid-interval counts up to then; null: only at start and stop. */
  sampleEveryMs?: number | null;
  source?: ProcSource;
  cpuUsage?: () => NodeJS.CpuUsage;
  now?: () => number;
}

/** Starts measuring when made; `stop()` says what each used since. */
export class CpuMeter<G extends string> {
  private readonly source: ProcSource;
  private readonly cpuUsage: () => NodeJS.CpuUsage;
  private readonly now: () => number;
  private readonly seen: Sample["procs"] = new Map();
  private readonly first: Sample;
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly selectors: Record<G, Selector>,
    options: CpuMeterOptions = {},
  ) {
    this.source = options.source ?? procfs;
    this.cpuUsage = options.cpuUsage ?? (() => process.cpuUsage());
    this.now = options.now ?? (() => performance.now());
    this.first = this.sample();
    const every = options.sampleEveryMs === undefined ? 500 : options.sampleEveryMs;
    this.timer = every === null ? null : setInterval(() => this.sample(), every);
  }

  stop(): CpuUse<G> {
    if (this.timer) clearInterval(this.timer);
    return cpuUse(Object.keys(this.selectors) as G[], this.first, this.seen, this.sample());
  }

  private sample(): Sample {
    const procs: Sample["procs"] = new Map();
    const entries = Object.entries<Selector>(this.selectors);
    for (const pid of this.source.pids()) {
      if (pid === process.pid) continue; // this process is `self`
      const text = this.source.stat(pid);
      if (text === null) continue;
      const stat = parseProcStat(pid, text);
      const group = entries.find(([, select]) => select(stat, this.source))?.[0];
      if (group === undefined) continue;
      procs.set(pid, { group, ticks: stat.ticks });
      this.seen.set(pid, { group, ticks: stat.ticks });
    }
    return { procs, machine: parseMachineStat(this.source.machine()), self: this.cpuUsage(), at: this.now() };
  }
}
