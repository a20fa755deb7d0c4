// What an HTTP auth type does to a request. Static types only add a header or parameter; token-based ones first
// fetch (or reuse) an access token, and report that fetch as its own step so the trace shows where a run failed.
import type { Failure } from "../../shared/failure";
import type { ProbeContext } from "../../types";

export interface AuthRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One step taken before the request itself, e.g. the token request; never holds a credential. */
export interface AuthStep {
  step: "token";
  ok: boolean;
  durationMs: number;
  /** The token endpoint's address (host and path; no query). */
  endpoint: string;
  status?: number;
  /** Reused an access token cached from an earlier run instead of asking for one. */
  cached: boolean;
  message?: string;
}

export type AuthResult =
  | {
      ok: true;
      request: AuthRequest;
      steps: AuthStep[];
      /** Readings for the run, e.g. `credential` (when the access token expires). */
      details?: Record<string, unknown>;
      /** The provider refused the credential (401): forget any cached token so the next run asks afresh. */
      rejected?: () => void;
    }
  | { ok: false; failure: Failure; steps: AuthStep[]; status?: number; bodyExcerpt?: string };

export type AuthHandler<A> = (auth: A, request: AuthRequest, ctx: ProbeContext) => Promise<AuthResult>;
