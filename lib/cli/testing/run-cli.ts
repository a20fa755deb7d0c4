// Runs the real CLI as CI would: a child process of `node bin/tether.mjs` (or `npx tether`), with only the
// environment given (no DATABASE_URL, no Tether server), and resolves with its exit code and output.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../../bin/tether.mjs", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

export function runProcess(command: string, args: string[], opts: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...opts.env };
    // Cast: Next's types make NODE_ENV a required key of ProcessEnv; the CLI deliberately gets none.
    const child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env: env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function runTether(args: string[], opts: RunOptions = {}): Promise<CliRun> {
  return runProcess(process.execPath, [BIN, ...args], opts);
}
