// TCP probe: connects to a checked address, optionally writes a line, and matches what the peer sends first
// against a pattern (a banner). The pattern is tested each time bytes arrive; the check is decided on a match,
// when the peer closes, after 4 KiB, or when the attempt's time runs out. The socket is always destroyed.
import net from "node:net";
import { resolveSafeAddresses } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { networkFailure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { TcpConfig } from "./config";
import { abortError, openFirst } from "./open-socket";

const MAX_BYTES = 4_096;
const EXCERPT_CHARS = 200;

/** Turns the escapes a form can carry (\r, \n, \t, \\) into the bytes they name; other text is sent as is. */
export function decodeEscapes(text: string): string {
  return text.replace(/\\([rnt\\])/g, (_m, c: string) => ({ r: "\r", n: "\n", t: "\t", "\\": "\\" })[c]!);
}

/** First characters of what the peer sent, with control bytes shown as escapes so the excerpt stays readable. */
export function excerpt(data: Buffer): string {
  return data
    .toString("utf8")
    .slice(0, EXCERPT_CHARS)
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n")
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

type Exchange = { end: "match" | "closed" | "limit" | "aborted"; data: Buffer };

/** Writes `payload`, then collects bytes until `done(data)` holds, the peer closes, the limit or the abort. */
function exchange(socket: net.Socket, payload: string | undefined, done: (data: Buffer) => boolean, signal: AbortSignal): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const finish = (end: Exchange["end"]) => {
      cleanup();
      resolve({ end, data });
    };
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]).subarray(0, MAX_BYTES);
      if (done(data)) finish("match");
      else if (data.length >= MAX_BYTES) finish("limit");
    };
    const onEnd = () => finish("closed");
    // A reset after the peer already spoke still leaves something to judge; before that it is a connect failure.
    const onError = (err: Error) => {
      if (data.length > 0) return finish("closed");
      cleanup();
      reject(err);
    };
    const onAbort = () => finish("aborted");
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.off("error", onError);
      signal.removeEventListener("abort", onAbort);
    };
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.once("close", onEnd);
    socket.on("error", onError);
    signal.addEventListener("abort", onAbort, { once: true });
    if (payload) socket.write(payload);
  });
}

/** Writes `payload` and waits until it is handed to the kernel: without a pattern there is nothing to wait for. */
function sendOnly(socket: net.Socket, payload: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    socket.write(payload, (err) => {
      signal.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve();
    });
  });
}

export const tcpProbe: Probe<TcpConfig> = {
  async run(config: TcpConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    let socket: net.Socket | undefined;
    try {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      socket = await openFirst(addresses, (ip) => net.connect({ host: ip, port: config.port }), "connect", ctx.signal);
      const remoteAddress = socket.remoteAddress;
      const payload = config.send ? decodeEscapes(config.send) : undefined;

      if (config.expect === undefined) {
        if (payload) await sendOnly(socket, payload, ctx.signal);
        return { ok: true, latencyMs: attempt.elapsed(), details: { remoteAddress } };
      }

      const pattern = new RegExp(config.expect);
      const got = await exchange(socket, payload, (data) => pattern.test(data.toString("utf8")), ctx.signal);
      const latencyMs = attempt.elapsed();
      const details = { remoteAddress, bannerExcerpt: got.data.length > 0 ? excerpt(got.data) : undefined };
      if (got.end === "match") return { ok: true, latencyMs, details };
      if (got.data.length === 0) {
        if (got.end === "aborted") return attempt.timedOut();
        return {
          ok: false,
          errorClass: "assertion",
          message: `The server closed the connection without sending anything; expected /${config.expect}/`,
          latencyMs,
          retryable: false,
          details,
        };
      }
      return {
        ok: false,
        errorClass: "assertion",
        message: `The server sent "${excerpt(got.data).slice(0, 80)}", which does not match /${config.expect}/`,
        latencyMs,
        retryable: false,
        details,
      };
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut();
      return attempt.failed(networkFailure(err, ctx.timeoutMs));
    } finally {
      socket?.destroy();
    }
  },
};
