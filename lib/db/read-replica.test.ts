// DATABASE_READ_URL: the dashboard's reads go to a replica client when it is set, to the primary's otherwise.
import { afterEach, describe, expect, it } from "vitest";
import { readDb, type Db } from "./client";

const g = globalThis as unknown as { tetherDb?: Db; tetherReadDb?: Db };
const primary = { name: "primary" } as unknown as Db;

afterEach(() => {
  delete g.tetherDb;
  delete g.tetherReadDb;
});

describe("readDb", () => {
  it("uses the primary's client when no DATABASE_READ_URL is set", () => {
    g.tetherDb = primary;
    const made: string[] = [];
    expect(readDb({ DATABASE_URL: "postgresql://primary/db" }, (url) => (made.push(url), { name: url } as unknown as Db))).toBe(primary);
    expect(made).toEqual([]);
  });

  it("makes one replica client from DATABASE_READ_URL and reuses it", () => {
    g.tetherDb = primary;
    const made: string[] = [];
    const make = (url: string) => (made.push(url), { name: url } as unknown as Db);
    const env = { DATABASE_URL: "postgresql://primary/db", DATABASE_READ_URL: "postgresql://replica/db" };
    const first = readDb(env, make);
    expect(first).not.toBe(primary);
    expect(readDb(env, make)).toBe(first);
    expect(made).toEqual(["postgresql://replica/db"]);
  });
});
