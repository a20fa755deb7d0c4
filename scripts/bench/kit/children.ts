// Child processes of a benchmark, each a TypeScript file of its own run with `node --import tsx` (so its pid is the
// program itself, not a wrapper), talking to the parent over IPC in typed messages keyed on `kind`.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

type Message = { kind: string };

/** The repository: children run from here, so `--import tsx` resolves whatever the caller's working directory. */
export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface ChildChannel<ToChild extends Message, FromChild extends Message> {
  child: ChildProcess;
  send(message: ToChild): void;
  /** The child's next message of this kind (earlier ones of other kinds are passed over). */
  next<K extends FromChild["kind"]>(kind: K, timeoutMs?: number): Promise<Extract<FromChild, { kind: K }>>;
}

/**
 * Forks `file` (a URL, usually `new URL("./x.ts", import.meta.url)`) with IPC. The child's stdout and stderr are
 * this process's; its environment is exactly `env` (pass PATH and whatever else it needs).
 */
export function forkChild<ToChild extends Message, FromChild extends Message>(
  file: URL,
  args: string[],
  env: Record<string, string>,
): ChildChannel<ToChild, FromChild> {
  // (Next types NODE_ENV as always present, hence the cast.)
  const childEnv = env as unknown as NodeJS.ProcessEnv;
  const child = fork(fileURLToPath(file), args, { cwd: ROOT, execArgv: ["--import", "tsx"], env: childEnv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return {
    child,
    send: (message) => void child.send(message),
    next: (kind, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off("message", onMessage);
          reject(new Error(`no "${kind}" from child ${child.pid} (${fileURLToPath(file)}) within ${timeoutMs} ms`));
        }, timeoutMs);
        function onMessage(m: FromChild) {
          if (m.kind !== kind) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(m as Extract<FromChild, { kind: typeof kind }>);
        }
        child.on("message", onMessage);
      }),
  };
}

/** The child's side of a `forkChild` channel. */
export function parentChannel<FromParent extends Message, ToParent extends Message>() {
  return {
    send: (message: ToParent) => void process.send?.(message),
    on: (handler: (message: FromParent) => void) => void process.on("message", (m) => handler(m as FromParent)),
  };
}

/** Kills every child still running; for a `finally`. */
export function killAll(children: ChildProcess[]): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
}
