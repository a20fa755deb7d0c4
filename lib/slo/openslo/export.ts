// An SLO as an OpenSLO v1 document. Integrations are named, not given by id, so a file moves between Tether
// instances; the good/total queries are Tether's own probe runs (metricSource type Tether).
import { stringify } from "yaml";
import type { SloInput } from "../slo";
import { OPENSLO_API_VERSION, SLA_ANNOTATION, TETHER_SOURCE } from "./schema";

const DURATIONS = { rolling_7d: "7d", rolling_28d: "28d", rolling_30d: "30d" } as const;

/** An RFC 1123 label for metadata.name: lowercase letters, digits and dashes, at most 63. */
export function sloSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return slug || "slo";
}

/** The scope as the total query's spec: `integration`, `integrations` (names) or `tag`. */
function scopeSpec(slo: SloInput, nameOf: (id: string) => string): Record<string, unknown> {
  switch (slo.scope.kind) {
    case "integration":
      return { integration: nameOf(slo.scope.integrationId) };
    case "integrations":
      return { integrations: slo.scope.integrationIds.map(nameOf) };
    case "tag":
      return { tag: slo.scope.tag };
  }
}

function serviceOf(slo: SloInput, nameOf: (id: string) => string): string {
  return slo.scope.kind === "integration" ? nameOf(slo.scope.integrationId) : slo.scope.kind === "tag" ? `tag:${slo.scope.tag}` : slo.name;
}

export function toOpenSlo(slo: SloInput, nameOf: (id: string) => string): Record<string, unknown> {
  const slug = sloSlug(slo.name);
  const latency = slo.sli.kind === "latency" ? slo.sli.thresholdMs : null;
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "SLO",
    metadata: {
      name: slug,
      displayName: slo.name,
      ...(slo.slaPct === null ? {} : { annotations: { [SLA_ANNOTATION]: String(slo.slaPct) } }),
    },
    spec: {
      description: latency === null ? "Successful probe runs of all runs" : `Successful probe runs no slower than ${latency} ms, of all runs`,
      service: serviceOf(slo, nameOf),
      indicator: {
        metadata: { name: `${slug.slice(0, 59)}-sli` },
        spec: {
          ratioMetric: {
            counter: false,
            good: { metricSource: { type: TETHER_SOURCE, spec: { runs: "successful", ...(latency === null ? {} : { fasterThanMs: latency }) } } },
            total: { metricSource: { type: TETHER_SOURCE, spec: { runs: "all", ...scopeSpec(slo, nameOf) } } },
          },
        },
      },
      timeWindow: [
        slo.window === "calendar_month"
          ? { duration: "1M", calendar: { startTime: "2020-01-01 00:00:00", timeZone: "Etc/UTC" }, isRolling: false }
          : { duration: DURATIONS[slo.window], isRolling: true },
      ],
      budgetingMethod: "Occurrences",
      objectives: [{ displayName: slo.name, target: Number((slo.objectivePct / 100).toPrecision(12)) }],
    },
  };
}

/** One YAML document per SLO, separated by `---`. */
export function openSloYaml(slos: readonly SloInput[], nameOf: (id: string) => string): string {
  return slos.map((s) => stringify(toOpenSlo(s, nameOf), { lineWidth: 0 })).join("---\n");
}
