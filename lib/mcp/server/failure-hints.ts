// What each probe failure class means and where to look first, for explain_failure. A record over every class, so
// a class added to the probe engine without a hint is a type error.
import type { ProbeErrorClass } from "../../domain/probe-run";

export const FAILURE_HINTS = {
  timeout: { meaning: "The target did not answer within the probe's timeout.", nextStep: "Check the target's latency and load, or raise the timeout." },
  dns: { meaning: "The target's host name did not resolve.", nextStep: "Check the host name and the DNS records." },
  connect: { meaning: "No connection could be opened to the target.", nextStep: "Check that the service is up and the port is reachable." },
  tls: { meaning: "The TLS handshake or certificate check failed.", nextStep: "Check the certificate's expiry, chain and host name." },
  http_status: { meaning: "The target answered with an unexpected HTTP status.", nextStep: "Read the status and body excerpt in the trace." },
  assertion: { meaning: "The target answered, but an assertion on the answer failed.", nextStep: "Compare the trace's body excerpt with the assertions." },
  latency_budget: { meaning: "The target answered, but slower than the latency budget.", nextStep: "Compare the attempt durations with the budget." },
  circuit_open: { meaning: "The circuit breaker is open, so the probe did not call the target.", nextStep: "Look at the failures that opened it." },
  rate_limited: { meaning: "The target refused the probe for rate limiting.", nextStep: "Lower the probe frequency or check the account's quota." },
  protocol: { meaning: "The target answered in a way its protocol does not allow.", nextStep: "Read the attempt's message in the trace." },
  graphql: {
    meaning: "The GraphQL server answered with errors[] (often beside partial data).",
    nextStep: "Read the quoted errors and their paths in the trace; check the query against the schema.",
  },
  auth: { meaning: "The target refused the probe's credentials.", nextStep: "Check the integration's secrets and the account's access." },
  auth_token: { meaning: "The probe could not obtain an access token.", nextStep: "Check the token endpoint and the client credentials." },
  blocked: { meaning: "Tether's outbound policy blocked the destination.", nextStep: "Allow the address range if it is meant to be probed." },
  config: { meaning: "The integration's configuration is incomplete or invalid.", nextStep: "Edit the integration (a secret may be missing)." },
  unknown: { meaning: "The probe failed in a way it could not classify.", nextStep: "Read the attempts' messages in the trace." },
} as const satisfies Record<ProbeErrorClass, { meaning: string; nextStep: string }>;

export function failureHint(errorClass: string): { errorClass: string; meaning: string; nextStep: string } {
  const hint = (FAILURE_HINTS as Record<string, { meaning: string; nextStep: string }>)[errorClass] ?? FAILURE_HINTS.unknown;
  return { errorClass, ...hint };
}
