// mongodb+srv:// seedlists, as the Initial DNS Seedlist Discovery spec describes them: the hosts come from the SRV
// records of `_mongodb._tcp.<host>`, each of which must sit under the parent domain of the name typed (so a DNS
// answer cannot point the probe at an unrelated host), and at most one TXT record may add `authSource` and
// `replicaSet`. The probe resolves the seedlist itself, on the configured resolver or the system's, then checks and
// connects to each host's addresses as it does for mongodb:// (the driver never resolves anything on its own).
import { Resolver } from "node:dns/promises";
import type { LookupFunction } from "../../security/outbound";
import type { MongoHost } from "./config";

/** The DNS questions a seedlist needs; a `node:dns/promises` Resolver answers them. */
export interface SeedlistResolver {
  resolveSrv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

/** Options a TXT record may carry, per the spec; anything else in it is refused rather than ignored. */
const TXT_OPTIONS = new Map([
  ["authsource", "authSource"],
  ["replicaset", "replicaSet"],
]);
const MAX_HOSTS = 50;

export class SeedlistError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "SeedlistError";
  }
}

const bare = (name: string) => name.replace(/\.$/, "").toLowerCase();

/** The domain SRV targets must end with: the name typed minus its first label ("cluster0.example.net" → "example.net"). */
export function parentDomain(srvHost: string): string {
  return bare(srvHost).split(".").slice(1).join(".");
}

/**
 * The hosts and TXT options of a mongodb+srv:// name. Throws SeedlistError (code ENOTFOUND for no SRV records,
 * ESEEDLIST for answers the spec forbids) or the resolver's own error.
 */
export async function resolveSeedlist(srvHost: string, resolver: SeedlistResolver): Promise<{ hosts: MongoHost[]; txtOptions: string }> {
  const parent = parentDomain(srvHost);
  let records: Awaited<ReturnType<SeedlistResolver["resolveSrv"]>>;
  try {
    records = await resolver.resolveSrv(`_mongodb._tcp.${bare(srvHost)}`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND" || code === "ENODATA") throw new SeedlistError(`No SRV records for _mongodb._tcp.${bare(srvHost)}`, "ENOTFOUND");
    throw err;
  }
  if (records.length === 0) throw new SeedlistError(`No SRV records for _mongodb._tcp.${bare(srvHost)}`, "ENOTFOUND");
  const hosts: MongoHost[] = [];
  for (const r of records
    .slice()
    .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
    .slice(0, MAX_HOSTS)) {
    const target = bare(r.name);
    if (!target.endsWith(`.${parent}`)) {
      throw new SeedlistError(`The SRV record points to ${target}, which is not under ${parent}; refusing it as the spec requires`, "ESEEDLIST");
    }
    hosts.push({ host: target, port: r.port });
  }

  let txt: string[][] = [];
  try {
    txt = await resolver.resolveTxt(bare(srvHost));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOTFOUND" && code !== "ENODATA") throw err;
  }
  if (txt.length > 1) throw new SeedlistError(`${bare(srvHost)} has ${txt.length} TXT records; the spec allows one`, "ESEEDLIST");
  const pairs: string[] = [];
  for (const pair of (txt[0] ?? []).join("").split("&")) {
    if (!pair) continue;
    const [key = "", value = ""] = pair.split("=", 2);
    const option = TXT_OPTIONS.get(key.toLowerCase());
    if (!option) throw new SeedlistError(`The TXT record of ${bare(srvHost)} sets ${key}, which only authSource and replicaSet may`, "ESEEDLIST");
    pairs.push(`${option}=${value}`);
  }
  return { hosts, txtOptions: pairs.join("&") };
}

/** Options typed in the string win over the TXT record's (the spec's order). */
export function mergeOptions(typed: string, fromTxt: string, srvDefaults: string): string {
  const keys = new Set(
    typed
      .split("&")
      .filter(Boolean)
      .map((p) => (p.split("=", 1)[0] ?? "").toLowerCase()),
  );
  const extra = [fromTxt, srvDefaults]
    .flatMap((s) => s.split("&"))
    .filter(Boolean)
    .filter((p) => {
      const key = (p.split("=", 1)[0] ?? "").toLowerCase();
      // tls and ssl are one option under two names.
      const taken = keys.has(key) || ((key === "tls" || key === "ssl") && (keys.has("tls") || keys.has("ssl")));
      if (!taken) keys.add(key);
      return !taken;
    });
  return [typed, ...extra].filter(Boolean).join("&");
}

/** A resolver asking one server (ip, port), bounded by the attempt's timeout, one try: the runner owns retries. */
export function resolverFor(server: { ip: string; port: number } | null, timeoutMs: number): Resolver {
  const resolver = new Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 });
  if (server) resolver.setServers([server.ip.includes(":") ? `[${server.ip}]:${server.port}` : `${server.ip}:${server.port}`]);
  return resolver;
}

/** The addresses of an SRV target through the same resolver, as a lookup the outbound guard checks. */
export function lookupThrough(resolver: SeedlistResolver): LookupFunction {
  return ((hostname: string, _options: unknown, callback: (err: Error | null, addresses?: { address: string; family: number }[]) => void) => {
    const settle = async () => {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
      const addresses = [
        ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
        ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
      ];
      if (addresses.length > 0) return callback(null, addresses);
      const reason = v4.status === "rejected" ? v4.reason : v6.status === "rejected" ? v6.reason : null;
      callback(reason instanceof Error ? reason : Object.assign(new Error(`No addresses for ${hostname}`), { code: "ENOTFOUND" }));
    };
    void settle();
  }) as unknown as LookupFunction;
}

/** The seedlist's own failures in a person's words; null for anything that is not about the seedlist. */
export function seedlistFailure(err: unknown): { errorClass: "dns" | "blocked" | "timeout"; message: string; retryable: boolean } | null {
  if (err instanceof SeedlistError) return { errorClass: "dns", message: err.message, retryable: err.code === "ENOTFOUND" };
  if ((err as { blockedResolver?: boolean }).blockedResolver) return { errorClass: "blocked", message: (err as Error).message, retryable: false };
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ETIMEOUT") return { errorClass: "timeout", message: "The DNS resolver did not answer in time", retryable: true };
  if (code === "ESERVFAIL" || code === "EREFUSED" || code === "ECONNREFUSED" || code === "EBADRESP")
    return { errorClass: "dns", message: `The DNS resolver failed to answer for the seedlist (${code})`, retryable: true };
  return null;
}
