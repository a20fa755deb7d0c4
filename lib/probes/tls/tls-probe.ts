// Certificate-expiry probe: a TLS handshake with a checked address, then the leaf certificate is judged by
// dates first (expired or not yet valid), then trust and name, then days left against the minimum. The
// handshake never rejects on trust itself, so an expired or untrusted certificate can still be read and reported.
import tls, { type PeerCertificate, type TLSSocket } from "node:tls";
import { resolveSafeAddresses } from "../../security/outbound";
import { startAttempt } from "../shared/attempt";
import { networkFailure } from "../shared/failure";
import { tlsServerName } from "../shared/server-name";
import { openFirst } from "../tcp/open-socket";
import type { Probe, ProbeContext, ProbeOutcome } from "../types";
import type { TlsConfig } from "./config";

const DAY_MS = 86_400_000;

function days(n: number): string {
  return n === 1 ? "1 day" : `${n} days`;
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "DNS:a.example, IP Address:10.0.0.1" -> ["a.example", "10.0.0.1"]. */
export function parseAltNames(subjectaltname: string | undefined): string[] {
  if (!subjectaltname) return [];
  return subjectaltname
    .split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|IP Address|URI|email):/, "").replace(/^"|"$/g, ""))
    .filter(Boolean);
}

/** Whole days from `now` to `validTo`: negative once expired; a certificate with hours left has 0 days. */
export function daysLeft(validTo: Date, now: number): number {
  return Math.floor((validTo.getTime() - now) / DAY_MS);
}

function certificateDetails(cert: PeerCertificate, socket: TLSSocket, now: number) {
  const validTo = new Date(cert.valid_to);
  const validFrom = new Date(cert.valid_from);
  return {
    subjectCN: firstOf(cert.subject?.CN),
    issuerCN: firstOf(cert.issuer?.CN),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: daysLeft(validTo, now),
    fingerprint256: cert.fingerprint256,
    altNames: parseAltNames(cert.subjectaltname),
    trusted: socket.authorized,
    protocol: socket.getProtocol() ?? undefined,
    remoteAddress: socket.remoteAddress,
  };
}

export const tlsProbe: Probe<TlsConfig> = {
  async run(config: TlsConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
    const attempt = startAttempt(ctx.timeoutMs);
    // The name the certificate must be for; SNI cannot carry an IP address, so none is sent for one.
    const name = config.servername ?? config.host;
    const sni = tlsServerName(name);
    let socket: TLSSocket | undefined;
    try {
      const addresses = await resolveSafeAddresses(config.host, ctx.outbound);
      socket = await openFirst(
        addresses,
        (ip) =>
          tls.connect({
            host: ip,
            port: config.port,
            servername: sni,
            // Judged below, after the certificate is read: a rejected handshake would hide its dates.
            rejectUnauthorized: false,
            checkServerIdentity: () => undefined,
          }),
        "secureConnect",
        ctx.signal,
      );
      const latencyMs = attempt.elapsed();
      const cert = socket.getPeerCertificate();
      if (!cert || !cert.valid_to) {
        return { ok: false, errorClass: "protocol", message: "The server completed the handshake without a certificate", latencyMs, retryable: false };
      }
      const now = ctx.now();
      const details = certificateDetails(cert, socket, now);
      const fail = (errorClass: "assertion" | "tls", message: string): ProbeOutcome => ({
        ok: false,
        errorClass,
        message,
        latencyMs,
        retryable: false,
        details,
      });
      const validTo = new Date(cert.valid_to);
      const validFrom = new Date(cert.valid_from);
      const on = (d: Date) => d.toISOString().slice(0, 10);

      if (validFrom.getTime() > now) return fail("assertion", `Certificate for ${name} is not valid until ${on(validFrom)}`);
      if (validTo.getTime() <= now) {
        const ago = Math.floor((now - validTo.getTime()) / DAY_MS);
        return fail("assertion", `Certificate for ${name} expired ${ago === 0 ? "less than a day ago" : `${days(ago)} ago`} (on ${on(validTo)})`);
      }
      if (!socket.authorized && !config.allowUntrusted) {
        // At run time this is the OpenSSL code as a string (the type says Error).
        const reason = String((socket.authorizationError as unknown as { code?: string })?.code ?? socket.authorizationError);
        return fail("tls", `Certificate for ${name} is not trusted (${reason})`);
      }
      const identityError = tls.checkServerIdentity(name, cert);
      if (identityError) {
        const covers = details.altNames.length ? details.altNames.join(", ") : (details.subjectCN ?? "no names");
        return fail("tls", `Certificate is not valid for ${name} (it covers ${covers})`);
      }
      if (details.daysLeft < config.minDaysLeft) {
        return fail(
          "assertion",
          `Certificate for ${name} expires in ${days(details.daysLeft)} (on ${on(validTo)}), under the minimum of ${days(config.minDaysLeft)}`,
        );
      }
      return { ok: true, latencyMs, details };
    } catch (err) {
      if (ctx.signal.aborted) return attempt.timedOut();
      return attempt.failed(networkFailure(err, ctx.timeoutMs));
    } finally {
      socket?.destroy();
    }
  },
};
