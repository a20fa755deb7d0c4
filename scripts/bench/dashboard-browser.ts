// The overview as a person meets it, for `npm run bench:dashboard`: the production web server (scripts/web-server.ts,
// no worker, so nothing probes the seeded integrations) on the bench database, its overview API timed over HTTP, and
// the page loaded in Chromium (playwright-core + Debian's /usr/bin/chromium): from navigation to the first rows
// visible, and to the page answering a key ("/" focuses the search box once hydrated). Needs a production build (`npm run build`); without one, or without
// Chromium, it says so and skips.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { request } from "undici";
import type { Db } from "../../lib/db/client";
import { sessionCookie } from "../../lib/auth/testing/session-cookie";
import { ROOT } from "./kit/children";
import { freePort } from "./kit/production-server";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SECRET = "bench-dashboard-secret-0123456789abcdef0123";

export interface BrowserTimings {
  skipped?: string;
  /** GET /api/integrations/overview over HTTP, per call, ms. */
  http: number[];
  /** Navigation start to the first row visible, per load, ms. */
  rowsVisible: number[];
  /** Navigation start to the page answering a key ("/" focuses the search box), per load, ms. */
  interactive: number[];
  rowsInDom: number;
  /** Where a load's time went, per counted load (the page's own Navigation and Resource Timing, ms from navigation start). */
  phases: LoadPhases[];
}

/** One load of `/` as the page's own timings tell it. */
export interface LoadPhases {
  /** The HTML's first byte (the server's render of the first page of rows, the session check, the data). */
  ttfb: number;
  /** The HTML's last byte. */
  htmlEnd: number;
  firstContentfulPaint: number | null;
  domContentLoaded: number;
  /** The JavaScript the page loaded: files and bytes over the wire (uncompressed bytes beside them). */
  scripts: number;
  scriptBytes: number;
  scriptDecodedBytes: number;
  /** The last script's response end. */
  scriptsEnd: number;
  /** The main thread's long tasks (> 50 ms) before interactive: how many, and their total. */
  longTasks: number;
  longTaskMs: number;
  /** Requests the page made after the HTML to its own API (none when the server rendered the data). */
  apiCalls: number;
}

export async function timeInBrowser(db: Db, url: string, opts: { httpRuns: number; loads: number; search: string }): Promise<BrowserTimings> {
  const out: BrowserTimings = { http: [], rowsVisible: [], interactive: [], rowsInDom: 0, phases: [] };
  if (!existsSync(`${ROOT}/.next/BUILD_ID`)) return { ...out, skipped: "no production build (.next): run `npm run build` first" };
  if (!existsSync(CHROMIUM)) return { ...out, skipped: `no Chromium at ${CHROMIUM}` };
  const user = await db.user.create({ data: { email: `bench-${Date.now()}@bench.local`, role: "viewer" } });
  const cookie = await sessionCookie(db, user.id, SECRET);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  const web = spawn(process.execPath, ["--import", "tsx", "scripts/web-server.ts", "--port", String(port), "--host", "127.0.0.1"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: Object.fromEntries(
      Object.entries({ ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: origin, NEXT_TELEMETRY_DISABLED: "1" }).filter(
        ([k]) => k !== "NODE_ENV",
      ),
    ) as NodeJS.ProcessEnv,
  });
  const ready = new Promise<void>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      lines.push(...text.split("\n").filter(Boolean));
      if (/Ready in/.test(text)) resolve();
    };
    web.stdout!.on("data", keep);
    web.stderr!.on("data", keep);
    web.once("exit", (code) => reject(new Error(`the web server exited (${code}):\n${lines.slice(-30).join("\n")}`)));
    setTimeout(() => reject(new Error(`the web server did not start in 120 s:\n${lines.slice(-30).join("\n")}`)), 120_000).unref();
  });
  try {
    await ready;
    const get = async (path: string) => {
      const res = await request(`${origin}${path}`, { headers: { cookie } });
      const body = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}: ${body.slice(0, 300)}`);
      return body;
    };
    // Warm: the first request loads the route's code.
    for (let k = 0; k < 3; k++) await get("/api/integrations/overview");
    await get("/");
    const paths = [
      "/api/integrations/overview",
      "/api/integrations/overview?sort=errors&page=3",
      `/api/integrations/overview?q=${encodeURIComponent(opts.search)}`,
      "/api/integrations/overview?status=degraded&sort=lastRun",
    ];
    for (let k = 0; k < opts.httpRuns; k++) {
      const t0 = performance.now();
      await get(paths[k % paths.length]!);
      out.http.push(performance.now() - t0);
    }

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const [name, ...rest] = cookie.split("=");
      for (let k = 0; k < opts.loads + 1; k++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await context.addCookies([{ name: name!, value: rest.join("="), url: origin }]);
        // Long tasks are observed from the first script on (buffered entries are not kept for them).
        await context.addInitScript(() => {
          const w = window as unknown as { __longTasks: number[] };
          w.__longTasks = [];
          try {
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) w.__longTasks.push(e.duration);
            }).observe({ type: "longtask", buffered: true });
          } catch {
            // not supported: reported as none
          }
        });
        const page = await context.newPage();
        const t0 = performance.now();
        await page.goto(`${origin}/`, { waitUntil: "commit" });
        await page.getByTestId("integration-row").first().waitFor({ state: "visible" });
        const t1 = performance.now();
        // Interactive: hydrated, so "/" (the page's own shortcut) moves focus into the search box. Before hydration a
        // key does nothing, so it is pressed again until it answers.
        for (;;) {
          await page.keyboard.press("/");
          if (await page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Search integrations")) break;
          if (performance.now() - t0 > 60_000) throw new Error("the search box never took the focus");
        }
        const t2 = performance.now();
        if (k > 0) {
          // The first load warms the server's page code; it is not counted.
          out.rowsVisible.push(t1 - t0);
          out.interactive.push(t2 - t0);
          out.phases.push(
            await page.evaluate((): LoadPhases => {
              // The page's own clock (this file's `performance` is Node's).
              const performance = window.performance;
              const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
              const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
              const scripts = res.filter((r) => r.initiatorType === "script" || /\.js(\?|$)/.test(r.name));
              const fcp = performance.getEntriesByName("first-contentful-paint")[0];
              const long = (window as unknown as { __longTasks?: number[] }).__longTasks ?? [];
              return {
                ttfb: nav.responseStart,
                htmlEnd: nav.responseEnd,
                firstContentfulPaint: fcp ? fcp.startTime : null,
                domContentLoaded: nav.domContentLoadedEventEnd,
                scripts: scripts.length,
                scriptBytes: scripts.reduce((n, r) => n + r.transferSize, 0),
                scriptDecodedBytes: scripts.reduce((n, r) => n + r.decodedBodySize, 0),
                scriptsEnd: Math.max(0, ...scripts.map((r) => r.responseEnd)),
                longTasks: long.length,
                longTaskMs: long.reduce((n, d) => n + d, 0),
                apiCalls: res.filter((r) => new URL(r.name).pathname.startsWith("/api/")).length,
              };
            }),
          );
        }
        out.rowsInDom = await page.getByTestId("integration-row").count();
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return out;
  } finally {
    try {
      process.kill(-web.pid!, "SIGTERM");
    } catch {
      // gone already
    }
    await db.userSession.deleteMany({ where: { userId: user.id } }).catch(() => undefined);
    await db.user.delete({ where: { id: user.id } }).catch(() => undefined);
  }
}
