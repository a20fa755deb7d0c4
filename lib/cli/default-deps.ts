// Binds the CLI's contracts to Tether's real modules (conformance, import, changes).
import { classifyToolChanges } from "../mcp/changes";
import type { CliDeps } from "./contracts";

export function defaultDeps(): CliDeps {
  const missing = (what: string) => () => Promise.reject(new Error(`${what} is not available yet`));
  return {
    runConformance: missing("the conformance runner"),
    classifyToolChanges,
    detectConfigs: missing("config detection"),
    readConfigFile: missing("config reading"),
    rulesChecked: () => [],
  };
}
