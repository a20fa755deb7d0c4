// A recorded contract change as lines for people, worst first: breaking (a response key gone or retyped, a GraphQL
// breaking change), then dangerous (GraphQL's may-break), then additive. Pure, for the integration page.
import type { JsonType } from "../probes/shared/shape/fingerprint";
import type { ContractChangeView } from "./types";

export type ChangeSeverity = "breaking" | "dangerous" | "additive";

export interface ChangeLine {
  severity: ChangeSeverity;
  /** "response" for the body's shape, "schema" for the GraphQL schema. */
  area: "response" | "schema";
  text: string;
}

const types = (t: JsonType[]) => t.join(" or ");

export function contractChangeLines(change: Pick<ContractChangeView, "shape" | "schema">): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const b of change.shape?.breaking ?? []) {
    lines.push({
      severity: "breaking",
      area: "response",
      text: b.change === "removed" ? `${b.path} is gone (was ${types(b.was)})` : `${b.path} changed type: ${types(b.was)} → ${types(b.now)}`,
    });
  }
  for (const c of change.schema?.breaking ?? []) lines.push({ severity: "breaking", area: "schema", text: c.description });
  for (const c of change.schema?.dangerous ?? []) lines.push({ severity: "dangerous", area: "schema", text: c.description });
  for (const a of change.shape?.additive ?? []) {
    lines.push({
      severity: "additive",
      area: "response",
      text: a.change === "added" ? `${a.path} is new (${types(a.now)})` : `${a.path} can now be ${types(a.now)}`,
    });
  }
  for (const c of change.schema?.additive ?? []) lines.push({ severity: "additive", area: "schema", text: c.description });
  return lines;
}
