// Test-only helpers for the channels' tests: a real local HTTP receiver that records every request and answers
// as scripted, a sample notification, a send context and a port nothing listens on. Production code never imports this.
import { createServer, type IncomingHttpHeaders } from "node:http";
import net, { type AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import type { AlertNotification, SendContext } from "../../notification";

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A fixed answer, or one made from the request (an echo). */
export type Answer = Reply | ((req: Received) => Reply);

export interface Receiver {
  url: string;
  requests: Received[];
  /** Answers the next requests in order; the last one keeps answering. */
  reply(...replies: Answer[]): void;
}

/** A local HTTP server that records requests; closed when the test finishes. */
export async function startReceiver(first: Answer = { status: 200, body: "ok" }): Promise<Receiver> {
  const requests: Received[] = [];
  let replies: Answer[] = [first];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(received);
      const answer = replies.length > 1 ? replies.shift()! : replies[0]!;
      const reply = typeof answer === "function" ? answer(received) : answer;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, reply: (...next) => (replies = next) };
}

/** A loopback port that was free a moment ago: connecting to it is refused. */
export async function refusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const NOW = Date.parse("2026-11-24T03:00:00.000Z");

export function sendContext(overrides: Partial<SendContext> = {}): SendContext {
  return { now: () => NOW, signal: new AbortController().signal, messageId: "msg_42", ...overrides };
}

export function sampleNotification(overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    event: "firing",
    incidentId: "inc-1",
    dedupKey: "tether:rule-1:int-1",
    rule: { id: "rule-1", name: "High error rate", severity: "critical" },
    integration: { id: "int-1", name: "Stripe API" },
    summary: "Stripe API: error rate 42% over 5 min (threshold 10%)",
    value: 42,
    threshold: 10,
    startedAt: "2026-11-24T02:55:00.000Z",
    resolvedAt: null,
    url: "https://tether.example.com/incidents/inc-1",
    ...overrides,
  };
}

/** Asserts none of `secrets` appears in any recorded text of an outcome. */
export function leaks(
  outcome: { target: string; requestExcerpt: string; responseExcerpt: string | null; error: string | null },
  secrets: readonly string[],
): string[] {
  const texts = [outcome.target, outcome.requestExcerpt, outcome.responseExcerpt ?? "", outcome.error ?? ""];
  return secrets.filter((s) => texts.some((t) => t.includes(s)));
}
