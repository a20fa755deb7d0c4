// Pure mapper from an integration's timeline (newest-first items) to three lanes over the window: incidents,
// circuit not closed, and probes failing. Each lane is a list of segments as fractions of the window, so the
// component only positions boxes (STYLE.md principle 7).
import type { IncidentStatus, TimelineItem, TimelineResponse } from "./types";

export interface LaneSegment {
  /** Start and end as fractions 0..1 of the window. */
  start: number;
  end: number;
  from: string;
  to: string | null;
  label: string;
  tone: "bad" | "warn" | "ok" | "neutral";
}

export interface TimelineLanes {
  incidents: LaneSegment[];
  circuit: LaneSegment[];
  probes: LaneSegment[];
}

const INCIDENT_TONE: Record<IncidentStatus, LaneSegment["tone"]> = { open: "bad", acknowledged: "warn", resolved: "neutral" };

export function toTimelineLanes(t: Pick<TimelineResponse, "from" | "to" | "items">): TimelineLanes {
  const from = Date.parse(t.from);
  const to = Date.parse(t.to);
  const span = Math.max(1, to - from);
  const frac = (ms: number) => Math.min(1, Math.max(0, (ms - from) / span));
  const seg = (startIso: string, endIso: string | null, label: string, tone: LaneSegment["tone"]): LaneSegment => ({
    start: frac(Date.parse(startIso)),
    end: frac(endIso ? Date.parse(endIso) : to),
    from: startIso,
    to: endIso,
    label,
    tone,
  });
  const ascending = [...t.items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const incidents = ascending
    .filter((i): i is Extract<TimelineItem, { kind: "incident" }> => i.kind === "incident")
    .map((i) => seg(i.incident.startedAt, i.incident.resolvedAt, i.incident.summary, INCIDENT_TONE[i.incident.status]));

  // Periods where the circuit was not closed; the state before the first transition is that transition's `from`.
  const circuit: LaneSegment[] = [];
  const transitions = ascending.filter((i): i is Extract<TimelineItem, { kind: "circuit" }> => i.kind === "circuit");
  let state = transitions[0]?.from ?? "closed";
  let since = t.from;
  for (const tr of transitions) {
    if (state !== "closed") circuit.push(seg(since, tr.at, `circuit ${state.replace("_", "-")}`, state === "open" ? "bad" : "warn"));
    state = tr.to;
    since = tr.at;
  }
  if (state !== "closed") circuit.push(seg(since, null, `circuit ${state.replace("_", "-")}`, state === "open" ? "bad" : "warn"));

  // Periods between a "failed" change and the next "recovered" one (failing since the window's start if it first recovers).
  const probes: LaneSegment[] = [];
  const changes = ascending.filter((i): i is Extract<TimelineItem, { kind: "probe" }> => i.kind === "probe");
  let failingSince: { at: string; label: string } | null = changes[0]?.change === "recovered" ? { at: t.from, label: "failing" } : null;
  for (const c of changes) {
    if (c.change === "failed" && !failingSince) failingSince = { at: c.at, label: c.errorClass ? `failing: ${c.errorClass}` : "failing" };
    else if (c.change === "recovered" && failingSince) {
      probes.push(seg(failingSince.at, c.at, failingSince.label, "bad"));
      failingSince = null;
    }
  }
  if (failingSince) probes.push(seg(failingSince.at, null, failingSince.label, "bad"));

  return { incidents, circuit, probes };
}
