// Who asked for a change, as the audit log records it: the caller's principal and address, or nobody (the
// system itself, e.g. seeding). Use cases take an Actor; only the route glue makes one from a request.
import type { Principal } from "./principal";

export interface Actor {
  principal: Principal | null;
  ip?: string;
}

/** The system itself: seeding and other changes no person asked for. */
export const SYSTEM_ACTOR: Actor = { principal: null };

/** Who the audit log names: the principal, or "system". */
export const actorOf = (a: Actor) => a.principal ?? { label: "system" };
