// What a command may touch of its process: output streams, whether stdout is a terminal, the environment, the
// working and home directories. main() gives the real ones; tests give their own.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  /** Fires on SIGINT/SIGTERM. */
  signal: AbortSignal;
}
