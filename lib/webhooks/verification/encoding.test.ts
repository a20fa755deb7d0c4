import { describe, expect, it } from "vitest";
import { decodeBase64, decodeHex } from "./encoding";

describe("decodeHex", () => {
  it("decodes even-length hex in either case", () => {
    expect(decodeHex("00ff")).toEqual(Buffer.from([0, 255]));
    expect(decodeHex("00FF")).toEqual(Buffer.from([0, 255]));
  });

  it("rejects what Node would silently truncate", () => {
    for (const text of ["", "0", "abc", "zz", "00zz", "00 ff", "0x00", "00ff\n"]) expect(decodeHex(text), text).toBeNull();
  });
});

describe("decodeBase64", () => {
  it("decodes canonical padded base64", () => {
    expect(decodeBase64("AAE=")).toEqual(Buffer.from([0, 1]));
    expect(decodeBase64("AAEC")).toEqual(Buffer.from([0, 1, 2]));
  });

  it("rejects unpadded, url-safe, non-canonical and junk text", () => {
    for (const text of ["", "AAE", "AAF=", "AA-_", "AA==AA==", "A===", "!!!!", "AAE= ", " AAE="]) expect(decodeBase64(text), text).toBeNull();
  });
});
