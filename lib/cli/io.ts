// What a command may touch of its process: output streams, whether stdout is a terminal, the environment, the
// working and home directories. main() gives the real ones; tests give their own.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  /** The raw streams, for `tether mcp serve` (which speaks MCP on them); tests of other commands leave them out. */
  streams?: { stdin: import("node:stream").Readable; stdout: import("node:stream").Writable };
  /** Fires on SIGINT/SIGTERM. */
  signal: AbortSignal;
}
