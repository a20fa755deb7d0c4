// The tether.yaml commands: read files, talk to the server, print, and pick the exit code.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseConfigFiles, formatError, type ParseResult } from "../../config-file/parse";
import { makePlan, planSchema, planSummary, prunable, changeLabel, type Plan } from "../../config-file/plan";
import { exportYaml } from "../../config-file/export-yaml";
import { refName } from "../../config-file/schema";
import { UsageError } from "../args";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { colorEnabled, makeStyle } from "../report/style";
import type { ConfigArgs } from "./args";
import { renderPlan } from "./render";
import { ServerRefused, ServerUnreachable, serverFromEnv, type TetherServer } from "./client";

async function readConfigPath(p: string, cwd: string): Promise<{ file: string; text: string }[]> {
  const abs = path.resolve(cwd, p);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new UsageError(`cannot read ${p}: no such file or folder`);
  if (!info.isDirectory()) return [{ file: p, text: await readFile(abs, "utf8") }];
  const names = (await readdir(abs)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  if (names.length === 0) throw new UsageError(`${p} holds no *.yaml files`);
  return Promise.all(names.map(async (n) => ({ file: path.join(p, n), text: await readFile(path.join(abs, n), "utf8") })));
}

function printInvalid(result: Extract<ParseResult, { ok: false }>, io: CliIo, json: boolean): ExitCode {
  if (json) io.stdout(`${JSON.stringify({ valid: false, errors: result.errors }, null, 2)}\n`);
  else io.stderr(`${result.errors.map(formatError).join("\n")}\n${result.errors.length} error(s); nothing was changed.\n`);
  return EXIT.failed;
}

function server(io: CliIo, make: (env: CliIo["env"]) => TetherServer | string): TetherServer {
  const s = make(io.env);
  if (typeof s === "string") throw new UsageError(s);
  return s;
}

/** The environment values the plan's secrets name; every missing one is reported before anything is sent. */
function resolveSecrets(plan: Plan, env: CliIo["env"]): Record<string, string> {
  const out: Record<string, string> = {};
  const missing = new Set<string>();
  for (const c of plan.changes)
    for (const p of c.secrets) {
      const ref = p.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), c.spec);
      const name = typeof ref === "string" ? refName(ref) : "";
      const value = env[name];
      if (value) out[name] = value;
      else missing.add(name);
    }
  if (missing.size > 0) throw new UsageError(`set ${[...missing].join(", ")} in the environment: the plan sends these secrets (nothing was applied)`);
  return out;
}

