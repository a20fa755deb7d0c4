// Connects to the addresses a host name resolved to (checked by resolveSafeAddresses), in order, until one
// answers. Only an error that says nothing is there moves on to the next address; anything else is the server's
// answer and ends the attempt.

// Errors where trying the next address of the same name is worth it.
const UNREACHABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);

export function isUnreachable(code: unknown): boolean {
  return typeof code === "string" && UNREACHABLE.has(code);
}

const codeOf = (err: unknown) => (err as { code?: unknown } | null | undefined)?.code;

/**
 * Resolves with what `connect(ip)` resolves with for the first address that connects; rethrows the last
 * address's error, or the first that `tryNext` does not accept. The signal is checked before each address:
 * once aborted, the caller's cleanup may already have run, so nothing new may be opened.
 */
export async function connectEach<T>(
  addresses: string[],
  signal: AbortSignal,
  connect: (ip: string) => Promise<T>,
  tryNext: (err: unknown) => boolean = (err) => isUnreachable(codeOf(err)),
): Promise<T> {
  for (const [i, ip] of addresses.entries()) {
    signal.throwIfAborted();
    try {
      return await connect(ip);
    } catch (err) {
      if (i === addresses.length - 1 || !tryNext(err)) throw err;
    }
  }
  throw new Error("No address to connect to");
}
