// A DNS resolver a check may name instead of the system's (the DNS kind, mongodb+srv:// seedlists): an IP address
// with an optional port. No Node imports: forms validate with this in the browser.
import { z } from "zod";

const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** Splits "ip", "ip:port", "[v6]" or "[v6]:port" (port 53 when absent); null when it is not one of those. */
export function parseResolver(text: string): { ip: string; port: number } | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
  const [ip, port] = bracketed ? [bracketed[1]!, bracketed[2]] : v4 ? [v4[1]!, v4[2]] : [text, undefined];
  const ipOk = bracketed || !v4 ? ipv6.safeParse(ip).success : ipv4.safeParse(ip).success;
  const portNumber = port === undefined ? 53 : Number(port);
  if (!ipOk || portNumber < 1 || portNumber > 65_535) return null;
  return { ip, port: portNumber };
}
