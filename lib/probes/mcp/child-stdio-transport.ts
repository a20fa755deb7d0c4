// An MCP stdio transport for probes: the child gets PATH plus its configured env and nothing else of the worker's
// (the SDK's own transport also passes HOME, USER, SHELL...), its stderr is discarded so nothing it prints can
// reach our logs, and it runs in its own process group so close() ends it and anything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

const KILL_GRACE_MS = 1_000;

export interface ChildStdioParams {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Where the child runs; the worker's own directory when absent. */
  cwd?: string;
}

export class ChildStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** How the child ended, once it has: the probe reports it when the server quits before answering. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Set when the program could not be started at all (ENOENT, EACCES...). */
  spawnError: NodeJS.ErrnoException | undefined;

  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly params: ChildStdioParams) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.params.command, this.params.args, {
        // Cast: Next's types make NODE_ENV a required key of ProcessEnv; the child deliberately gets no NODE_ENV.
        env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", ...this.params.env } as unknown as NodeJS.ProcessEnv,
        cwd: this.params.cwd,
        stdio: ["pipe", "pipe", "ignore"],
        shell: false,
        detached: true,
        windowsHide: true,
      });
      this.child = child;
      this.exited = new Promise((r) => child.once("close", () => r()));
      child.once("error", (err: NodeJS.ErrnoException) => {
        if (child.pid === undefined) this.spawnError = err;
        reject(err);
        this.onerror?.(err);
      });
      child.once("spawn", () => resolve());
      child.once("exit", (code, signal) => (this.exit = { code, signal }));
      child.once("close", () => this.onclose?.());
      child.stdin!.on("error", (err) => this.onerror?.(err));
      child.stdout!.on("error", (err) => this.onerror?.(err));
      child.stdout!.on("data", (chunk: Buffer) => {
        try {
          this.buffer.append(chunk);
        } catch (err) {
          // Over the SDK's 10 MB line limit: nothing sane is coming, so stop the child.
          this.onerror?.(err as Error);
          void this.close();
          return;
        }
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.buffer.readMessage();
          } catch (err) {
            // A line that is not JSON-RPC (a stray log line on stdout): report it and keep reading.
            this.onerror?.(err as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || stdin.destroyed) return reject(new Error("The server process is not running"));
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once("drain", () => resolve());
    });
  }

  /** Ends the child: stdin closed and SIGTERM to its group, then SIGKILL if it is still there after a grace period. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    child.stdin?.end();
    // Even when the child itself has exited, what it started may still be running in its group.
    signalGroup(child.pid, "SIGTERM");
    if (this.exit) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), KILL_GRACE_MS)));
    const stillRunning = await Promise.race([this.exited!.then(() => false), graceOver]);
    clearTimeout(timer);
    if (stillRunning) {
      signalGroup(child.pid, "SIGKILL");
      await this.exited;
    }
    this.buffer.clear();
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the whole group: servers started through npx or a shell script have children
  } catch {
    // ESRCH: already gone.
  }
}
