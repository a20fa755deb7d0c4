// The CLI's view of a Tether server: GET /api/config and POST /api/config/apply with TETHER_URL and TETHER_TOKEN.
import { serverStateSchema, type ServerState } from "../../config-file/plan";

export class ServerUnreachable extends Error {
  override name = "ServerUnreachable";
}

/** The server answered with its error shape. */
export class ServerRefused extends Error {
  override name = "ServerRefused";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

export interface TetherServer {
  state(): Promise<ServerState>;
  apply(body: unknown): Promise<{ applied: { type: string; name: string; action: string }[]; fingerprint: string }>;
}

export function serverFromEnv(env: Readonly<Record<string, string | undefined>>, fetchImpl: typeof fetch = fetch): TetherServer | string {
  const base = env.TETHER_URL;
  const token = env.TETHER_TOKEN;
  if (!base) return "TETHER_URL is not set (e.g. TETHER_URL=https://tether.example.com)";
  if (!token) return "TETHER_TOKEN is not set (create an API token under Settings → API tokens)";
  let root: URL;
  try {
    root = new URL(base);
  } catch {
    return `TETHER_URL "${base}" is not a URL`;
  }
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetchImpl(new URL(path, root), {
        method,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body !== undefined && { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ServerUnreachable(
        `cannot reach ${root.origin}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
      );
    }
    const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
    if (!res.ok) {
      if (res.status >= 500 && !json?.error) throw new ServerUnreachable(`${root.origin} answered ${res.status}`);
      throw new ServerRefused(res.status, json?.error?.code ?? "unknown", json?.error?.message ?? `HTTP ${res.status}`, json?.error?.details);
    }
    return json;
  };
  return {
    state: async () => serverStateSchema.parse(await call("GET", "/api/config")),
    apply: async (body) => (await call("POST", "/api/config/apply", body)) as Awaited<ReturnType<TetherServer["apply"]>>,
  };
}
