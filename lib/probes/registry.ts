// Every probe kind, keyed by kind: a kind without a probe is a compile error.
import type { IntegrationKind } from "../domain/integration-config";
import { httpProbe } from "./http/http-probe";
import type { Probe } from "./types";

export const probes = {
  http: httpProbe,
} satisfies Record<IntegrationKind, Probe<never>>;
