// The deployment files cannot be built here (no Docker engine on the project's machines), so this checks what can
// be checked without one: compose.yaml parses and builds from the Dockerfile, which runs the same start path as
// `npm start`, as a non-root user, and copies nothing the .dockerignore keeps out.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startCommand } from "./bench/kit/production-server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}${file}`, "utf8");

interface Compose {
  services: Record<string, { image?: string; build?: { context: string; dockerfile: string }; environment?: Record<string, string>; depends_on?: object }>;
}

describe("deployment files", () => {
  const compose = parse(read("compose.yaml")) as Compose;
  const dockerfile = read("Dockerfile");
  const instructions = dockerfile
    .split("\n")
    .filter((l) => /^[A-Z]+\s/.test(l))
    .map((l) => l.split(/\s+/)[0]);

  it("compose.yaml runs Tether from the Dockerfile, against the PostgreSQL beside it", () => {
    const tether = compose.services.tether!;
    expect(existsSync(`${ROOT}${tether.build!.context}/${tether.build!.dockerfile}`)).toBe(true);
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(tether.environment!.DATABASE_URL).toMatch(/^postgresql:\/\/tether:.*@postgres:5432\/tether$/);
    expect(Object.keys(tether.depends_on!)).toEqual(["postgres"]);
  });

  it("npm start execs node, so npm's script shell does not stay beside it", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: { start: string } }).scripts.start;
    expect(start).toMatch(/^([A-Z_][A-Z0-9_]*=\S* )*exec node /);
    expect(startCommand(start).args).toEqual(startCommand(start.replace("exec ", "")).args);
  });

  it("the Dockerfile is multi-stage, runs as a non-root user, and starts the built scripts/start.mjs as npm start does", () => {
    expect(instructions.filter((i) => i === "FROM").length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(instructions.lastIndexOf("USER")).toBeLessThan(instructions.lastIndexOf("CMD"));
    const start = startCommand();
    // The same program, node flags and environment as `npm start`, minus npm; and no TypeScript compiled at run time.
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd).toEqual(["node", ...start.args]);
    expect(start.args.join(" ")).toMatch(/^(--\S+ )*scripts\/start\.mjs$/);
    expect(start.env).toEqual({ MALLOC_ARENA_MAX: "2" });
    // The runtime stage's ENV sets what the start command line sets in front of node.
    for (const [name, value] of Object.entries(start.env)) expect(dockerfile).toMatch(new RegExp(`^\\s+${name}=${value} \\\\$`, "m"));
    expect(dockerfile).not.toMatch(/tsx/);
    // The build stage builds the server bundles too, so the container compiles nothing at start.
    expect(dockerfile).toMatch(/^RUN .*npm run build && node scripts\/start\.mjs --build-only/m);
    for (const file of ["scripts/start.mjs", "scripts/start.ts", "scripts/generate-prisma.mjs", "package-lock.json", "prisma/schema.prisma"])
      expect(existsSync(`${ROOT}${file}`)).toBe(true);
  });

  it(".dockerignore keeps local state and installs out of the image", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", ".next", ".data", "lib/db/generated", ".git"]) expect(ignored).toContain(entry);
  });
});
