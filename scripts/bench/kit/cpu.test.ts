import { describe, expect, it, vi } from "vitest";
import { CpuMeter, cpuUse, parseMachineStat, parseProcStat, postgresSessions, processGroup, processId, type ProcSource } from "./cpu";

// A /proc/<pid>/stat line as Linux writes it (fields from the state on; utime 14, stime 15).
const statLine = (pid: number, comm: string, pgid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S 1 ${pgid} ${pgid} 0 -1 4194560 1000 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 100 0 0 18446744073709551615\n`;
const machineLine = (user: number, idle: number, extra = "0 0 0 0 0 0 0 0") => `cpu  ${user} 0 0 ${idle} ${extra}\ncpu0 1 2 3 4\n`;

describe("parseProcStat", () => {
  it("reads the command name, process group and CPU ticks", () => {
    expect(parseProcStat(42, statLine(42, "node", 40, 150, 30))).toEqual({ pid: 42, comm: "node", pgid: 40, ticks: 180 });
  });

  it("is not misled by spaces and parentheses in the command name", () => {
    expect(parseProcStat(7, statLine(7, "a (b) c", 9, 5, 6))).toEqual({ pid: 7, comm: "a (b) c", pgid: 9, ticks: 11 });
  });
});

describe("parseMachineStat", () => {
  it("counts user nice system irq softirq steal as busy, idle and iowait on top for the total, guest not again", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(parseMachineStat("cpu  100 10 20 500 5 1 2 3 40 4\ncpu0 50 5 10 250 2 0 1 1 20 2\n")).toEqual({ busy: 136, total: 641 });
  });

  it("reads an older kernel's shorter line", () => {
    expect(parseMachineStat("cpu  100 10 20 500\n")).toEqual({ busy: 130, total: 630 });
  });
});

describe("cpuUse", () => {
  it("adds each process's ticks since the first sample by group, in ms, and leaves the rest of the machine as other", () => {
    const first = {
      procs: new Map([
        [10, { group: "server", ticks: 100 }],
        [20, { group: "postgres", ticks: 50 }],
      ]),
      machine: { busy: 1_000, total: 5_000 },
      self: { user: 1_000_000, system: 200_000 },
      at: 1_000,
    };
    const seen = new Map([
      [10, { group: "server", ticks: 160 }], // 60 ticks
      [20, { group: "postgres", ticks: 70 }], // 20 ticks, then it exited: counted up to its last sample
      [30, { group: "postgres", ticks: 5 }], // started after the first sample: all of it
    ]);
    const last = {
      procs: new Map([[10, { group: "server", ticks: 160 }]]),
      machine: { busy: 1_200, total: 5_400 },
      self: { user: 1_300_000, system: 250_000 },
      at: 5_000,
    };
    expect(cpuUse(["server", "postgres"], first, seen, last)).toEqual({
      wallMs: 4_000,
      self: { userMs: 300, systemMs: 50, ms: 350 },
      groups: { server: 600, postgres: 250 },
      machine: { busyMs: 2_000, totalMs: 4_000 },
      otherMs: 2_000 - 600 - 250 - 350,
    });
  });

  it("reports a group nobody was in as 0, and never a negative other", () => {
    const sample = { procs: new Map(), machine: { busy: 10, total: 20 }, self: { user: 0, system: 0 }, at: 0 };
    const use = cpuUse(["server"], sample, new Map(), { ...sample, self: { user: 500_000, system: 0 }, at: 100 });
    expect(use.groups).toEqual({ server: 0 });
    expect(use.otherMs).toBe(0);
  });
});

describe("CpuMeter", () => {
  /** A fake /proc whose processes and machine counters the test moves on. */
  function fakeProc() {
    const procs = new Map<number, { comm: string; pgid: number; ticks: number; cmdline: string }>();
    let machine = { user: 0, idle: 0 };
    const source: ProcSource = {
      pids: () => [...procs.keys(), process.pid],
      stat: (pid) => {
        if (pid === process.pid) return statLine(pid, "node", 1, 999, 999);
        const p = procs.get(pid);
        return p ? statLine(pid, p.comm, p.pgid, p.ticks, 0) : null;
      },
      cmdline: (pid) => procs.get(pid)?.cmdline ?? null,
      machine: () => machineLine(machine.user, machine.idle),
    };
    return { procs, source, setMachine: (user: number, idle: number) => (machine = { user, idle }) };
  }

  it("measures the selected processes, this process and the machine between start and stop", () => {
    const proc = fakeProc();
    proc.procs.set(100, { comm: "node", pgid: 100, ticks: 10, cmdline: "node scripts/start.ts" });
    proc.procs.set(101, { comm: "next-server", pgid: 100, ticks: 0, cmdline: "next-server" });
    proc.procs.set(200, { comm: "postgres", pgid: 1, ticks: 40, cmdline: "postgres: 15/main: postgres tether_bench_x 127.0.0.1(5000) idle" });
    proc.procs.set(201, { comm: "postgres", pgid: 1, ticks: 40, cmdline: "postgres: 15/main: postgres other_db 127.0.0.1(5001) idle" });
    proc.procs.set(300, { comm: "node", pgid: 1, ticks: 0, cmdline: "node target.ts" });
    let usage = { user: 0, system: 0 };
    let now = 0;
    const meter = new CpuMeter(
      { server: processGroup(100), postgres: postgresSessions("tether_bench_x"), target: processId(300) },
      { sampleEveryMs: null, source: proc.source, cpuUsage: () => usage, now: () => now },
    );
    proc.procs.get(100)!.ticks += 30;
    proc.procs.get(101)!.ticks += 20;
    proc.procs.get(200)!.ticks += 7;
    proc.procs.get(201)!.ticks += 1_000; // another database's session: not ours
    proc.procs.get(300)!.ticks += 3;
    proc.setMachine(100, 100);
    usage = { user: 120_000, system: 30_000 };
    now = 2_000;
    expect(meter.stop()).toEqual({
      wallMs: 2_000,
      self: { userMs: 120, systemMs: 30, ms: 150 },
      groups: { server: 500, postgres: 70, target: 30 },
      machine: { busyMs: 1_000, totalMs: 2_000 },
      otherMs: 1_000 - 500 - 70 - 30 - 150,
    });
  });

  it("keeps the last sample of a process that exits before stop, when sampling meanwhile", () => {
    vi.useFakeTimers();
    try {
      const proc = fakeProc();
      proc.procs.set(200, { comm: "postgres", pgid: 1, ticks: 10, cmdline: "postgres: c: u db1 local idle" });
      const meter = new CpuMeter({ postgres: postgresSessions("db1") }, { sampleEveryMs: 500, source: proc.source });
      proc.procs.get(200)!.ticks = 25;
      vi.advanceTimersByTime(500);
      proc.procs.delete(200);
      expect(meter.stop().groups.postgres).toBe(150);
    } finally {
      vi.useRealTimers();
    }
  });

  it("without sampling meanwhile, a process that exits before stop is not counted", () => {
    const proc = fakeProc();
    proc.procs.set(200, { comm: "postgres", pgid: 1, ticks: 10, cmdline: "postgres: c: u db1 local idle" });
    const meter = new CpuMeter({ postgres: postgresSessions("db1") }, { sampleEveryMs: null, source: proc.source });
    proc.procs.get(200)!.ticks = 25;
    proc.procs.delete(200);
    expect(meter.stop().groups.postgres).toBe(0);
  });

  it("counts a process in the first group that selects it", () => {
    const proc = fakeProc();
    proc.procs.set(100, { comm: "postgres", pgid: 100, ticks: 0, cmdline: "postgres: c: u db1 local idle" });
    const meter = new CpuMeter({ server: processGroup(100), postgres: postgresSessions("db1") }, { sampleEveryMs: null, source: proc.source });
    proc.procs.get(100)!.ticks = 4;
    expect(meter.stop().groups).toEqual({ server: 40, postgres: 0 });
  });
});
