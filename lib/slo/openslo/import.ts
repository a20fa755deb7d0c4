// OpenSLO v1 YAML to Tether SLO inputs, pure: every document parsed with `yaml` (so each problem has a line and
// column), checked with the OpenSLO schema, mapped (integration names to ids, window, target, SLA annotation) and
// then checked with Tether's own SLO schema. Problems and warnings are values; nothing is created here.
import { isNode, LineCounter, parseAllDocuments, type Document } from "yaml";
import type { z } from "zod";
import { sloInputSchema, type SloInput, type SloScope, type SloWindow } from "../slo";
import { openSloSchema, SLA_ANNOTATION, TETHER_SOURCE, type OpenSlo } from "./schema";

export interface ImportProblem {
  /** 1-based document number in the file. */
  document: number;
  line?: number;
  column?: number;
  /** The field, dotted, e.g. spec.objectives.0.target. */
  path?: string;
  message: string;
}

export interface ImportItem {
  document: number;
  line?: number;
  slo: SloInput;
  /** What it covers, in words, with the integrations' names. */
  covers: string;
  warnings: string[];
}

export interface ImportResult {
  items: ImportItem[];
  problems: ImportProblem[];
  /** Documents of other kinds (Service, DataSource...), skipped. */
  skipped: { document: number; kind: string }[];
}

type Known = { id: string; name: string; tags: readonly string[] };
type Path = (string | number)[];

const WINDOWS: Record<string, SloWindow> = { "7d": "rolling_7d", "1w": "rolling_7d", "28d": "rolling_28d", "4w": "rolling_28d", "30d": "rolling_30d" };

class Located extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

/** The line and column of the deepest node on `path` that exists. */
function position(doc: Document, counter: LineCounter, path: Path): { line?: number; column?: number } {
  for (let p = [...path]; ; p = p.slice(0, -1)) {
    const node = p.length ? doc.getIn(p, true) : doc.contents;
    if (isNode(node) && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return { line, column: col };
    }
    if (p.length === 0) return {};
  }
}

function resolveName(name: unknown, integrations: readonly Known[], path: Path): Known {
  if (typeof name !== "string" || !name.trim()) throw new Located(path, "Name an integration");
  const hit = integrations.find((i) => i.name === name) ?? integrations.find((i) => i.name.toLowerCase() === name.trim().toLowerCase());
  if (!hit) throw new Located(path, `No integration named "${name}" here: create it first, or change the name`);
  return hit;
}

const TOTAL = ["spec", "indicator", "spec", "ratioMetric", "total", "metricSource"];
const GOOD = ["spec", "indicator", "spec", "ratioMetric", "good", "metricSource"];

/** The scope and SLI from Tether's own queries, or (queries from another tool) from spec.service. */
function scopeAndSli(o: OpenSlo, integrations: readonly Known[], warnings: string[]): { scope: SloScope; sli: SloInput["sli"]; covers: string } {
  const ratio = o.spec.indicator.spec.ratioMetric;
  const total = ratio.total?.metricSource;
  if (total?.type === TETHER_SOURCE) {
    const spec = total.spec ?? {};
    const good = ratio.good?.metricSource;
    if (!good || good.type !== TETHER_SOURCE) throw new Located(GOOD, "A Tether ratioMetric counts good runs: give good.metricSource with type Tether");
    const faster = good.spec?.fasterThanMs;
    if (faster !== undefined && typeof faster !== "number") throw new Located([...GOOD, "spec", "fasterThanMs"], "fasterThanMs is a number of milliseconds");
    const sli = faster === undefined ? ({ kind: "availability" } as const) : ({ kind: "latency", thresholdMs: faster } as const);
    if (typeof spec.tag === "string") return { scope: { kind: "tag", tag: spec.tag }, sli, covers: `tag ${spec.tag}` };
    if (spec.integration !== undefined) {
      const i = resolveName(spec.integration, integrations, [...TOTAL, "spec", "integration"]);
      return { scope: { kind: "integration", integrationId: i.id }, sli, covers: i.name };
    }
    if (Array.isArray(spec.integrations)) {
      const list = spec.integrations.map((n, k) => resolveName(n, integrations, [...TOTAL, "spec", "integrations", k]));
      return { scope: { kind: "integrations", integrationIds: list.map((i) => i.id) }, sli, covers: list.map((i) => i.name).join(", ") };
    }
    throw new Located([...TOTAL, "spec"], "Say what the SLO covers: integration, integrations (a list of names) or tag");
  }
  // Another tool's queries cannot run here: measure the service's probe runs instead, and say so.
  const service = o.spec.service;
  const byName = integrations.find((i) => i.name.toLowerCase() === service.toLowerCase());
  const tag = service.replace(/^tag:/, "");
  const scope: SloScope | null = byName
    ? { kind: "integration", integrationId: byName.id }
    : integrations.some((i) => i.tags.includes(tag))
      ? { kind: "tag", tag }
      : null;
  if (!scope) throw new Located(["spec", "service"], `No integration or tag here is named "${service}": Tether measures an SLO on an integration's probe runs`);
  warnings.push(
    `Its queries are for ${total?.type ?? "another tool"}; Tether will count the probe runs of ${byName ? byName.name : `tag ${tag}`} (availability) instead.`,
  );
  return { scope, sli: { kind: "availability" }, covers: byName ? byName.name : `tag ${tag}` };
}

