import { describe, expect, it } from "vitest";
import { jsonStringField } from "./body-event-id";

describe("jsonStringField", () => {
  it("reads a non-empty string field of a JSON object", () => {
    expect(jsonStringField(Buffer.from('{"id": "evt_1"}'), "id")).toBe("evt_1");
  });

  it("has nothing to say about other bodies or values", () => {
    for (const body of ['{"id": 7}', '{"id": ""}', '["evt_1"]', '"evt_1"', "id=evt_1", "", "{"]) {
      expect(jsonStringField(Buffer.from(body), "id"), body).toBeUndefined();
    }
  });
});
