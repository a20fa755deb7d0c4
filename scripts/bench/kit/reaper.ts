// The watchdog `openBenchDatabase(..., { reaper: true })` starts (scratch-db.ts), in a detached process of its own:
// if the benchmark dies without cleaning up, this stops the process groups it was told of and drops the scratch
// database. Needed because the tsx CLI SIGKILLs its child when a relayed Ctrl-C is not acknowledged within ~60 ms,
// which an event loop busy with thousands of requests can miss, and a server in a process group of its own would
// outlive it. Usage: node --import tsx reaper.ts <admin url> <database>; stdin lines "server <pgid>" name a group,
// "done" disarms it; stdin closing without "done" means the benchmark is gone.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

const [adminUrl, database] = process.argv.slice(2);
if (!adminUrl || !database) throw new Error("usage: reaper.ts <admin url> <database>");

const groups: number[] = [];
let done = false;
let buffered = "";

const alive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const signal = (pgid: number, sig: NodeJS.Signals): void => {
  try {
    process.kill(-pgid, sig);
  } catch {
    // already gone
  }
};

process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  buffered += chunk;
  for (const line of buffered.split("\n").slice(0, -1)) {
    if (line === "done") done = true;
    else if (/^server \d+$/.test(line)) groups.push(Number(line.slice("server ".length)));
  }
  buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
});

process.stdin.on("end", async () => {
  if (done) return;
  for (const pgid of groups) {
    signal(pgid, "SIGTERM");
    for (let i = 0; i < 100 && alive(pgid); i++) await sleep(100);
    signal(pgid, "SIGKILL");
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.end();
});