function windowOf(o: OpenSlo, warnings: string[]): SloWindow {
  const w = o.spec.timeWindow?.[0];
  if (!w) {
    warnings.push("No timeWindow: judged over a rolling 30 days.");
    return "rolling_30d";
  }
  const path = ["spec", "timeWindow", 0, "duration"];
  const rolling = w.isRolling ?? !w.calendar;
  if (!rolling) {
    if (w.duration !== "1M") throw new Located(path, "Tether's calendar window is one month (1M)");
    const tz = w.calendar?.timeZone;
    if (tz && !/^(Etc\/)?UTC$|^GMT$|^Etc\/GMT$/.test(tz)) warnings.push(`The calendar month is counted in UTC, not ${tz}.`);
    return "calendar_month";
  }
  const win = WINDOWS[w.duration];
  if (!win) throw new Located(path, `Tether's rolling windows are 7d, 28d and 30d; ${w.duration} is not one`);
  return win;
}

function mapOne(o: OpenSlo, integrations: readonly Known[]): { raw: Record<string, unknown>; covers: string; warnings: string[] } {
  const warnings: string[] = [];
  if (o.spec.budgetingMethod !== "Occurrences") warnings.push(`Tether budgets by occurrences (good runs of all runs), not ${o.spec.budgetingMethod}.`);
  const { scope, sli, covers } = scopeAndSli(o, integrations, warnings);
  const objective = o.spec.objectives[0]!;
  const objectivePct = objective.targetPercent ?? Number(((objective.target ?? 0) * 100).toPrecision(12));
  const slaText = o.metadata.annotations?.[SLA_ANNOTATION];
  const slaPct = slaText === undefined ? null : Number(slaText);
  if (slaText !== undefined && !Number.isFinite(slaPct))
    throw new Located(["metadata", "annotations", SLA_ANNOTATION], "The contracted SLA is a number in percent");
  return { raw: { name: o.metadata.displayName ?? o.metadata.name, scope, objectivePct, window: windowOf(o, warnings), sli, slaPct }, covers, warnings };
}

/** Tether schema paths, for errors, to where the value came from in the OpenSLO document. */
function yamlPathOf(path: PropertyKey[]): Path {
  const [head] = path;
  if (head === "name") return ["metadata", "displayName"];
  if (head === "objectivePct") return ["spec", "objectives", 0];
  if (head === "slaPct") return ["metadata", "annotations", SLA_ANNOTATION];
  if (head === "window") return ["spec", "timeWindow", 0];
  if (head === "sli") return [...GOOD, "spec", "fasterThanMs"];
  return [...TOTAL, "spec"];
}

const dotted = (p: readonly PropertyKey[]) => p.map(String).join(".");

export function parseOpenSloYaml(text: string, integrations: readonly Known[]): ImportResult {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: true });
  const result: ImportResult = { items: [], problems: [], skipped: [] };
  if (!Array.isArray(docs)) {
    // An empty stream parses as an EmptyStream.
    result.problems.push({ document: 1, message: "The file holds no YAML documents" });
    return result;
  }
  docs.forEach((doc, i) => {
    const document = i + 1;
    const problem = (path: Path, message: string) =>
      result.problems.push({ document, ...position(doc, counter, path), path: dotted(path) || undefined, message });
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = syntax.linePos?.[0];
      const message = syntax.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      result.problems.push({ document, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `Not valid YAML: ${message}` });
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const kind = typeof value === "object" && "kind" in value ? (value as { kind: unknown }).kind : undefined;
    if (typeof kind === "string" && kind !== "SLO") {
      result.skipped.push({ document, kind });
      return;
    }
    const parsed = openSloSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(issue.path as Path, issue.message);
      return;
    }
    try {
      const { raw, covers, warnings } = mapOne(parsed.data, integrations);
      const slo = sloInputSchema.safeParse(raw);
      if (!slo.success) {
        for (const issue of (slo.error as z.ZodError).issues) problem(yamlPathOf(issue.path), issue.message);
        return;
      }
      result.items.push({ document, ...position(doc, counter, []), slo: slo.data, covers, warnings });
    } catch (err) {
      if (err instanceof Located) problem(err.path, err.message);
      else throw err;
    }
  });
  if (result.items.length === 0 && result.problems.length === 0) result.problems.push({ document: 1, message: "No SLO documents (kind: SLO) in the file" });
  return result;
}
