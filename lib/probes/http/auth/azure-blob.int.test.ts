// The Azure Blob preset against a real Azurite (azurite-blob, started here on a free port, in memory), with its
// well-known development account. Azurite recomputes Shared Key and SAS signatures, so a wrong key or a token
// signed with one is refused as Azure refuses it. The SAS tokens are made with the Azure SDK; the container with our
// own signed request, since the SDK speaks a newer REST version than this Azurite (the last on Node 20) accepts.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpConfig } from "../config";
import { presetConfigAt, runConfig as run } from "../preset-run";
import { signSharedKey } from "./azure-blob";

// Azurite's development account, published in Azure's docs: test-only values.
const ACCOUNT = "devstoreaccount1";
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const WRONG_KEY = Buffer.alloc(64, 7).toString("base64");
const CONTAINER = "probe-container";

let azurite: ChildProcess;
let base: string;

async function startAzurite(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    fileURLToPath(new URL("../../../../node_modules/.bin/azurite-blob", import.meta.url)),
    ["--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--extentMemoryLimit", "64", "--silent", "--disableTelemetry"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`azurite-blob exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /successfully listens on (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
  return { child, url };
}

/** The Azure preset pointed at Azurite's container: Shared Key for Azurite's account, or the preset's SAS-token variant. */
const presetWith = (credential: "shared_key" | "sas", secrets: Record<string, string>) =>
  presetConfigAt(
    "azure_blob",
    `${base}/${ACCOUNT}/${CONTAINER}?restype=container&comp=list&maxresults=1`,
    secrets,
    credential === "sas" ? { variant: "sas" } : { auth: sharedKey },
  );

const sas = (key: string) =>
  generateBlobSASQueryParameters(
    { containerName: CONTAINER, permissions: ContainerSASPermissions.parse("rl"), expiresOn: new Date(Date.now() + 3_600_000), version: "2025-01-05" },
    new StorageSharedKeyCredential(ACCOUNT, key),
  ).toString();

const sharedKey: HttpConfig["auth"] = { type: "azure_shared_key", accountName: ACCOUNT, accountKey: "{{secret.AZURE_STORAGE_KEY}}" };

beforeAll(async () => {
  const started = await startAzurite();
  azurite = started.child;
  base = started.url;
  const create = signSharedKey(
    { method: "PUT", url: `${base}/${ACCOUNT}/${CONTAINER}?restype=container`, headers: {} },
    { type: "azure_shared_key", accountName: ACCOUNT, accountKey: KEY },
    new Date(),
  );
  const res = await request(create.url, { method: "PUT", headers: create.headers });
  await res.body.text();
  expect(res.statusCode).toBe(201);
});

afterAll(async () => {
  const exited = new Promise((r) => azurite.once("exit", r));
  azurite.kill("SIGTERM");
  await exited;
});

describe("Azure Blob preset against Azurite", () => {
  it("Shared Key: passes, listing the container", async () => {
    const r = await run(presetWith("shared_key", { AZURE_STORAGE_KEY: KEY }));
    expect(r).toMatchObject({ ok: true, httpStatus: 200, errorClass: null });
  });

  // Azure itself answers a wrong Shared Key with AuthenticationFailed (azure-blob.test.ts reads that body); Azurite
  // names the same refusal AuthorizationFailure, with Azure's message.
  it("Shared Key with a wrong key fails as auth with Azurite's code and Azure's message", async () => {
    const r = await run(presetWith("shared_key", { AZURE_STORAGE_KEY: WRONG_KEY }));
    expect(r).toMatchObject({
      ok: false,
      httpStatus: 403,
      errorClass: "auth",
      errorMessage:
        "The credentials were refused: HTTP 403 AuthorizationFailure: Server failed to authenticate the request. Make sure the value of the Authorization header is formed correctly including the signature.",
    });
    expect(r.trace.attempts[0]?.headers?.["x-ms-error-code"]).toBe("AuthorizationFailure");
  });

  it("SAS token: passes with a token the account signed", async () => {
    const r = await run(presetWith("sas", { AZURE_STORAGE_SAS: sas(KEY) }));
    expect(r).toMatchObject({ ok: true, httpStatus: 200 });
  });

  it("SAS token signed with a wrong key fails as auth", async () => {
    const r = await run(presetWith("sas", { AZURE_STORAGE_SAS: sas(WRONG_KEY) }));
    expect(r).toMatchObject({ ok: false, httpStatus: 403, errorClass: "auth" });
    expect(r.errorMessage).toMatch(/^The credentials were refused: HTTP 403 AuthorizationFailure/);
  });

  it("a container that does not exist is an HTTP failure, not an auth one", async () => {
    const config = presetWith("shared_key", { AZURE_STORAGE_KEY: KEY });
    const r = await run({ ...config, url: `${base}/${ACCOUNT}/no-such-container?restype=container&comp=list&maxresults=1` });
    expect(r).toMatchObject({ ok: false, httpStatus: 404, errorClass: "http_status" });
  });
});
