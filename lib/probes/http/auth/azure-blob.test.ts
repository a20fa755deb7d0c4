// Shared Key against the canonicalization examples of Azure's "Authorize with Shared Key" page, and the whole
// Authorization header against the one the Azure SDK's own Shared Key policy (@azure/storage-common) computes.
import { storageSharedKeyCredentialPolicy } from "@azure/storage-common";
import { afterEach, describe, expect, it, vi } from "vitest";
import { azureRefusal, sharedKeyStringToSign, signSharedKey, withSasToken } from "./azure-blob";

// The emulator's well-known development key, published in Azure's docs: a test-only value.
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const now = new Date("2026-11-24T12:00:00Z");

const resource = (stringToSign: string) => stringToSign.slice(stringToSign.indexOf("\n/") + 1);

describe("Shared Key string-to-sign (Azure's examples)", () => {
  it("the canonicalized resource: account, path, then each query parameter lower-cased and sorted", () => {
    const s = sharedKeyStringToSign(
      { method: "GET", url: "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=metadata", headers: {} },
      "myaccount",
    );
    expect(resource(s)).toBe("/myaccount/mycontainer\ncomp:metadata\nrestype:container");
  });

  it("a parameter given more than once: its values sorted and comma-separated", () => {
    const url = "https://myaccount.blob.core.windows.net/mycontainer?restype=container&comp=list&include=snapshots&include=metadata&include=uncommittedblobs";
    expect(resource(sharedKeyStringToSign({ method: "GET", url, headers: {} }, "myaccount"))).toBe(
      "/myaccount/mycontainer\ncomp:list\ninclude:metadata,snapshots,uncommittedblobs\nrestype:container",
    );
  });

  it("the emulator's path-style URL names the account twice", () => {
    const s = sharedKeyStringToSign(
      { method: "GET", url: "http://127.0.0.1:10000/devstoreaccount1/mycontainer?restype=container", headers: {} },
      "devstoreaccount1",
    );
    expect(resource(s)).toBe("/devstoreaccount1/devstoreaccount1/mycontainer\nrestype:container");
  });

  it("the verb and eleven standard headers in order (Date empty with x-ms-date, zero Content-Length empty), then the x-ms-* headers sorted", () => {
    const s = sharedKeyStringToSign(
      {
        method: "put",
        url: "https://myaccount.blob.core.windows.net/mycontainer/hello.txt",
        headers: {
          "Content-Type": "text/plain; charset=UTF-8",
          "Content-Length": "11",
          Date: "ignored",
          "x-ms-version": "2025-01-05",
          "X-MS-Blob-Type": "BlockBlob",
          "x-ms-date": "Tue, 24 Nov 2026 12:00:00 GMT",
          "x-ms-meta-note": "  two   spaces ",
        },
      },
      "myaccount",
    );
    expect(s).toBe(
      [
        "PUT",
        "",
        "",
        "11",
        "",
        "text/plain; charset=UTF-8",
        "",
        "",
        "",
        "",
        "",
        "",
        "x-ms-blob-type:BlockBlob",
        "x-ms-date:Tue, 24 Nov 2026 12:00:00 GMT",
        "x-ms-meta-note:two spaces",
        "x-ms-version:2025-01-05",
        "/myaccount/mycontainer/hello.txt",
      ].join("\n"),
    );
    expect(sharedKeyStringToSign({ method: "GET", url: "https://a.test/", headers: { "content-length": "0" } }, "a").split("\n")[3]).toBe("");
  });
});

describe("Shared Key signature", () => {
  afterEach(() => vi.useRealTimers());

  it("matches the Azure SDK's Shared Key policy for the same request", async () => {
    const url = "http://127.0.0.1:10000/devstoreaccount1/probe?restype=container&comp=list&maxresults=1";
    const ours = signSharedKey(
      { method: "GET", url, headers: { "x-ms-version": "2025-01-05" } },
      { type: "azure_shared_key", accountName: "devstoreaccount1", accountKey: DEV_KEY },
      now,
    );

    // The SDK stamps x-ms-date from the system clock: fix it to the same instant.
    vi.useFakeTimers({ now, toFake: ["Date"] });
    const headers = new Map<string, string>([["x-ms-version", "2025-01-05"]]);
    const request = {
      url,
      method: "GET",
      headers: {
        get: (n: string) => headers.get(n.toLowerCase()),
        set: (n: string, v: unknown) => headers.set(n.toLowerCase(), String(v)),
        [Symbol.iterator]: () => headers.entries(),
      },
    };
    const policy = storageSharedKeyCredentialPolicy({ accountName: "devstoreaccount1", accountKey: Buffer.from(DEV_KEY, "base64") });
    await policy.sendRequest(request as never, async () => ({}) as never);

    expect(ours.headers["x-ms-date"]).toBe("Tue, 24 Nov 2026 12:00:00 GMT");
    expect(ours.headers.authorization).toMatch(/^SharedKey devstoreaccount1:[A-Za-z0-9+/]{43}=$/);
    expect(ours.headers.authorization).toBe(headers.get("authorization"));
  });

  it("adds x-ms-version when the request has none", () => {
    const signed = signSharedKey(
      { method: "GET", url: "https://a.blob.core.windows.net/c?restype=container", headers: {} },
      { type: "azure_shared_key", accountName: "a", accountKey: DEV_KEY },
      now,
    );
    expect(signed.headers["x-ms-version"]).toBe("2025-01-05");
  });
});

describe("SAS token", () => {
  it("appends the token's parameters to the URL's, with or without its leading '?'", () => {
    const token = "?sv=2025-01-05&sr=c&sp=rl&se=2026-12-01T00%3A00%3A00Z&sig=abc%2Bdef%3D";
    const signed = withSasToken(
      { method: "GET", url: "https://a.blob.core.windows.net/c?restype=container&comp=list", headers: {} },
      { type: "azure_sas", sasToken: token },
    );
    const url = new URL(signed.url);
    expect(url.searchParams.get("comp")).toBe("list");
    expect(url.searchParams.get("sig")).toBe("abc+def=");
    expect(url.searchParams.get("se")).toBe("2026-12-01T00:00:00Z");
  });
});

describe("Azure refusals", () => {
  const body =
    '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.\nRequestId:1\nTime:2026-11-24T12:00:00Z</Message></Error>';

  it("403 AuthenticationFailed is an auth failure with the code and the first line of the message", () => {
    expect(azureRefusal({ status: 403, headers: { "x-ms-error-code": "AuthenticationFailed" }, body })).toEqual({
      errorClass: "auth",
      message:
        "The credentials were refused: HTTP 403 AuthenticationFailed: Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.",
      retryable: false,
    });
  });

  it("a HEAD's refusal has only the header; a missing container is not a refusal", () => {
    expect(azureRefusal({ status: 403, headers: { "x-ms-error-code": "AuthorizationPermissionMismatch" }, body: "" })).toMatchObject({
      errorClass: "auth",
      message: "The credentials were refused: HTTP 403 AuthorizationPermissionMismatch",
    });
    expect(azureRefusal({ status: 404, headers: { "x-ms-error-code": "ContainerNotFound" }, body: "" })).toBeNull();
  });
});
