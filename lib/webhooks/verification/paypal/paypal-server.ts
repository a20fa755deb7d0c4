// A local server speaking PayPal's two endpoints the verifier uses, for tests: `POST /v1/oauth2/token`
// (client-credentials, Basic auth, `invalid_client` on wrong credentials) and
// `POST /v1/notifications/verify-webhook-signature` (Bearer token; SUCCESS when the transmission signature is
// PayPal's published one: SHA256withRSA over `${transmission_id}|${transmission_time}|${webhook_id}|${crc32}`,
// the CRC32 of the event as posted). It holds the "PayPal" key pair and signs deliveries as PayPal would.
import { generateKeyPairSync, sign, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";

export interface PaypalServer {
  url: string;
  tokenRequests: number;
  verifyRequests: number;
  /** The next answers of both endpoints, for outage tests; null answers normally. */
  failWith: number | null;
  /** Signs `body` as PayPal would, returning the five PAYPAL-* headers. */
  sign(body: string, opts?: { webhookId?: string; time?: string; id?: string }): Record<string, string>;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export async function startPaypalServer(credentials: { clientId: string; secret: string; webhookId: string }): Promise<PaypalServer> {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const tokens = new Set<string>();
  const message = (id: string, time: string, webhookId: string, event: string) => `${id}|${time}|${webhookId}|${crc32(Buffer.from(event))}`;
  const state: PaypalServer = {
    url: "",
    tokenRequests: 0,
    verifyRequests: 0,
    failWith: null,
    sign(body, opts = {}) {
      const id = opts.id ?? "b2384410-f8d2-11e8-8c9b-a7a1b4c7d5e1";
      const time = opts.time ?? new Date().toISOString().replace(/\.\d+Z$/, "Z");
      return {
        "paypal-auth-algo": "SHA256withRSA",
        "paypal-cert-url": "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
        "paypal-transmission-id": id,
        "paypal-transmission-time": time,
        "paypal-transmission-sig": sign("sha256", Buffer.from(message(id, time, opts.webhookId ?? credentials.webhookId, body)), keys.privateKey).toString(
          "base64",
        ),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const json = (status: number, payload: unknown) =>
      res.writeHead(status, { "content-type": "application/json", "paypal-debug-id": "f0a1b2c3d4e5f" }).end(JSON.stringify(payload));
    if (state.failWith !== null) return json(state.failWith, { name: "INTERNAL_SERVICE_ERROR", message: "An internal service error has occurred." });
    if (req.method === "POST" && req.url === "/v1/oauth2/token") {
      state.tokenRequests += 1;
      const expected = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.secret}`).toString("base64")}`;
      if (req.headers.authorization !== expected || body !== "grant_type=client_credentials") {
        return json(401, { error: "invalid_client", error_description: "Client Authentication failed" });
      }
      const token = `A21AA${state.tokenRequests}${"x".repeat(20)}`;
      tokens.add(token);
      return json(200, {
        scope: "https://uri.paypal.com/services/applications/webhooks",
        access_token: token,
        token_type: "Bearer",
        app_id: "APP-80W284485P519543T",
        expires_in: 32400,
        nonce: "2026-12-01T23:00:00Zabc",
      });
    }
    if (req.method === "POST" && req.url === "/v1/notifications/verify-webhook-signature") {
      state.verifyRequests += 1;
      if (!tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) {
        return json(401, {
          name: "AUTHENTICATION_FAILURE",
          message: "Authentication failed due to invalid authentication credentials or a missing Authorization header.",
        });
      }
      let posted: Record<string, unknown>;
      try {
        posted = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return json(400, { name: "MALFORMED_REQUEST", message: "The request JSON is not well formed." });
      }
      const fields = ["auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id"];
      if (fields.some((f) => typeof posted[f] !== "string") || typeof posted.webhook_event !== "object") {
        return json(400, { name: "VALIDATION_ERROR", message: "Invalid request - see details" });
      }
      // PayPal takes the CRC32 of the event as it arrives; the compact JSON here is what a sender posts.
      const event = JSON.stringify(posted.webhook_event);
      const signed = message(posted.transmission_id as string, posted.transmission_time as string, posted.webhook_id as string, event);
      const ok =
        posted.auth_algo === "SHA256withRSA" &&
        posted.webhook_id === credentials.webhookId &&
        verify("sha256", Buffer.from(signed), keys.publicKey, Buffer.from(posted.transmission_sig as string, "base64"));
      return json(200, { verification_status: ok ? "SUCCESS" : "FAILURE" });
    }
    json(404, { name: "RESOURCE_NOT_FOUND" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
