// The real @sentry/node SDK against a local server posing as Sentry's ingest endpoint: what leaves the process
// is the envelope the server receives, so the assertions are about bytes on the wire, not SDK internals.
import * as Sentry from "@sentry/node";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureProbeError, flushSentry, initSentryForWorker } from "./sentry";

interface Received {
  path: string;
  body: string;
}

const SECRETS = {
  authorization: "Bearer sk_live_AUTH_SECRET_1",
  cookie: "tether_session=COOKIE_SECRET_2",
  query: "QUERY_SECRET_3",
  body: "BODY_SECRET_4",
  breadcrumbQuery: "CRUMB_SECRET_5",
};

let server: Server;
let port: number;
const received: Received[] = [];
let onEvent: (r: Received) => void = () => undefined;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
}

/** Envelope: a header line, then (item header, item payload) line pairs. */
function envelopeItems(body: string): Array<{ type: string; payload: string }> {
  const lines = body.split("\n");
  const items: Array<{ type: string; payload: string }> = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    items.push({ type: (JSON.parse(lines[i]!) as { type: string }).type, payload: lines[i + 1]! });
  }
  return items;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const r = { path: req.url ?? "", body };
      received.push(r);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      if (envelopeItems(body).some((item) => item.type === "event")) onEvent(r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Sentry.close(2_000);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Runs first, before any client exists in this process.
describe("without SENTRY_DSN", () => {
  it("initialises nothing and sends nothing", async () => {
    const listeners = process.listenerCount("unhandledRejection") + process.listenerCount("uncaughtException");

    expect(await initSentryForWorker({})).toBe(false);
    expect(await initSentryForWorker({ SENTRY_DSN: "  " })).toBe(false);
    captureProbeError(new Error("boom"), { integrationId: "abc", integrationName: "Stripe API", kind: "http" });
    await flushSentry();
    await Sentry.flush(1_000);

    expect(Sentry.isInitialized()).toBe(false);
    expect(Sentry.getClient()).toBeUndefined();
    expect(process.listenerCount("unhandledRejection") + process.listenerCount("uncaughtException")).toBe(listeners);
    expect(received).toEqual([]);
  });
});

describe("with SENTRY_DSN", () => {
  it("sends the error tagged with its integration, and none of the request's secrets", async () => {
    const eventReceived = new Promise<Received>((resolve) => (onEvent = resolve));
    expect(await initSentryForWorker({ SENTRY_DSN: `http://publickey@127.0.0.1:${port}/1`, SENTRY_ENVIRONMENT: "test" })).toBe(true);

    Sentry.withIsolationScope((scope) => {
      // What a server integration attaches for an incoming request; a probe's own URL may carry a token too.
      scope.setSDKProcessingMetadata({
        normalizedRequest: {
          method: "POST",
          url: `http://tether.test/api/integrations/abc/probe?token=${SECRETS.query}`,
          query_string: `token=${SECRETS.query}`,
          headers: { authorization: SECRETS.authorization, cookie: SECRETS.cookie, "x-api-key": SECRETS.authorization },
          cookies: { tether_session: SECRETS.cookie },
          data: `{"password":"${SECRETS.body}"}`,
        },
      });
      Sentry.addBreadcrumb({
        category: "http",
        type: "http",
        data: { method: "GET", url: `https://api.example.com/v1?api_key=${SECRETS.breadcrumbQuery}`, "http.query": `api_key=${SECRETS.breadcrumbQuery}` },
      });
      captureProbeError(new Error("boom"), { integrationId: "abc", integrationName: "Stripe API", kind: "http" });
    });
    expect(await flushSentry(5_000)).toBe(true);
    const envelope = await eventReceived;

    expect(new URL(envelope.path, "http://x").pathname).toBe("/api/1/envelope/");
    const eventItem = envelopeItems(envelope.body).find((item) => item.type === "event");
    const event = JSON.parse(eventItem!.payload) as {
      exception: { values: Array<{ value: string }> };
      tags: Record<string, string>;
      contexts: Record<string, Record<string, unknown>>;
      request?: Record<string, unknown>;
      environment: string;
    };
    expect(event.exception.values[0]?.value).toBe("boom");
    expect(event.tags).toMatchObject({ integration: "abc", "integration.kind": "http" });
    expect(event.contexts.integration).toEqual({ id: "abc", name: "Stripe API", kind: "http" });
    expect(event.environment).toBe("test");
    // The request did reach the event (so the secrets were really there to leak) and was cut to method + path.
    expect(event.request).toEqual({ method: "POST", url: "http://tether.test/api/integrations/abc/probe" });
    for (const secret of Object.values(SECRETS)) expect(envelope.body).not.toContain(secret);
  });
});
