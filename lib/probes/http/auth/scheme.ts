// What an HTTP auth type does to a request (Node only): apply its credentials, and, where the provider says why it
// refused them, read that refusal as an `auth` failure. One implementation per type, registered in ./schemes.ts.
import type { Failure } from "../../shared/failure";

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Only what is sent: GET and HEAD carry none. */
  body?: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AuthContext {
  /** Signing time: request signatures carry it, so tests fix it. */
  now: () => number;
}

export interface HttpAuthScheme<Auth> {
  apply(request: OutgoingRequest, auth: Auth, ctx: AuthContext): OutgoingRequest | Promise<OutgoingRequest>;
  /** Called only for a status the check did not expect; null when the response is not a refusal of the credentials. */
  refusal?(response: ReceivedResponse): Failure | null;
}
