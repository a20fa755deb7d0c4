import { describe, expect, it } from "vitest";
import { atLeast, lesserRole } from "./roles";

describe("roles", () => {
  it("ranks viewer < editor < admin", () => {
    expect(atLeast("admin", "editor")).toBe(true);
    expect(atLeast("editor", "editor")).toBe(true);
    expect(atLeast("viewer", "editor")).toBe(false);
  });
  it("a token never exceeds its owner", () => {
    expect(lesserRole("admin", "viewer")).toBe("viewer");
    expect(lesserRole("editor", "admin")).toBe("editor");
  });
});
