// Opens a socket to the first reachable address of a checked list (from resolveSafeAddresses). Only IP literals
// are ever dialled, so the SSRF check that produced the list is the one that holds; the per-attempt signal
// destroys a socket that is still connecting.
import type { Socket } from "node:net";
import { connectEach, isUnreachable } from "../shared/connect-each";

/** The error an aborted connect rejects with; classifyNetworkError maps its name to `timeout`. */
export function abortError(): Error {
  return Object.assign(new Error("aborted"), { name: "AbortError" });
}

// A plain socket connect may also time out in the kernel; another address of the name may still answer.
// Anything else (TLS, a reset mid-handshake) ends the attempt.
const tryNext = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  return isUnreachable(code) || code === "ETIMEDOUT";
};

/** Resolves once `socket` emits `readyEvent`; destroys it on an error or an abort first. */
async function ready<S extends Socket>(socket: S, readyEvent: "connect" | "secureConnect", signal: AbortSignal): Promise<S> {
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
  } catch (err) {
    socket.destroy();
    throw err;
  }
  // Later errors reach whoever reads or writes next; without a listener a late reset would crash the process.
  socket.on("error", () => undefined);
  return socket;
}

/**
 * Calls `open(ip)` for each address in turn until one emits `readyEvent` ("connect" for TCP, "secureConnect"
 * for TLS). Resolves with that socket, which the caller owns and must destroy; every other socket is destroyed.
 */
export function openFirst<S extends Socket>(
  addresses: string[],
  open: (ip: string) => S,
  readyEvent: "connect" | "secureConnect",
  signal: AbortSignal,
): Promise<S> {
  return connectEach(addresses, signal, (ip) => ready(open(ip), readyEvent, signal), tryNext);
}
