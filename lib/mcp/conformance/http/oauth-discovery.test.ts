import { describe, expect, it } from "vitest";
import { protectedResourceMetadataUrls } from "./oauth-discovery";

describe("RFC 9728 well-known URLs", () => {
  it("inserts the well-known segment before the endpoint's path, then tries the root", () => {
    expect(protectedResourceMetadataUrls("https://mcp.example.com/v1/mcp")).toEqual([
      "https://mcp.example.com/.well-known/oauth-protected-resource/v1/mcp",
      "https://mcp.example.com/.well-known/oauth-protected-resource",
    ]);
  });

  it("has only the root form for an endpoint at the root, trailing slash or not", () => {
    expect(protectedResourceMetadataUrls("https://mcp.example.com")).toEqual(["https://mcp.example.com/.well-known/oauth-protected-resource"]);
    expect(protectedResourceMetadataUrls("https://mcp.example.com/mcp/")).toEqual([
      "https://mcp.example.com/.well-known/oauth-protected-resource/mcp",
      "https://mcp.example.com/.well-known/oauth-protected-resource",
    ]);
  });
});
