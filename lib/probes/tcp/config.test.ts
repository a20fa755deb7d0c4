import { describe, expect, it } from "vitest";
import { messagesPerField } from "../testing/schema-messages";
import { tcpConfigSchema } from "./config";
import { decodeEscapes, excerpt } from "./tcp-probe";

const errorsOf = (input: unknown) => messagesPerField(tcpConfigSchema, input);

describe("TCP config", () => {
  it("accepts a host and port; send and expect are optional", () => {
    expect(tcpConfigSchema.parse({ host: " mail.example.com ", port: 25 })).toEqual({ host: "mail.example.com", port: 25 });
    expect(tcpConfigSchema.parse({ host: "[::1]", port: 22, expect: "^SSH-" })).toEqual({ host: "::1", port: 22, expect: "^SSH-" });
    expect(tcpConfigSchema.parse({ host: "10.0.0.5", port: 6379, send: "PING\\r\\n" }).send).toBe("PING\\r\\n");
  });

  it("explains the obvious mistakes", () => {
    expect(errorsOf({ host: "", port: 25 })).toEqual({ host: ["Enter a host name or IP address"] });
    expect(errorsOf({ host: "smtp://mail.example.com", port: 25 })).toEqual({ host: ["Enter a host name or IP address, without a scheme, port or path"] });
    expect(errorsOf({ host: "mail.example.com:25", port: 25 })).toEqual({ host: ["Enter a host name or IP address, without a scheme, port or path"] });
    expect(errorsOf({ host: "mail.example.com" })).toEqual({ port: ["Enter a port number"] });
    expect(errorsOf({ host: "mail.example.com", port: 70_000 })).toEqual({ port: ["The port must be between 1 and 65535"] });
    expect(errorsOf({ host: "mail.example.com", port: 25, expect: "^(220" })).toEqual({ expect: ["Not a valid regular expression"] });
  });
});

describe("TCP helpers", () => {
  it("decodes the escapes a form can carry and leaves other text alone", () => {
    expect(decodeEscapes("PING\\r\\n")).toBe("PING\r\n");
    expect(decodeEscapes("a\\tb\\\\n")).toBe("a\tb\\n");
    expect(decodeEscapes("C:\\path")).toBe("C:\\path");
  });

  it("shows control bytes in excerpts and keeps them short", () => {
    expect(excerpt(Buffer.from("220 ok\r\n\x00"))).toBe("220 ok\\r\\n\\x00");
    expect(excerpt(Buffer.from("x".repeat(500)))).toHaveLength(200);
  });
});
