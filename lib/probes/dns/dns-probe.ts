// DNS probe: one query of one record type, through the system resolver or a configured one, then a check that
// every expected value is in the answer. A configured resolver is an outbound target like any other, so its
// address must pass the SSRF policy before a packet is sent to it.
import { Resolver } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { classifyNetworkError } from "../classify-error";
import { classifyAddress } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { toFailure } from "../shared/failure";
import type { Probe, ProbeContext, ProbeErrorClass, ProbeOutcome } from "../types";
import { parseResolver, type DnsConfig, type DnsRecordType } from "./config";

/** One record, shown as `text`; `keys` are the spellings an expected value may match (lower-case, no final dot). */
export interface DnsAnswer {
  text: string;
  keys: string[];
}

const NAME_TYPES = new Set<DnsRecordType>(["CNAME", "MX", "NS", "SRV"]);

function bareName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

function canonicalIp(text: string): string {
  try {
    return ipaddr.parse(text).toString();
  } catch {
    return text.toLowerCase();
  }
}

/** How an expected value is compared: case-insensitive, final dot dropped for names, IPv6 in canonical form. */
export function normalizeExpected(value: string, recordType: DnsRecordType): string {
  const v = value.trim();
  if (recordType === "A" || recordType === "AAAA") return canonicalIp(v);
  if (NAME_TYPES.has(recordType)) return v.toLowerCase().replace(/\.(?=(:\d+)?$)/, "");
  return v.toLowerCase();
}

/** The expected values that no answer matches, in the order given. */
export function missingValues(expected: string[], answers: DnsAnswer[], recordType: DnsRecordType): string[] {
  const present = new Set(answers.flatMap((a) => a.keys));
  return expected.filter((value) => !present.has(normalizeExpected(value, recordType)));
}

async function query(resolver: Resolver, name: string, recordType: DnsRecordType): Promise<{ answers: DnsAnswer[]; ttl?: number }> {
  switch (recordType) {
    case "A":
    case "AAAA": {
      const records = recordType === "A" ? await resolver.resolve4(name, { ttl: true }) : await resolver.resolve6(name, { ttl: true });
      const answers = records.map((r) => ({ text: canonicalIp(r.address), keys: [canonicalIp(r.address)] }));
      // The smallest TTL is when the first of these answers may change in caches.
      return { answers, ttl: records.length ? Math.min(...records.map((r) => r.ttl)) : undefined };
    }
    case "CNAME":
      return { answers: (await resolver.resolveCname(name)).map((n) => ({ text: bareName(n), keys: [bareName(n)] })) };
    case "NS":
      return { answers: (await resolver.resolveNs(name)).map((n) => ({ text: bareName(n), keys: [bareName(n)] })) };
    case "MX":
      return {
        answers: (await resolver.resolveMx(name))
          .sort((a, b) => a.priority - b.priority)
          .map((r) => {
            const text = `${r.priority} ${bareName(r.exchange)}`;
            return { text, keys: [bareName(r.exchange), text] };
          }),
      };
    case "TXT":
      // A TXT record may be split in 255-byte strings; they form one value (as SPF and DKIM readers join them).
      return { answers: (await resolver.resolveTxt(name)).map((chunks) => ({ text: chunks.join(""), keys: [chunks.join("").toLowerCase()] })) };
    case "SRV":
      return {
        answers: (await resolver.resolveSrv(name))
          .sort((a, b) => a.priority - b.priority || b.weight - a.weight)
          .map((r) => {
            const target = bareName(r.name);
            const text = `${r.priority} ${r.weight} ${r.port} ${target}`;
            return { text, keys: [target, `${target}:${r.port}`, text] };
          }),
      };
  }
}

function classifyDnsError(err: unknown, name: string, recordType: DnsRecordType, resolverLabel: string): { errorClass: ProbeErrorClass; message: string } {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOTFOUND":
      return { errorClass: "dns", message: `${name} does not exist (NXDOMAIN)` };
    case "ENODATA":
      return { errorClass: "dns", message: `${name} has no ${recordType} records` };
    case "ESERVFAIL":
      return { errorClass: "dns", message: `The resolver (${resolverLabel}) failed to answer for ${name} (SERVFAIL)` };
    case "EREFUSED":
      return { errorClass: "dns", message: `The resolver (${resolverLabel}) refused the query for ${name} (REFUSED)` };
    case "ETIMEOUT":
    case "ECANCELLED":
      return { errorClass: "timeout", message: "Timed out" };
    case "ECONNREFUSED":
      return { errorClass: "connect", message: `The resolver (${resolverLabel}) refused the connection (ECONNREFUSED)` };
    case "EBADRESP":
    case "EFORMERR":
    case "ENOTIMP":
      return { errorClass: "protocol", message: `The resolver (${resolverLabel}) sent an unusable answer (${code})` };
    default:
      return classifyNetworkError(err);
  }
}

export const dnsProbe: Probe<DnsConfig> = {
  async run(config: DnsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    const resolverLabel = config.resolver ?? "system resolver";
    const base = { resolver: resolverLabel, recordType: config.recordType };

    // One try, bounded by the attempt's timeout: retries belong to the runner, which records each one.
    const resolver = new Resolver({ timeout: Math.max(1, Math.round(ctx.timeoutMs)), tries: 1 });
    if (config.resolver) {
      const target = parseResolver(config.resolver);
      const verdict = target ? classifyAddress(target.ip, ctx.outbound) : null;
      if (!target || !verdict?.allowed) {
        const reason = verdict?.reason ?? "not an IP address";
        return {
          ok: false,
          errorClass: "blocked",
          message: `Refused to query the resolver ${config.resolver} (${reason})`,
          latencyMs: null,
          retryable: false,
          details: base,
        };
      }
      resolver.setServers([verdict.address.includes(":") ? `[${verdict.address}]:${target.port}` : `${verdict.address}:${target.port}`]);
    }
    const onAbort = () => resolver.cancel();
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    try {
      if (ctx.signal.aborted) return attempt.timedOut(base);
      const { answers, ttl } = await query(resolver, config.name, config.recordType);
      const latencyMs = attempt.elapsed();
      const details = { ...base, answers: answers.map((a) => a.text), ttl };
      const missing = missingValues(config.expect, answers, config.recordType);
      if (missing.length > 0) {
        const got = answers.length ? answers.map((a) => a.text).join(", ") : "nothing";
        return {
          ok: false,
          errorClass: "assertion",
          message: `The ${config.recordType} answer for ${config.name} lacks ${missing.join(", ")}; it has ${got}`,
          latencyMs,
          retryable: false,
          details,
        };
      }
      return { ok: true, latencyMs, details };
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut(base);
      return attempt.failed(toFailure(classifyDnsError(err, config.name, config.recordType, resolverLabel), ctx.timeoutMs), base);
    } finally {
      ctx.signal.removeEventListener("abort", onAbort);
      resolver.cancel();
    }
  },
};
