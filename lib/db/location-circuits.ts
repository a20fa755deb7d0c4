// The per-location circuits of an integration that lists locations (IntegrationLocation's breaker columns), read
// with a claim or a circuit re-read as one JSON column, so the record statement can plan the integration's quorum
// circuit (lib/domain/location-circuit.ts) without a query more per run.
import type { CircuitStateKind } from "./generated/client";
import type { LocatedCircuits } from "../domain/location-circuit";

/**
 * A column (`"locationCircuits"`, JSON text) of the integration aliased `alias`: its location rows' circuits, or
 * null when it has none. Opening times as milliseconds, read as UTC like every `timestamp` here.
 */
export const locationCircuitsSql = (alias: string) => `(
    SELECT json_agg(json_build_object('location', o.location, 'state', o."circuitState", 'consecutiveFailures', o."consecutiveFailures",
      'openedAt', (extract(epoch FROM o."openedAt") * 1000)::float8, 'lastRunOk', o."lastRunOk"))
    FROM "IntegrationLocation" o WHERE o."integrationId" = ${alias}.id AND cardinality(${alias}.locations) > 0
  )::text AS "locationCircuits"`;

interface StoredLocationCircuit {
  location: string;
  circuitState: CircuitStateKind;
  consecutiveFailures: number;
  openedAt: Date | null;
  lastRunOk: boolean | null;
}

/** The located circuits of an integration from its IntegrationLocation rows; undefined for one that lists no locations. */
export function locatedCircuitsOfRows(locations: string[] | null, quorum: number | null, rows: StoredLocationCircuit[]): LocatedCircuits | undefined {
  if (!locations || locations.length === 0) return undefined;
  return {
    locations,
    quorum,
    circuits: rows.map((r) => ({
      location: r.location,
      circuit: { state: r.circuitState, consecutiveFailures: r.consecutiveFailures, openedAt: r.openedAt?.getTime() ?? null },
      lastRunOk: r.lastRunOk,
    })),
  };
}

/** The same as read with `locationCircuitsSql` (JSON text, opening times in milliseconds). */
export function locatedCircuitsOf(locations: string[] | null, quorum: number | null, json: string | null): LocatedCircuits | undefined {
  const rows =
    json === null
      ? []
      : (JSON.parse(json) as { location: string; state: CircuitStateKind; consecutiveFailures: number; openedAt: number | null; lastRunOk: boolean | null }[]);
  return locatedCircuitsOfRows(
    locations,
    quorum,
    rows.map((r) => ({ ...r, circuitState: r.state, openedAt: r.openedAt === null ? null : new Date(Math.round(r.openedAt)) })),
  );
}
