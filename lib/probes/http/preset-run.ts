// Test-only: one run of a provider preset against a local server, as the scheduler would run it (parsed, secrets
// filled, through the runner). Signed presets are checked against the server's own clock, so runs use the real time.
import { initialCircuit } from "../../domain/circuit";
import { fillSecrets } from "../../secrets/placeholders";
import { SecretValue } from "../../secrets/secret-value";
import { runProbe } from "../runner";
import { httpConfigSchema, type HttpConfig } from "./config";
import { httpProbe } from "./http-probe";
import { presetConfig, type ProviderId } from "./presets";

/** The preset's config (with its variant, if named) at another URL, its auth replaced if given, the named secrets filled in. */
export function presetConfigAt(
  id: ProviderId,
  url: string,
  secrets: Record<string, string>,
  { variant, auth }: { variant?: string; auth?: HttpConfig["auth"] } = {},
): HttpConfig {
  const config = httpConfigSchema.parse({ ...presetConfig(id, variant).config, url, ...(auth ? { auth } : {}) });
  return fillSecrets(config, new Map(Object.entries(secrets).map(([name, value]) => [name, new SecretValue(value)])));
}

export const runConfig = (config: HttpConfig) =>
  runProbe({
    probe: httpProbe,
    config,
    timeoutMs: 5_000,
    retries: 0,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    outbound: { allowPrivateNetworks: true },
    now: () => Date.now(),
  });
