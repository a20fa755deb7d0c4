import { describe, expect, it } from "vitest";
import type { ImportPreviewView } from "./import-service";
import { previewImport } from "./preview";
import { importRequestOf, initialChoices } from "./selection";
import { ALLOW_STDIO, fixture } from "./testing";

const files = [fixture("zed/settings.json", "settings.json")];

function view(monitoredName?: string): ImportPreviewView {
  const p = previewImport(files, ALLOW_STDIO);
  return { ...p, servers: p.servers.map((s) => ({ ...s, alreadyMonitored: s.name === monitoredName ? { id: "i1", name: s.name } : null })) };
}

describe("import choices", () => {
  it("ticks what can be imported and is not monitored yet, and prefills secrets with the values the file held", () => {
    const v = view("brave");
    const c = initialChoices(v);
    const key = (name: string) => v.servers.find((s) => s.name === name)!.key;
    expect(c.chosen[key("postgres")]).toBe(true);
    expect(c.chosen[key("brave")]).toBe(false);
    expect(c.chosen[key("from-extension")]).toBe(false);
    expect(c.secrets[key("linear")]).toEqual({ AUTHORIZATION: "lin_api_literal" });
  });

  it("asks to import only ticked, importable servers with their secret values", () => {
    const v = view();
    const c = initialChoices(v);
    const linear = v.servers.find((s) => s.name === "linear")!.key;
    const fromExtension = v.servers.find((s) => s.name === "from-extension")!.key;
    c.chosen[fromExtension] = true;
    c.secrets[linear] = { AUTHORIZATION: "typed" };
    const req = importRequestOf(files, v, c);
    expect(req.servers.map((s) => v.servers.find((x) => x.key === s.key)!.name)).toEqual(["postgres", "linear", "brave"]);
    expect(req.servers.find((s) => s.key === linear)!.secrets).toEqual({ AUTHORIZATION: "typed" });
  });
});
