// Binds the CLI's contracts to Tether's real modules (conformance, import, changes). The CLI runs on the user's
// own machine, so its checks may reach private and loopback addresses (a dev server on localhost is the usual
// CI target); cloud metadata addresses stay refused by the outbound guard whatever the policy.
import { classifyToolChanges } from "../mcp/changes";
import { runConformance } from "../mcp/conformance";
import { rulesChecked } from "../mcp/conformance/catalogue";
import type { CliDeps } from "./contracts";
import { detectConfigs, readConfigFile } from "./import-adapter";

export function defaultDeps(): CliDeps {
  return {
    runConformance: (target, options) => runConformance(target, { ...options, outbound: { allowPrivateNetworks: true } }),
    classifyToolChanges,
    detectConfigs,
    readConfigFile,
    // One JUnit testcase per rule checked (passing ones included), from the engine's catalogue.
    rulesChecked,
  };
}
