import { describe, expect, it } from "vitest";
import { LOCATION_SEEN_WITHIN_MS, locationCoverage, unservedMessage } from "./location-coverage";

const NOW = Date.parse("2026-12-03T06:00:00Z");

describe("locationCoverage", () => {
  it("serves a location whose latest worker was seen within the window, in the listed order", () => {
    const out = locationCoverage(
      ["us-east", "eu-west", "ap-south"],
      [
        { location: "eu-west", lastSeenAt: NOW - 10_000 },
        { location: "us-east", lastSeenAt: NOW - LOCATION_SEEN_WITHIN_MS - 1 },
      ],
      NOW,
    );
    expect(out).toEqual([
      { location: "us-east", workerLastSeenAt: NOW - LOCATION_SEEN_WITHIN_MS - 1, served: false },
      { location: "eu-west", workerLastSeenAt: NOW - 10_000, served: true },
      { location: "ap-south", workerLastSeenAt: null, served: false },
    ]);
  });

  it("takes the latest of several workers in one location, and counts the window's edge as served", () => {
    const out = locationCoverage(
      ["eu-west"],
      [
        { location: "eu-west", lastSeenAt: NOW - 3_600_000 },
        { location: "eu-west", lastSeenAt: NOW - LOCATION_SEEN_WITHIN_MS },
        { location: "us-east", lastSeenAt: NOW },
      ],
      NOW,
    );
    expect(out).toEqual([{ location: "eu-west", workerLastSeenAt: NOW - LOCATION_SEEN_WITHIN_MS, served: true }]);
  });

  it("lists nothing for an integration without locations", () => {
    expect(locationCoverage([], [{ location: "eu-west", lastSeenAt: NOW }], NOW)).toEqual([]);
  });
});

describe("unservedMessage", () => {
  it("names the location and the window", () => {
    expect(unservedMessage("eu-west")).toBe("No worker in eu-west has been seen in the last 5 minutes");
    expect(unservedMessage("eu-west", 60_000)).toBe("No worker in eu-west has been seen in the last minute");
  });
});
