// The process around the CLI: real streams, environment and directories; exits with runCli's code once stdout
// has been handed to the OS (a piped stdout is asynchronous on some platforms).
import { homedir } from "node:os";
import { runCli } from "./main";

// The first Ctrl-C ends the run cleanly (servers stopped, the report printed); a second one exits at once.
const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted.abort();
    process.once(signal, () => process.exit(130));
  });
}

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
    streams: { stdin: process.stdin, stdout: process.stdout },
    signal: interrupted.signal,
  },
  async () => (await import("./default-deps")).defaultDeps(),
);
process.stdout.write("", () => process.exit(code));
