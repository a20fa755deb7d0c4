import { describe, expect, it } from "vitest";
import { mergeOptions, parentDomain } from "./srv";

describe("mongodb+srv:// seedlist rules", () => {
  it("takes the parent domain as the name minus its first label", () => {
    expect(parentDomain("cluster0.example.net")).toBe("example.net");
    expect(parentDomain("Cluster0.Mongo.Example.NET.")).toBe("mongo.example.net");
  });

  it("lets the typed options win over the TXT record's, and adds tls=true unless tls or ssl is typed", () => {
    expect(mergeOptions("", "authSource=admin&replicaSet=rs0", "tls=true")).toBe("authSource=admin&replicaSet=rs0&tls=true");
    expect(mergeOptions("authSource=app&tls=false", "authSource=admin", "tls=true")).toBe("authSource=app&tls=false");
    expect(mergeOptions("SSL=false", "", "tls=true")).toBe("SSL=false");
    expect(mergeOptions("replicaset=rs1", "replicaSet=rs0", "tls=true")).toBe("replicaset=rs1&tls=true");
  });
});
