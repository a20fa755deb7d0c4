import { describe, expect, it } from "vitest";
import { SecretCollector, secretNameFrom, translateValue, type VariableContext } from "./variables";

const ctx = (over: Partial<VariableContext> = {}): VariableContext => ({
  inputs: new Map([["api-key", { id: "api-key", type: "promptString", description: "The API key", password: true }]]),
  ...over,
});

function run(value: string, c = ctx(), literal?: { what: "env" | "header"; key: string }) {
  const secrets = new SecretCollector();
  const warnings: string[] = [];
  return { out: translateValue(value, c, secrets, warnings, literal), secrets: secrets.secrets, warnings };
}

describe("variable references", () => {
  it.each([
    ["${TOKEN}", "{{secret.TOKEN}}", "environment variable TOKEN"],
    ["${env:TOKEN}", "{{secret.TOKEN}}", "environment variable TOKEN"],
    ["${input:api-key}", "{{secret.API_KEY}}", "VS Code input api-key"],
    ["${{ secrets.TOKEN }}", "{{secret.TOKEN}}", "Continue secret TOKEN"],
    ["Bearer ${TOKEN:-abc}", "Bearer {{secret.TOKEN}}", "environment variable TOKEN"],
  ])("%s becomes %s", (value, out, from) => {
    const r = run(value, ctx(), { what: "header", key: "Authorization" });
    expect(r.out).toBe(out);
    expect(r.secrets[0]!.from).toBe(from);
  });

  it("keeps the default of ${VAR:-default} only as the prefill, and the input's description as the hint", () => {
    expect(run("${DB:-postgres://x}").secrets).toEqual([{ name: "DB", from: "environment variable DB", found: "postgres://x", password: true }]);
    expect(run("${input:api-key}").secrets).toEqual([{ name: "API_KEY", from: "VS Code input api-key", hint: "The API key", password: true }]);
  });

  it("expands bare $VAR only where the client does (Gemini CLI)", () => {
    expect(run("$TOKEN").out).toBe("$TOKEN");
    expect(run("$TOKEN", ctx({ bareDollar: true })).out).toBe("{{secret.TOKEN}}");
  });

  it("resolves ${workspaceFolder} and ${userHome} when known, and warns when not", () => {
    expect(run("${workspaceFolder}/x", ctx({ dir: "/p" })).out).toBe("/p/x");
    expect(run("${userHome}/x", ctx({ home: "/h" })).out).toBe("/h/x");
    const unknown = run("${workspaceFolder}/x", ctx(), { what: "env", key: "ROOT" });
    expect(unknown).toMatchObject({ out: "${workspaceFolder}/x", secrets: [], warnings: [expect.stringMatching(/workspaceFolder/)] });
  });

  it("moves a literal env or header value to a secret named from its key, keeping an auth scheme", () => {
    expect(run("sk-123", ctx(), { what: "env", key: "openai-key" })).toMatchObject({
      out: "{{secret.OPENAI_KEY}}",
      secrets: [{ name: "OPENAI_KEY", found: "sk-123" }],
    });
    expect(run("Bearer sk-123", ctx(), { what: "header", key: "Authorization" })).toMatchObject({
      out: "Bearer {{secret.AUTHORIZATION}}",
      secrets: [{ found: "sk-123" }],
    });
    // Arguments keep their literal text; an empty value stays empty.
    expect(run("--verbose").out).toBe("--verbose");
    expect(run("", ctx(), { what: "env", key: "X" }).out).toBe("");
  });

  it("warns about a reference it does not know and leaves it as written", () => {
    expect(run("${command:pick}")).toMatchObject({
      out: "${command:pick}",
      warnings: ["${command:pick} is not a variable Tether knows; it is left as written"],
    });
  });

  it("names secrets by the secrets feature's rule, unique within a server", () => {
    expect(secretNameFrom("perplexity-key")).toBe("PERPLEXITY_KEY");
    expect(secretNameFrom("apiKey")).toBe("API_KEY");
    expect(secretNameFrom("2fa")).toBe("S_2FA");
    expect(secretNameFrom("x".repeat(80))).toHaveLength(64);
    const c = new SecretCollector();
    expect(c.add("env:API_KEY", "API_KEY", { from: "a", password: true })).toBe("API_KEY");
    expect(c.add("literal:env:API_KEY", "API_KEY", { from: "b", password: true })).toBe("API_KEY_2");
    expect(c.add("env:API_KEY", "API_KEY", { from: "a", password: true })).toBe("API_KEY");
  });
});
