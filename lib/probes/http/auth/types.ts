// What an HTTP auth type does to a request. Static types only add a header or parameter; token-based ones first
// fetch (or reuse) an access token, and report that fetch as its own step so the trace shows where a run failed;
// signing ones (SigV4, Azure Shared Key) sign the final request with the run's clock and may read the provider's
// refusal of the signature as an `auth` failure.
import type { Failure } from "../../shared/failure";
import type { ProbeContext } from "../../types";

/** The request as it will be sent: a handler sees, and may sign, its final method, URL, headers and body. */
export interface AuthRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Only what is sent: GET and HEAD carry none. */
  body?: string;
}

/** The answer to a request whose status the check did not expect, for a handler's `refusal`. */
export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
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
      /** Reads an unexpected status as the provider refusing the credentials (an `auth` failure with its error code); null when it is not one. */
      refusal?: (response: ReceivedResponse) => Failure | null;
    }
  | { ok: false; failure: Failure; steps: AuthStep[]; status?: number; bodyExcerpt?: string };

/** `ctx.now` is the signing clock, so tests fix it. A handler that throws fails the run as `config` (see ./authorize.ts). */
export type AuthHandler<A> = (auth: A, request: AuthRequest, ctx: ProbeContext) => Promise<AuthResult>;
