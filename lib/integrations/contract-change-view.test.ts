import { describe, expect, it } from "vitest";
import { contractChangeLines } from "./contract-change-view";

describe("contractChangeLines", () => {
  it("lists breaking changes first, then dangerous, then additive, each in words", () => {
    expect(
      contractChangeLines({
        shape: {
          breaking: [
            { path: "$.id", change: "type", was: ["number"], now: ["string"] },
            { path: "$.owner", change: "removed", was: ["object", "null"] },
          ],
          additive: [
            { path: "$.plan", change: "added", now: ["string"] },
            { path: "$.tags[]", change: "type_added", now: ["number"] },
          ],
        },
        schema: {
          breaking: [{ type: "FIELD_REMOVED", description: "User.email was removed." }],
          dangerous: [{ type: "VALUE_ADDED_TO_ENUM", description: "ENTERPRISE was added to enum type Plan." }],
          additive: [{ type: "TYPE_ADDED", description: "Team was added." }],
        },
      }),
    ).toEqual([
      { severity: "breaking", area: "response", text: "$.id changed type: number → string" },
      { severity: "breaking", area: "response", text: "$.owner is gone (was object or null)" },
      { severity: "breaking", area: "schema", text: "User.email was removed." },
      { severity: "dangerous", area: "schema", text: "ENTERPRISE was added to enum type Plan." },
      { severity: "additive", area: "response", text: "$.plan is new (string)" },
      { severity: "additive", area: "response", text: "$.tags[] can now be number" },
      { severity: "additive", area: "schema", text: "Team was added." },
    ]);
    expect(contractChangeLines({ shape: null, schema: null })).toEqual([]);
  });
});
