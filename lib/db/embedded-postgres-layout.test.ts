import { describe, expect, it } from "vitest";
import { canTraverse, planEmbeddedLayout, type DirStat } from "./embedded-postgres-layout";

const ROOT = { uid: 0, gid: 0 };
const tree: Record<string, DirStat> = {
  "/": { mode: 0o755, ...ROOT },
  "/root": { mode: 0o700, ...ROOT },
  "/root/tether": { mode: 0o755, ...ROOT },
  "/srv": { mode: 0o755, ...ROOT },
  "/srv/tether": { mode: 0o755, ...ROOT },
  "/srv/team": { mode: 0o750, uid: 0, gid: 104 },
};
const stat = (dir: string) => tree[dir] ?? null;
const postgres = { uid: 101, gids: [104] };

describe("canTraverse", () => {
  it("needs search permission on every directory up to the path", () => {
    expect(canTraverse("/srv/tether/.data", postgres, stat)).toBe(true);
    expect(canTraverse("/root/tether/.data", postgres, stat)).toBe(false);
    expect(canTraverse("/srv/team/x", postgres, stat)).toBe(true); // through its group
    expect(canTraverse("/srv/team/x", { uid: 500, gids: [] }, stat)).toBe(false);
  });
});

describe("planEmbeddedLayout", () => {
  const base = { runtimeRoot: "/var/lib/tether", runtimeVersion: "18.4.0", stat };

  it("keeps everything in the project when not root, or when postgres can reach it", () => {
    expect(planEmbeddedLayout({ ...base, dataDir: "/root/tether/.data", packageDir: "/root/tether/node_modules/x", runAs: null })).toEqual({
      databaseDir: "/root/tether/.data/postgres",
      runtimeDir: null,
      relocated: null,
    });
    expect(planEmbeddedLayout({ ...base, dataDir: "/srv/tether/.data", packageDir: "/srv/tether/node_modules/x", runAs: postgres }).relocated).toBeNull();
  });

  it("moves the cluster and the runtime out of a directory postgres cannot enter, one place per data dir", () => {
    const plan = planEmbeddedLayout({ ...base, dataDir: "/root/tether/.data", packageDir: "/root/tether/node_modules/x", runAs: postgres });
    expect(plan.databaseDir).toMatch(/^\/var\/lib\/tether\/clusters\/[0-9a-f]{16}\/postgres$/);
    expect(plan.runtimeDir).toBe("/var/lib/tether/runtime-18.4.0");
    expect(plan.relocated).toContain("cannot enter a directory above /root/tether/.data");
    const other = planEmbeddedLayout({ ...base, dataDir: "/root/other/.data", packageDir: "/root/tether/node_modules/x", runAs: postgres });
    expect(other.databaseDir).not.toBe(plan.databaseDir);
  });
});
