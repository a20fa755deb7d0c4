// Over real sockets: what a route handler sees as the client's address, with and without a trusted proxy.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIp } from "../api/handler";
import { parseTrustedProxies, stampClientAddress, type TrustedProxies } from "./client-address";

let server: Server | null = null;

async function serve(trusted: TrustedProxies): Promise<string> {
  server = createServer((req, res) => {
    stampClientAddress(req, trusted);
    // The same conversion Next makes before a route handler runs.
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    res.end(clientIp(new Request("http://tether.test/api/x", { headers })));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe("the client address a route handler sees", () => {
  it("is the socket's peer when no proxy is trusted: a forged X-Forwarded-For or our own header changes nothing", async () => {
    const url = await serve(parseTrustedProxies(undefined));
    const forged = await fetch(url, { headers: { "x-forwarded-for": "198.51.100.23", "x-tether-client-address": "198.51.100.24" } });
    expect(await forged.text()).toBe("127.0.0.1");
  });

  it("is the proxy's X-Forwarded-For hop when the peer is a trusted proxy", async () => {
    const url = await serve(parseTrustedProxies("127.0.0.0/8"));
    const proxied = await fetch(url, { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.23" } });
    expect(await proxied.text()).toBe("198.51.100.23");
    const direct = await fetch(url);
    expect(await direct.text()).toBe("127.0.0.1");
  });
});
