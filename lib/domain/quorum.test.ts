import { describe, expect, it } from "vitest";
import { quorumStreak, quorumVerdict } from "./quorum";

const three = ["eu-west", "us-east", "ap-south"];

describe("quorumVerdict", () => {
  it("is down when at least the quorum of locations failed their latest run", () => {
    const v = quorumVerdict(
      three,
      [
        { location: "eu-west", ok: false },
        { location: "us-east", ok: false },
        { location: "ap-south", ok: true },
      ],
      2,
    );
    expect(v).toEqual({ failing: ["eu-west", "us-east"], reporting: 3, needed: 2, down: true });
  });

  it("one failing location of three is below a quorum of 2", () => {
    const v = quorumVerdict(
      three,
      [
        { location: "eu-west", ok: false },
        { location: "us-east", ok: true },
      ],
      2,
    );
    expect(v).toMatchObject({ failing: ["eu-west"], reporting: 2, down: false });
  });

  it("without a quorum every listed location must fail", () => {
    const twoOfThree = [
      { location: "eu-west", ok: false },
      { location: "us-east", ok: false },
      { location: "ap-south", ok: true },
    ];
    expect(quorumVerdict(three, twoOfThree, null)).toMatchObject({ needed: 3, down: false });
    expect(
      quorumVerdict(
        three,
        twoOfThree.map((l) => ({ ...l, ok: false })),
        null,
      ),
    ).toMatchObject({ needed: 3, down: true });
  });

  it("clamps the quorum to the locations, ignores unlisted ones and never calls no locations down", () => {
    expect(quorumVerdict(["eu-west"], [{ location: "eu-west", ok: false }], 5)).toMatchObject({ needed: 1, down: true });
    expect(quorumVerdict(["eu-west"], [{ location: "mars", ok: false }], 1)).toMatchObject({ failing: [], reporting: 0, down: false });
    expect(quorumVerdict([], [], null)).toMatchObject({ down: false });
  });
});

describe("quorumStreak", () => {
  it("is the streak that at least the quorum of locations share", () => {
    const streaks = new Map([
      ["eu-west", 7],
      ["us-east", 3],
      ["ap-south", 0],
    ]);
    expect(quorumStreak(three, streaks, 2)).toBe(3);
    expect(quorumStreak(three, streaks, 1)).toBe(7);
    expect(quorumStreak(three, streaks, null)).toBe(0);
  });

  it("counts a location that has not run as no failures, and no locations as none", () => {
    expect(quorumStreak(three, new Map([["eu-west", 4]]), 2)).toBe(0);
    expect(quorumStreak([], new Map(), 1)).toBe(0);
  });
});
