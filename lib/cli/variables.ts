// Fills a target's variable references from this process's environment, for a check run on the user's own machine:
// {{secret.NAME}} (what an import turns every reference into) and, for configs read as written, ${NAME},
// ${NAME:-default} and ${env:NAME}. The values used are returned so reports can scrub them from anything a server echoes.
import { MissingSecretError, fillSecrets, referencedSecrets } from "../secrets/placeholders";
import { SecretValue } from "../secrets/secret-value";
import type { McpTarget } from "../mcp/types";
import { UsageError } from "./args";

const SHELL_REF = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface FilledTarget {
  target: McpTarget;
  /** The environment's values put into the target, keyed by variable name. */
  used: Map<string, SecretValue>;
}

/** `fileValues`: what the config file itself holds for a name (a literal credential, a default), used when the environment has none. */
export function fillFromEnvironment(
  target: McpTarget,
  env: Readonly<Record<string, string | undefined>>,
  serverName: string,
  fileValues: ReadonlyMap<string, string> = new Map(),
): FilledTarget {
  const used = new Map<string, SecretValue>();
  const missing = new Set<string>();
  const json = JSON.stringify(target);
  for (const name of referencedSecrets(json)) {
    const value = env[name] || fileValues.get(name);
    if (value === undefined || value === "") missing.add(name);
    else used.set(name, new SecretValue(value));
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === "string")
      return v.replace(SHELL_REF, (_m, name: string, fallback: string | undefined) => {
        const value = env[name];
        if (value !== undefined && value !== "") {
          used.set(name, new SecretValue(value));
          return value;
        }
        if (fallback !== undefined) return fallback;
        missing.add(name);
        return "";
      });
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const shellFilled = walk(target) as McpTarget;
  if (missing.size > 0) throw missingError(serverName, [...missing]);
  try {
    return { target: fillSecrets(shellFilled, used), used };
  } catch (err) {
    if (err instanceof MissingSecretError) throw missingError(serverName, err.names);
    throw err;
  }
}

function missingError(server: string, names: string[]): UsageError {
  const list = names.sort().join(", ");
  return new UsageError(`server ${server} needs ${list} set in the environment (${names.length > 1 ? "they are" : "it is"} referenced by its config)`);
}
