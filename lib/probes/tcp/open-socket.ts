// Opens a socket to the first reachable address of a checked list (from resolveSafeAddresses). Only IP literals
// are ever dialled, so the SSRF check that produced the list is the one that holds; the per-attempt signal
// destroys a socket that is still connecting.
import type { Socket } from "node:net";

// Worth trying the next address after these; anything else (TLS, a reset mid-handshake) ends the attempt.
const TRY_NEXT = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT", "ETIMEDOUT"]);

/** The error an aborted connect rejects with; classifyNetworkError maps its name to `timeout`. */
export function abortError(): Error {
  return Object.assign(new Error("aborted"), { name: "AbortError" });
}

/**
 * Calls `open(ip)` for each address in turn until one emits `readyEvent` ("connect" for TCP, "secureConnect"
 * for TLS). Resolves with that socket, which the caller owns and must destroy; every other socket is destroyed.
 */
export async function openFirst<S extends Socket>(
  addresses: string[],
  open: (ip: string) => S,
  readyEvent: "connect" | "secureConnect",
  signal: AbortSignal,
): Promise<S> {
  let lastError: unknown = new Error("No address to connect to");
  for (const ip of addresses) {
    if (signal.aborted) throw abortError();
    const socket = open(ip);
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          cleanup();
          reject(abortError());
        };
        const cleanup = () => {
          signal.removeEventListener("abort", onAbort);
          socket.off(readyEvent, onReady);
          socket.off("error", onError);
        };
        const onReady = () => {
          cleanup();
          resolve();
        };
        const onError = (err: Error) => {
          cleanup();
          reject(err);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        socket.once(readyEvent, onReady);
        socket.once("error", onError);
      });
      // Later errors reach whoever reads or writes next; without a listener a late reset would crash the process.
      socket.on("error", () => undefined);
      return socket;
    } catch (err) {
      socket.destroy();
      lastError = err;
      const code = (err as NodeJS.ErrnoException).code;
      if (!code || !TRY_NEXT.has(code)) throw err;
    }
  }
  throw lastError;
}
