// GraphQL schema watch: the server's schema by the standard introspection query, printed as SDL and hashed; a change
// between runs classified by graphql-js itself (`findBreakingChanges`, `findDangerousChanges`), with what was only
// added listed as additive. The after-run step keeps the SDL on a run only when it is new (the baseline), and the
// hash on every run, so an unchanged schema costs a few bytes per run.
import { createHash } from "node:crypto";
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  getIntrospectionQuery,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import type { ProbeRunResult } from "../../domain/probe-run";
import type { RunHistory } from "../types";
import { withoutTraceDetail } from "../shared/shape/drift";
import type { SchemaChange, SchemaChangeItem } from "./schema-change";

export type { SchemaChange, SchemaChangeItem };

export const SCHEMA_KEY = "schema";
export const SCHEMA_SDL_KEY = "schemaSdl";
export const SCHEMA_CHANGE_KEY = "schemaChange";

/** Descriptions are left out: rewording a doc string is not a contract change, and it halves the answer. */
export const INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: false });

export interface SchemaReading {
  hash: string;
  types: number;
}

/** The SDL of an introspection answer's `data`; throws graphql-js's own message when it is not a schema. */
export function sdlFromIntrospection(data: unknown): string {
  return printSchema(buildClientSchema(data as IntrospectionQuery));
}

export function schemaReading(sdl: string): SchemaReading {
  const schema = buildSchema(sdl);
  const types = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith("__")).length;
  return { hash: createHash("sha256").update(sdl).digest("hex").slice(0, 32), types };
}

/** Types and fields (object, interface, input) in `after` that `before` lacks: additions graphql-js does not list. */
function additions(before: GraphQLSchema, after: GraphQLSchema): SchemaChangeItem[] {
  const out: SchemaChangeItem[] = [];
  const old = before.getTypeMap();
  for (const [name, type] of Object.entries(after.getTypeMap())) {
    if (name.startsWith("__")) continue;
    const was = old[name];
    if (!was) {
      out.push({ type: "TYPE_ADDED", description: `${name} was added.` });
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) && (isObjectType(was) || isInterfaceType(was) || isInputObjectType(was))) {
      const known = was.getFields();
      for (const field of Object.keys(type.getFields())) if (!known[field]) out.push({ type: "FIELD_ADDED", description: `${name}.${field} was added.` });
    }
  }
  return out;
}

/** How the schema moved from `beforeSdl` to `afterSdl`; null when nothing did. */
export function classifySchemaChange(beforeSdl: string, afterSdl: string): SchemaChange | null {
  const before = buildSchema(beforeSdl);
  const after = buildSchema(afterSdl);
  const breaking = findBreakingChanges(before, after).map(({ type, description }) => ({ type, description }));
  const dangerous = findDangerousChanges(before, after).map(({ type, description }) => ({ type, description }));
  // A dangerous optional argument or input field added is listed there, not again as an addition.
  const additive = additions(before, after);
  if (breaking.length + dangerous.length + additive.length === 0) return null;
  return { breaking, dangerous, additive };
}

const isReading = (value: unknown): value is SchemaReading => typeof (value as SchemaReading | null)?.hash === "string";

/** The after-run step: compares this run's schema with the baseline, notes the change, keeps the SDL only when new. */
export async function withSchemaDrift(result: ProbeRunResult, history: RunHistory): Promise<ProbeRunResult> {
  const reading = result.details?.[SCHEMA_KEY];
  const sdl = result.details?.[SCHEMA_SDL_KEY];
  if (!isReading(reading) || typeof sdl !== "string") return result;
  const { [SCHEMA_SDL_KEY]: _sdl, ...rest } = result.details!;
  const trimmed = withoutTraceDetail(result, SCHEMA_SDL_KEY);
  const previous = await history.lastDetail(SCHEMA_KEY);
  if (isReading(previous) && previous.hash === reading.hash) return { ...trimmed, details: rest };
  // A new schema (or the first): this run holds the baseline. Its run may be pruned some day; then the next change starts afresh.
  const baseline = isReading(previous) ? await history.lastDetail(SCHEMA_SDL_KEY) : undefined;
  let change: SchemaChange | null = null;
  if (typeof baseline === "string") {
    try {
      change = classifySchemaChange(baseline, sdl);
    } catch {
      change = null; // a baseline graphql-js can no longer read is replaced, not compared
    }
  }
  return { ...trimmed, details: { ...rest, [SCHEMA_SDL_KEY]: sdl, ...(change ? { [SCHEMA_CHANGE_KEY]: change } : {}) } };
}
