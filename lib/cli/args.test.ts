import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_MS, UsageError, parseCommandLine, parseDuration } from "./args";

const check = (...argv: string[]) => {
  const inv = parseCommandLine(["mcp", "check", ...argv]);
  if (inv.kind !== "check") throw new Error(`expected check, got ${inv.kind}`);
  return inv.args;
};
const usage = (argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

describe("tether mcp check arguments", () => {
  it("takes a URL with headers, a timeout and a fail-on level", () => {
    const args = check(
      "https://mcp.example.com/mcp",
      "--header",
      "Authorization: Bearer abc",
      "--header",
      "X-Team:core",
      "--timeout",
      "5s",
      "--fail-on",
      "warning",
    );
    expect(args).toEqual({
      target: { kind: "url", url: "https://mcp.example.com/mcp" },
      servers: [],
      json: false,
      failOn: "warning",
      timeoutMs: 5_000,
      headers: [
        { name: "Authorization", value: "Bearer abc" },
        { name: "X-Team", value: "core" },
      ],
      env: [],
      transport: "http",
    });
  });

  it("takes everything after -- as the command, flags included, and --env before it", () => {
    const args = check("--env", "API_KEY=s3cret=x", "--env", "HOME", "--json", "--", "npx", "-y", "server", "--port", "3");
    expect(args.target).toEqual({ kind: "command", command: "npx", args: ["-y", "server", "--port", "3"] });
    expect(args.env).toEqual([{ name: "API_KEY", value: "s3cret=x" }, { name: "HOME" }]);
    expect(args.json).toBe(true);
  });

  it("reads a path as a config file, with --server repeatable, --junit and --baseline", () => {
    const args = check(".mcp.json", "--server", "github", "--server", "linear", "--junit", "out.xml", "--baseline", "tools.json", "--fail-on", "never");
    expect(args).toMatchObject({
      target: { kind: "file", path: ".mcp.json" },
      servers: ["github", "linear"],
      junit: "out.xml",
      baseline: "tools.json",
      failOn: "never",
    });
  });

  it("defaults: fail on error, 30 s, streamable HTTP", () => {
    expect(check("http://localhost:3000/mcp")).toMatchObject({ failOn: "error", timeoutMs: DEFAULT_TIMEOUT_MS, transport: "http", json: false });
    expect(check("http://localhost:3000/sse", "--transport", "sse").transport).toBe("sse");
  });

  it.each([
    [["mcp", "check"], /missing target/],
    [["mcp", "check", "--bogus", "x.json"], /unknown option '--bogus'/],
    [["mcp", "check", "x.json", "--fail-on", "fatal"], /Allowed choices are error, warning, info, never/],
    [["mcp", "check", "x.json", "--timeout", "soon"], /not a duration/],
    [["mcp", "check", "https://x.test/mcp", "--header", "no colon"], /"Name: value"/],
    [["mcp", "check", "--env", "1BAD=x", "--", "srv"], /NAME=value/],
    [["mcp", "check", "https://x.test/mcp", "--env", "A=1"], /--env is for stdio servers/],
    [["mcp", "check", "--header", "A: b", "--", "srv"], /--header is for URL servers/],
    [["mcp", "check", "https://x.test/mcp", "--server", "a"], /--server picks servers from a config file/],
    [["mcp", "check", "x.json", "--", "srv"], /either a target \(x.json\) or a command/],
    [["mcp", "check", "--"], /no command after --/],
    [["mcp", "check", "ftp://x.test/"], /only http:\/\/ and https:\/\//],
    [["mcp", "check", "a", "b"], /too many arguments/],
    [["mcp", "detect", "--", "x"], /only for tether mcp check/],
    [["mcp", "chek"], /unknown command 'chek' \(Did you mean check\?\)/],
  ])("%j is a usage error", (argv, message) => {
    const text = usage(argv);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });
});

describe("tether mcp detect arguments", () => {
  it("takes an optional directory, --home and --json", () => {
    expect(parseCommandLine(["mcp", "detect"])).toEqual({ kind: "detect", args: { dir: undefined, home: undefined, json: false } });
    expect(parseCommandLine(["mcp", "detect", "repo", "--home", "/h", "--json"])).toEqual({ kind: "detect", args: { dir: "repo", home: "/h", json: true } });
  });
});

describe("help and version", () => {
  it("prints help on stdout with code 0, and the notes on stdio and variables", () => {
    const inv = parseCommandLine(["mcp", "check", "--help"]);
    expect(inv).toMatchObject({ kind: "print", exitCode: 0 });
    const output = inv.kind === "print" ? inv.output : "";
    expect(output).toContain("Usage: tether mcp check");
    expect(output).toMatch(/TETHER_ALLOW_STDIO_MCP only governs a Tether deployment/);
    expect(output).toMatch(/\{\{secret\.NAME\}\} and \$\{VAR\} references are filled from this process's\s+environment/);
    expect(output).toMatch(/Exit codes: 0 passed, 1 findings at or above --fail-on/);
  });

  it("without a command prints the help as a usage error (code 3)", () => {
    expect(parseCommandLine([])).toMatchObject({ kind: "print", exitCode: 3, output: expect.stringContaining("Usage: tether") });
    expect(parseCommandLine(["mcp"])).toMatchObject({ kind: "print", exitCode: 3, output: expect.stringContaining("detect") });
  });

  it("prints the version", () => {
    expect(parseCommandLine(["--version"])).toEqual({ kind: "print", exitCode: 0, output: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});

describe("parseDuration", () => {
  it.each([
    ["30", 30_000],
    ["500ms", 500],
    ["10s", 10_000],
    ["1.5s", 1_500],
    ["2m", 120_000],
  ])("%s is %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(["", "-1", "5h", "0", "61m"])("%j is refused", (text) => expect(() => parseDuration(text)).toThrow());
});
