// Probes connect to a checked IP address, never to the name, so the name the certificate is about travels apart.
import net from "node:net";

/** The TLS server name (SNI, and the name the certificate must cover) for a host as typed; none for an IP (RFC 6066). */
export function tlsServerName(host: string): string | undefined {
  return net.isIP(host) ? undefined : host;
}
