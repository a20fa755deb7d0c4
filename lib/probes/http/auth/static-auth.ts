// The auth types that only add a header or a query parameter: bearer, basic and API key.
import type { HttpAuth } from "../config";
import type { AuthHandler, AuthRequest } from "./types";

type StaticAuth = Extract<HttpAuth, { type: "bearer" | "basic" | "api_key" }>;

/** The request with the credentials applied. */
export function applyStaticAuth(request: AuthRequest, auth: StaticAuth): AuthRequest {
  const { headers } = request;
  if (auth.type === "bearer") return { ...request, headers: { ...headers, authorization: `Bearer ${auth.token}` } };
  if (auth.type === "basic")
    return { ...request, headers: { ...headers, authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` } };
  if (auth.in === "header") return { ...request, headers: { ...headers, [auth.name]: auth.value } };
  const u = new URL(request.url);
  u.searchParams.set(auth.name, auth.value);
  return { ...request, url: u.toString() };
}

export const staticAuth: AuthHandler<StaticAuth> = async (auth, request) => ({ ok: true, request: applyStaticAuth(request, auth), steps: [] });
