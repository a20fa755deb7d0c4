// The token-based presets against local servers that speak the providers' token endpoints: PayPal's
// client-credentials grant (basic auth, grant_type=client_credentials) and Google's JWT-bearer grant, which
// verifies the RS256 assertion with the test key's public half as Google does. The clock is injected.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialCircuit } from "../../../domain/circuit";
import { fillSecrets } from "../../../secrets/placeholders";
import { SecretValue } from "../../../secrets/secret-value";
import { runProbe } from "../../runner";
import { httpConfigSchema } from "../config";
import { httpProbe } from "../http-probe";
import { presetConfig, type ProviderId } from "../presets";

const T0 = Date.parse("2026-11-24T12:00:00Z");
const PAYPAL = { id: "AYclient-id", secret: "EGsecret-value" };
const SA_EMAIL = "monitor@tether-test.iam.gserviceaccount.com";
const SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

let server: Server;
let base: string;
let googlePublic: KeyObject;
const issued = new Set<string>();
const tokenRequests: { provider: string; form: URLSearchParams; authorization?: string }[] = [];
let lastJwt: { header: Record<string, unknown>; payload: Record<string, unknown> } | null = null;

function send(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

function issue(prefix: string): string {
  const token = `${prefix}${issued.size + 1}`;
  issued.add(token);
  return token;
}

beforeAll(async () => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  googlePublic = pair.publicKey;
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url!, "http://x");
    const bearer = req.headers.authorization?.replace(/^Bearer /, "");
    if (req.method === "POST" && url.pathname === "/paypal/v1/oauth2/token") {
      const form = new URLSearchParams(body);
      tokenRequests.push({ provider: "paypal", form, authorization: req.headers.authorization });
      const expected = `Basic ${Buffer.from(`${PAYPAL.id}:${PAYPAL.secret}`).toString("base64")}`;
      if (req.headers.authorization !== expected) return send(res, 401, { error: "invalid_client", error_description: "Client Authentication failed" });
      if (form.get("grant_type") !== "client_credentials") return send(res, 400, { error: "unsupported_grant_type", error_description: "Grant Type is NULL" });
      return send(res, 200, {
        scope: "https://uri.paypal.com/services/applications/webhooks",
        access_token: issue("A21AA-"),
        token_type: "Bearer",
        app_id: "APP-80W284485P519543T",
        expires_in: 32400,
        nonce: "2026-11-24T12:00:00Zabc",
      });
    }
    if (req.method === "GET" && url.pathname === "/paypal/v1/notifications/webhooks-refusing") {
      return send(res, 401, { error: "invalid_token", error_description: "Token signature verification failed" });
    }
    if (req.method === "GET" && url.pathname === "/paypal/v1/notifications/webhooks") {
      if (!bearer || !issued.has(bearer)) return send(res, 401, { error: "invalid_token", error_description: "Token signature verification failed" });
      return send(res, 200, { webhooks: [{ id: "WH-1", url: "https://tether.example/hooks/paypal", event_types: [] }] });
    }
    if (req.method === "POST" && url.pathname === "/gcs/token") {
      const form = new URLSearchParams(body);
      tokenRequests.push({ provider: "gcs", form });
      if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
        return send(res, 400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
      try {
        const { payload, protectedHeader } = await jwtVerify(form.get("assertion") ?? "", googlePublic, {
          algorithms: ["RS256"],
          issuer: SA_EMAIL,
          audience: `${base}/gcs/token`,
          currentDate: new Date(T0),
        });
        lastJwt = { header: protectedHeader as Record<string, unknown>, payload: payload as Record<string, unknown> };
      } catch {
        return send(res, 400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
      }
      return send(res, 200, { access_token: issue("ya29.c."), expires_in: 3599, token_type: "Bearer" });
    }
    const bucket = /^\/gcs\/storage\/v1\/b\/([^/]+)$/.exec(url.pathname)?.[1];
    if (req.method === "GET" && bucket) {
      if (!bearer || !issued.has(bearer)) {
        return send(res, 401, {
          error: {
            code: 401,
            message: "Invalid Credentials",
            errors: [{ message: "Invalid Credentials", domain: "global", reason: "authError", locationType: "header", location: "Authorization" }],
          },
        });
      }
      if (bucket !== "tether-health") {
        return send(res, 404, {
          error: {
            code: 404,
            message: "The specified bucket does not exist.",
            errors: [{ message: "The specified bucket does not exist.", domain: "global", reason: "notFound" }],
          },
        });
      }
      return send(res, 200, { kind: "storage#bucket", name: bucket, location: "EU", storageClass: "STANDARD", updated: "2026-11-01T09:00:00.000Z" });
    }
    send(res, 404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  googleKeyJson = serviceAccountKey(pair.privateKey);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

let googleKeyJson = "";
function serviceAccountKey(privateKey: KeyObject): string {
  return JSON.stringify({
    type: "service_account",
    project_id: "tether-test",
    private_key_id: "k1",
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
    client_email: SA_EMAIL,
    client_id: "1234567890",
    token_uri: `${base}/gcs/token`,
  });
}

async function probe(
  id: ProviderId,
  { secrets, at = T0, url, retries = 0 }: { secrets: Record<string, string>; at?: number; url?: (u: string) => string; retries?: number },
) {
  const preset = presetConfig(id);
  const local = (u: string) => u.replace(/^https:\/\/[^/]+/, `${base}/${id}`);
  const auth =
    preset.config.auth?.type === "oauth2_client_credentials" ? { ...preset.config.auth, tokenUrl: local(preset.config.auth.tokenUrl) } : preset.config.auth;
  const config = httpConfigSchema.parse({ ...preset.config, auth, url: (url ?? ((u) => u))(local(preset.config.url)) });
  return runProbe({
    probe: httpProbe,
    config: fillSecrets(config, new Map(Object.entries(secrets).map(([k, v]) => [k, new SecretValue(v)]))),
    timeoutMs: 5_000,
    retries,
    circuit: initialCircuit,
    circuitPolicy: { failureThreshold: 3, cooldownMs: 60_000 },
    outbound: { allowPrivateNetworks: true },
    now: () => at,
    backoff: { initialDelayMs: 1, maxDelayMs: 1 },
  });
}

const paypalSecrets = { PAYPAL_CLIENT_ID: PAYPAL.id, PAYPAL_CLIENT_SECRET: PAYPAL.secret };
const paypalTokenCount = () => tokenRequests.filter((r) => r.provider === "paypal").length;

describe("PayPal preset: OAuth2 client credentials", () => {
  it("gets a token with basic auth and grant_type=client_credentials, then lists webhooks with it", async () => {
    const run = await probe("paypal", { secrets: paypalSecrets });
    expect(run).toMatchObject({ ok: true, httpStatus: 200 });
    expect(tokenRequests.at(-1)?.form.get("grant_type")).toBe("client_credentials");
    expect(run.details?.credential).toEqual({
      source: "oauth2_access_token",
      expiresAt: "2026-11-24T21:00:00.000Z",
      daysLeft: 0,
      expiresInSeconds: 32400,
      cached: false,
    });
    expect(run.details?.steps).toEqual([
      { step: "token", ok: true, status: 200, cached: false, durationMs: expect.any(Number), endpoint: `${base}/paypal/v1/oauth2/token` },
    ]);
    expect(JSON.stringify(run)).not.toMatch(/A21AA-/);
  });

  it("reuses the cached token until a minute before expires_in, then asks again", async () => {
    const before = paypalTokenCount();
    const later = await probe("paypal", { secrets: paypalSecrets, at: T0 + 8 * 3_600_000 });
    expect(later).toMatchObject({ ok: true, details: { credential: { cached: true }, steps: [{ step: "token", cached: true }] } });
    expect(paypalTokenCount()).toBe(before);
    const nearExpiry = await probe("paypal", { secrets: paypalSecrets, at: T0 + (32_400 - 60) * 1000 });
    expect(nearExpiry).toMatchObject({ ok: true, details: { credential: { cached: false, expiresAt: "2026-11-25T05:59:00.000Z" } } });
    expect(paypalTokenCount()).toBe(before + 1);
  });

  it("a refused token step fails as auth_token, with PayPal's error, without retrying and without calling the API", async () => {
    const run = await probe("paypal", { secrets: { ...paypalSecrets, PAYPAL_CLIENT_SECRET: "wrong-secret" }, retries: 2 });
    expect(run).toMatchObject({
      ok: false,
      errorClass: "auth_token",
      httpStatus: 401,
      attempts: 1,
      errorMessage: "Token request refused: HTTP 401, invalid_client (Client Authentication failed)",
    });
    expect(run.trace.attempts[0]).toMatchObject({
      errorClass: "auth_token",
      bodyExcerpt: expect.stringContaining("invalid_client"),
      details: { steps: [{ step: "token", ok: false, status: 401, cached: false }] },
    });
  });

  it("a cached token the API no longer accepts is dropped and replaced once in the same run", async () => {
    const at = T0 + 9 * 3_600_000 - 120_000;
    issued.clear(); // PayPal revoked every token
    const before = paypalTokenCount();
    const run = await probe("paypal", { secrets: paypalSecrets, at });
    expect(run).toMatchObject({ ok: true, httpStatus: 200, details: { credential: { cached: false } } });
    expect(run.details?.steps).toMatchObject([
      { step: "token", cached: true, ok: false, message: "The API refused the cached token (401)" },
      { step: "token", cached: false, ok: true, status: 200 },
    ]);
    expect(paypalTokenCount()).toBe(before + 1);
  });

  it("a fresh token the API refuses fails the read as http_status, and is not kept", async () => {
    const at = T0 + 9 * 3_600_000;
    const refusing = (u: string) => u.replace("/webhooks", "/webhooks-refusing");
    issued.clear();
    const run = await probe("paypal", { secrets: paypalSecrets, at, url: refusing });
    // The cached token is refused, a fresh one too: the read itself is refused, not the token step.
    expect(run).toMatchObject({ ok: false, errorClass: "http_status", httpStatus: 401, details: { credential: { cached: false } } });
    expect(run.details?.steps).toMatchObject([
      { cached: true, ok: false },
      { cached: false, ok: true },
    ]);
    const before = paypalTokenCount();
    await probe("paypal", { secrets: paypalSecrets, at });
    expect(paypalTokenCount()).toBe(before + 1);
  });
});

describe("Google Cloud Storage preset: service-account JWT, OAuth token, bucket metadata", () => {
  const bucket = (name: string) => (u: string) => u.replace("/b/my-bucket", `/b/${name}`);

  it("signs an RS256 JWT Google's endpoint verifies, and reads the bucket's metadata with the token", async () => {
    const run = await probe("gcs", { secrets: { GCP_SERVICE_ACCOUNT_KEY: googleKeyJson }, url: bucket("tether-health") });
    expect(run).toMatchObject({ ok: true, httpStatus: 200, details: { credential: { source: "oauth2_access_token", expiresInSeconds: 3599, cached: false } } });
    expect(lastJwt).toMatchObject({
      header: { alg: "RS256", typ: "JWT", kid: "k1" },
      payload: { iss: SA_EMAIL, scope: SCOPE, aud: `${base}/gcs/token`, iat: T0 / 1000, exp: T0 / 1000 + 3600 },
    });
  });

  it("an unknown bucket is Google's 404, as http_status, with the cached token", async () => {
    const run = await probe("gcs", { secrets: { GCP_SERVICE_ACCOUNT_KEY: googleKeyJson }, url: bucket("no-such-bucket") });
    expect(run).toMatchObject({ ok: false, errorClass: "http_status", httpStatus: 404, details: { credential: { cached: true } } });
    expect(run.trace.attempts[0]?.bodyExcerpt).toContain("The specified bucket does not exist.");
  });

  it("a key Google does not know (signature fails) is auth_token with invalid_grant", async () => {
    const other = serviceAccountKey(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey);
    const run = await probe("gcs", { secrets: { GCP_SERVICE_ACCOUNT_KEY: other }, url: bucket("tether-health") });
    expect(run).toMatchObject({
      ok: false,
      errorClass: "auth_token",
      httpStatus: 400,
      errorMessage: "Token request refused: HTTP 400, invalid_grant (Invalid JWT Signature.)",
    });
  });

  it("a secret that is not a service-account key is a config failure, before any request", async () => {
    const before = tokenRequests.length;
    const notJson = await probe("gcs", { secrets: { GCP_SERVICE_ACCOUNT_KEY: "AIzaSy-an-api-key" } });
    expect(notJson).toMatchObject({
      ok: false,
      errorClass: "config",
      errorMessage: "The service-account key is not JSON: paste the whole key file into the secret",
    });
    const userKey = await probe("gcs", { secrets: { GCP_SERVICE_ACCOUNT_KEY: JSON.stringify({ type: "authorized_user", client_id: "x" }) } });
    expect(userKey).toMatchObject({ ok: false, errorClass: "config", errorMessage: expect.stringContaining("Not a service-account key") });
    const badPem = await probe("gcs", {
      secrets: {
        GCP_SERVICE_ACCOUNT_KEY: JSON.stringify({
          type: "service_account",
          client_email: SA_EMAIL,
          private_key: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n",
        }),
      },
    });
    expect(badPem).toMatchObject({ ok: false, errorClass: "config", errorMessage: expect.stringContaining("Could not build the token request") });
    expect(tokenRequests.length).toBe(before);
  });
});
