import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "../args";

describe("tether validate / export / plan / apply", () => {
  it.each([
    [["validate", "tether.yaml"], { command: "validate", path: "tether.yaml", json: false }],
    [["export", "--out", "x.yaml"], { command: "export", out: "x.yaml", json: false }],
    [
      ["plan", "conf", "--prune", "--json", "--out", "plan.json"],
      { command: "plan", path: "conf", prune: true, resendSecrets: false, json: true, out: "plan.json" },
    ],
    [
      ["apply", "--plan-file", "plan.json", "--resend-secrets"],
      { command: "apply", path: undefined, planFile: "plan.json", prune: false, resendSecrets: true, json: false },
    ],
  ])("%j", (argv, args) => {
    expect(parseCommandLine(argv)).toEqual({ kind: "config", args });
  });

  it("a missing path or an unknown flag is a usage error", () => {
    expect(() => parseCommandLine(["validate"])).toThrow(UsageError);
    expect(() => parseCommandLine(["plan", "x.yaml", "--force"])).toThrow("unknown option '--force'");
  });

  it("the help names the commands", () => {
    const help = parseCommandLine(["--help"]);
    expect(help).toMatchObject({ kind: "print", exitCode: 0 });
    if (help.kind === "print") for (const c of ["validate", "export", "plan", "apply"]) expect(help.output).toContain(c);
  });
});
