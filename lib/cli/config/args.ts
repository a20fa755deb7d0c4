// `tether validate | export | plan | apply`: the tether.yaml commands, registered on the CLI's program. Parsing only.
import type { Command } from "commander";

export type ConfigArgs =
  | { command: "validate"; path: string; json: boolean }
  | { command: "export"; out?: string; json: boolean }
  | { command: "plan"; path: string; prune: boolean; resendSecrets: boolean; json: boolean; out?: string }
  | { command: "apply"; path?: string; planFile?: string; prune: boolean; resendSecrets: boolean; json: boolean };

const SERVER_HELP = `
Talks to the server at TETHER_URL with the API token in TETHER_TOKEN (editor role to apply).`;

const PLAN_HELP = `${SERVER_HELP}
Resources are matched by name. Deletions are planned only with --prune, and only of resources a previous
apply created (managed by config). Secrets are compared by presence: --resend-secrets sends them all again.
--out FILE saves the plan; \`tether apply --plan-file FILE\` applies exactly it.

Exit codes: 0 planned, 1 the file is invalid, 2 the server could not be reached, 3 bad usage.`;

export function registerConfigCommands(program: Command, capture: (args: ConfigArgs) => void): void {
  program
    .command("validate")
    .description("check a tether.yaml (or a folder of *.yaml) offline; every error with line:column and field path")
    .argument("<path>", "a file, or a folder of *.yaml files")
    .option("--json", "print the errors as JSON")
    .addHelpText("after", "\nExit codes: 0 valid, 1 invalid, 3 bad usage or unreadable path.")
    .action((path: string, opts: { json?: boolean }) => capture({ command: "validate", path, json: opts.json === true }));

  program
    .command("export")
    .description("write the running instance as a tether.yaml (secrets as ${ENV_NAME} references)")
    .option("--out <file>", "write to FILE instead of stdout")
    .option("--json", "print the server's state as JSON instead of YAML")
    .addHelpText("after", SERVER_HELP)
    .action((opts: { out?: string; json?: boolean }) => capture({ command: "export", out: opts.out, json: opts.json === true }));

  program
    .command("plan")
    .description("show what applying a tether.yaml would create, update and delete, per property")
    .argument("<path>", "a file, or a folder of *.yaml files")
    .option("--prune", "also delete managed resources the file no longer names")
    .option("--resend-secrets", "send every secret again")
    .option("--json", "print the plan as JSON")
    .option("--out <file>", "save the plan to FILE for tether apply --plan-file")
    .addHelpText("after", PLAN_HELP)
    .action((path: string, opts: { prune?: boolean; resendSecrets?: boolean; json?: boolean; out?: string }) =>
      capture({ command: "plan", path, prune: opts.prune === true, resendSecrets: opts.resendSecrets === true, json: opts.json === true, out: opts.out }),
    );

  program
    .command("apply")
    .description("plan a tether.yaml and apply exactly that plan (or a saved plan with --plan-file)")
    .argument("[path]", "a file, or a folder of *.yaml files")
    .option("--plan-file <file>", "apply a plan saved by tether plan --out")
    .option("--prune", "also delete managed resources the file no longer names")
    .option("--resend-secrets", "send every secret again")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      `${SERVER_HELP}
Refused if the server changed since the plan was made. Stops at the first change the server refuses and
says what was and was not applied.

Exit codes: 0 applied, 1 invalid file or a change refused, 2 the server could not be reached, 3 bad usage.`,
    )
    .action((path: string | undefined, opts: { planFile?: string; prune?: boolean; resendSecrets?: boolean; json?: boolean }) =>
      capture({
        command: "apply",
        path,
        planFile: opts.planFile,
        prune: opts.prune === true,
        resendSecrets: opts.resendSecrets === true,
        json: opts.json === true,
      }),
    );
}
