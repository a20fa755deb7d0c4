import { describe, expect, it } from "vitest";
import { groupsOf, roleFromClaims } from "./role-mapping";

const mapping = { claim: "groups", map: { "tether-admins": "admin", "tether-editors": "editor" }, defaultRole: null } as const;

describe("roleFromClaims", () => {
  it("takes the highest role of all mapped groups, in any order", () => {
    expect(roleFromClaims({ groups: ["tether-editors", "staff", "tether-admins"] }, mapping)).toEqual({
      kind: "role",
      role: "admin",
      from: "group tether-admins",
    });
    expect(roleFromClaims({ groups: ["tether-admins", "tether-editors"] }, mapping)).toMatchObject({ role: "admin" });
    expect(roleFromClaims({ groups: ["tether-editors"] }, mapping)).toMatchObject({ role: "editor" });
  });
  it("refuses a user whose groups map to nothing when there is no default, naming their groups", () => {
    expect(roleFromClaims({ groups: ["staff"] }, mapping)).toEqual({ kind: "refused", groups: ["staff"] });
    expect(roleFromClaims({}, mapping)).toEqual({ kind: "refused", groups: [] });
  });
  it("gives the default role when nothing maps and a default is set", () => {
    expect(roleFromClaims({ groups: ["staff"] }, { ...mapping, defaultRole: "viewer" })).toEqual({ kind: "role", role: "viewer", from: "the default role" });
  });
  it("reads another claim, and groups given as one string", () => {
    expect(roleFromClaims({ roles: "staff tether-editors" }, { ...mapping, claim: "roles" })).toMatchObject({ role: "editor" });
    expect(groupsOf({ groups: "a,b c" }, "groups")).toEqual(["a", "b", "c"]);
    expect(groupsOf({ groups: [1, "a"] }, "groups")).toEqual(["a"]);
  });
});