export async function runConfigCommand(args: ConfigArgs, io: CliIo, make: (env: CliIo["env"]) => TetherServer | string = serverFromEnv): Promise<ExitCode> {
  const style = makeStyle(!("json" in args && args.json) && colorEnabled(io.stdoutIsTTY, io.env));
  try {
    if (args.command === "validate") {
      const result = parseConfigFiles(await readConfigPath(args.path, io.cwd));
      if (!result.ok) return printInvalid(result, io, args.json);
      const count = Object.values(result.config).reduce<number>((n, v) => n + (typeof v === "object" && v ? Object.keys(v).length : 0), 0);
      io.stdout(args.json ? `${JSON.stringify({ valid: true, errors: [] })}\n` : `${args.path} is valid (${count} resource(s)).\n`);
      return EXIT.passed;
    }
    if (args.command === "export") {
      const state = await server(io, make).state();
      const text = args.json ? `${JSON.stringify(state, null, 2)}\n` : exportYaml(state.config);
      if (args.out) {
        await writeFile(path.resolve(io.cwd, args.out), text);
        io.stderr(`Wrote ${args.out}.\n`);
      } else io.stdout(text);
      return EXIT.passed;
    }

    let plan: Plan;
    let prunableCount = 0;
    const tether = server(io, make);
    if (args.command === "apply" && args.planFile) {
      if (args.path) throw new UsageError("give either a path or --plan-file, not both");
      const raw = await readFile(path.resolve(io.cwd, args.planFile), "utf8").catch(() => {
        throw new UsageError(`cannot read ${args.planFile}: no such file`);
      });
      const parsed = planSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new UsageError(`${args.planFile} is not a tether plan (${parsed.error.issues[0]?.message})`);
      plan = parsed.data;
    } else {
      if (!args.path) throw new UsageError("missing path: a tether.yaml or a folder (or --plan-file)");
      const result = parseConfigFiles(await readConfigPath(args.path, io.cwd));
      if (!result.ok) return printInvalid(result, io, args.json);
      const state = await tether.state();
      plan = makePlan(result.config, state, { prune: args.prune, resendSecrets: args.resendSecrets });
      prunableCount = prunable(result.config, state).length;
    }

    if (args.command === "plan") {
      if (args.out) await writeFile(path.resolve(io.cwd, args.out), `${JSON.stringify(plan, null, 2)}\n`);
      io.stdout(args.json ? `${JSON.stringify({ ...plan, summary: planSummary(plan) }, null, 2)}\n` : renderPlan(plan, style, prunableCount));
      if (args.out && !args.json) io.stdout(`Saved the plan to ${args.out}; apply it with tether apply --plan-file ${args.out}\n`);
      return EXIT.passed;
    }

    if (!args.json) io.stdout(renderPlan(plan, style, prunableCount));
    const secrets = resolveSecrets(plan, io.env);
    // One change per request, each against the fingerprint the previous one left: progress as it goes, and a
    // change made by anyone else in between refuses the rest.
    let fingerprint = plan.fingerprint;
    const applied: Plan["changes"] = [];
    for (const [i, change] of plan.changes.entries()) {
      const needed = Object.fromEntries(Object.entries(secrets).filter(([k]) => JSON.stringify(change.spec ?? {}).includes(`\${${k}}`)));
      try {
        const result = await tether.apply({ fingerprint, changes: [change], secrets: needed });
        fingerprint = result.fingerprint;
        applied.push(change);
        if (!args.json) io.stderr(`[${i + 1}/${plan.changes.length}] ${change.action} ${changeLabel(change)} ${style.green("✓")}\n`);
      } catch (err) {
        if (!(err instanceof ServerRefused)) throw err;
        // The server's own report of this one change, when it gave one; else its error as it stands.
        const failed = (err.details as { failed?: { message: string; details?: { fields?: Record<string, string[]> } } } | undefined)?.failed;
        const message = failed?.message ?? err.message;
        const fields = failed ? failed.details?.fields : (err.details as { fields?: Record<string, string[]> } | undefined)?.fields;
        const notApplied = plan.changes.slice(i + 1);
        const report = {
          applied: applied.map(({ type, name, action }) => ({ type, name, action })),
          failed: {
            type: change.type,
            name: change.name,
            action: change.action,
            status: err.status,
            code: err.code,
            message,
            details: failed?.details ?? err.details,
          },
          notApplied: notApplied.map(({ type, name, action }) => ({ type, name, action })),
        };
        if (args.json) io.stdout(`${JSON.stringify({ complete: false, ...report }, null, 2)}\n`);
        else {
          io.stderr(`[${i + 1}/${plan.changes.length}] ${change.action} ${changeLabel(change)} ${style.red("✗")} ${message}\n`);
          if (fields) for (const [k, v] of Object.entries(fields)) io.stderr(`    ${k}: ${v.join("; ")}\n`);
          io.stderr(`Applied ${applied.length} of ${plan.changes.length}: ${applied.map(changeLabel).join(", ") || "none"}.\n`);
          io.stderr(`Not applied: ${[change, ...notApplied].map(changeLabel).join(", ")}.\n`);
        }
        return EXIT.failed;
      }
    }
    if (args.json) io.stdout(`${JSON.stringify({ complete: true, applied: applied.map(({ type, name, action }) => ({ type, name, action })) }, null, 2)}\n`);
    else io.stdout(style.green(`Applied ${applied.length} change(s).\n`));
    return EXIT.passed;
  } catch (err) {
    if (err instanceof ServerUnreachable) {
      io.stderr(`tether: ${err.message}\n`);
      return EXIT.unreachable;
    }
    if (err instanceof ServerRefused) {
      io.stderr(`tether: the server refused: ${err.message}\n`);
      return EXIT.failed;
    }
    throw err;
  }
}
