import { describe, expect, it } from "vitest";
import { quorumReading, quorumStreak, quorumVerdict } from "./quorum";

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

describe("quorumReading", () => {
  type C = { runs: number; failures: number };
  const byRate = (a: C, b: C) => b.failures * a.runs - a.failures * b.runs || b.runs - a.runs;
  const counts = (entries: [string, number, number][]) => new Map(entries.map(([l, runs, failures]) => [l, { runs, failures }]));

  it("picks the needed-th worst location, so a threshold breaches only when the quorum of locations each do", () => {
    const c = counts([
      ["eu-west", 10, 9],
      ["us-east", 10, 1],
      ["ap-south", 10, 0],
    ]);
    // One bad vantage point: with a quorum of 2 the reading is us-east's 10%, not eu-west's 90%.
    expect(quorumReading(three, c, 2, byRate)).toEqual({ reading: { runs: 10, failures: 1 }, needed: 2, eligible: 3 });
    expect(quorumReading(three, c, 1, byRate)?.reading).toEqual({ runs: 10, failures: 9 });
    // No quorum: all of them, so the best location decides.
    expect(quorumReading(three, c, null, byRate)?.reading).toEqual({ runs: 10, failures: 0 });
  });

  it("leaves out locations that are not eligible, and answers null when fewer than the quorum are", () => {
    const c = counts([
      ["eu-west", 2, 2],
      ["us-east", 20, 5],
      ["ap-south", 30, 3],
    ]);
    const enough = (r: C) => r.runs >= 10;
    expect(quorumReading(three, c, 2, byRate, enough)).toEqual({ reading: { runs: 30, failures: 3 }, needed: 2, eligible: 2 });
    expect(quorumReading(three, c, 3, byRate, enough)).toBeNull();
    // A location not listed is not counted; none listed, none to judge.
    expect(quorumReading(["eu-west"], counts([["mars", 10, 10]]), 1, byRate)).toBeNull();
    expect(quorumReading([], c, 1, byRate)).toBeNull();
  });

  it("clamps the quorum to the locations listed", () => {
    const c = counts([
      ["eu-west", 5, 5],
      ["us-east", 5, 4],
    ]);
    expect(quorumReading(["eu-west", "us-east"], c, 7, byRate)).toMatchObject({ reading: { runs: 5, failures: 4 }, needed: 2 });
    expect(quorumReading(["eu-west", "us-east"], c, 0, byRate)).toMatchObject({ reading: { runs: 5, failures: 5 }, needed: 1 });
  });
});
