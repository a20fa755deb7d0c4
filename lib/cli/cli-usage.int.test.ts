// The real CLI process, for what needs no MCP server: help, the bin as `npx tether`, and every kind of bad usage
// exiting 3 with one line on stderr. Run with no DATABASE_URL and no Tether server.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess, runTether } from "./testing/run-cli";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "tether-cli-usage-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("tether --help", () => {
  it("prints the commands and exits 0", async () => {
    const r = await runTether(["--help"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("Usage: tether [options] [command]");
    expect(r.stdout).toContain("mcp");
  });

  it("runs as `npx tether` from the checkout (the package's own bin)", async () => {
    // --yes=false: never fetch a package named "tether" from the registry if the local bin were missing.
    const r = await runProcess("npx", ["--yes=false", "tether", "mcp", "check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: tether mcp check [options] [target]");
  });
});

describe("bad usage exits 3 with one line on stderr", () => {
  it.each([
    [["mcp", "check", "--no-such-flag", "x.json"], "tether: unknown option '--no-such-flag'\n"],
    [["mcp", "check"], "tether: missing target: a URL, a config file, or -- command args\n"],
    [["mcp", "check", "missing.json"], "tether: cannot read missing.json: no such file\n"],
    [
      ["mcp", "check", "http://127.0.0.1:9/mcp", "--fail-on", "fatal"],
      "tether: option '--fail-on <severity>' argument 'fatal' is invalid. Allowed choices are error, warning, info, never.\n",
    ],
    [["mcp", "detect", "no/such/dir"], expect.stringMatching(/^tether: the directory .*no\/such\/dir is not a directory\n$/)],
  ])("%j", async (args, stderr) => {
    const r = await runTether(args, { cwd: tmp });
    expect(r).toEqual({ code: 3, stdout: "", stderr });
  });

  it("a baseline that is not a baseline", async () => {
    const file = path.join(tmp, "bad-baseline.json");
    await writeFile(file, '{"format":"something-else"}');
    const r = await runTether(["mcp", "check", "--baseline", file, "--", "true"], { cwd: tmp });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^tether: the baseline .*bad-baseline.json is invalid at format: not a Tether MCP baseline/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("no command prints the help on stderr", async () => {
    const r = await runTether([]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: tether");
  });
});
