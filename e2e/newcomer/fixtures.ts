// The newcomer's fixtures: a fresh browser context that nobody signed in (no API shortcut), and a watch on
// everything a person would notice. Every test fails on a console error, an uncaught page error, a failed
// response or request, or a navigation loop, unless the allow-list below names it with its reason.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type Request } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { demoAdmin } from "../fixtures";

interface Allowed {
  allows: (request: Request, error: string) => boolean;
  why: string;
}

/** The request and every request it was redirected from, newest first. */
function hops(r: Request): Request[] {
  const out: Request[] = [];
  for (let h: Request | null = r; h; h = h.redirectedFrom()) out.push(h);
  return out;
}

/** What a healthy session may show. Keep it short: each entry hides something a person could see. */
const ALLOWED_FAILED_REQUESTS: Allowed[] = [
  {
    // The router's fetches carry an `rsc` header and `_rsc` in the URL; a redirect to /signin drops both from the
    // next hop, so the hop it was redirected from is asked too.
    allows: (r, error) => error === "net::ERR_ABORTED" && hops(r).some((h) => h.headers()["rsc"] === "1" || /[?&]_rsc=/.test(h.url())),
    why: "the router cancels its own prefetches and superseded page loads when a navigation (or sign-out) starts; nothing failed",
  },
  {
    // Seen once in CI (2026-12-03): signing out left the page while Chromium was still fetching its tab icon.
    allows: (r, error) => error === "net::ERR_ABORTED" && new URL(r.url()).pathname === "/icon.svg",
    why: "the browser cancels a page's tab icon when the page is left before it arrives; the next page loads its own",
  },
];

export interface Watch {
  problems: string[];
  navigations: string[];
}

/**
 * Fails on a loop: the same page navigated to over and over (the sign-in loop made ~1,400 navigations in 15 s).
 * A page load can count twice (the load, then the router's own history entry), so a few in a row are normal.
 */
function loopIn(navigations: string[]): string | null {
  let run = 1;
  for (let i = 1; i < navigations.length; i++) {
    run = navigations[i] === navigations[i - 1] ? run + 1 : 1;
    if (run > 6) return `${navigations[i]} was navigated to ${run} times in a row`;
  }
  return navigations.length > 80 ? `${navigations.length} main-frame navigations in one test` : null;
}

export const test = base.extend<{ watch: Watch }>({
  watch: [
    async ({ page }, use, testInfo) => {
      const watch: Watch = { problems: [], navigations: [] };
      page.on("console", (m) => {
        if (m.type() === "error") watch.problems.push(`console error: ${m.text()} (at ${m.location().url})`);
      });
      page.on("pageerror", (e) => watch.problems.push(`page error on ${page.url()}: ${e.message}`));
      page.on("response", (r) => {
        if (r.status() >= 400) watch.problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
      });
      page.on("requestfailed", (r) => {
        const error = r.failure()?.errorText ?? "";
        if (!ALLOWED_FAILED_REQUESTS.some((a) => a.allows(r, error))) watch.problems.push(`request failed: ${r.method()} ${r.url()} ${error}`);
      });
      page.on("framenavigated", (f) => {
        if (f === page.mainFrame()) watch.navigations.push(f.url());
      });
      await use(watch);
      const loop = loopIn(watch.navigations);
      if (loop) watch.problems.push(`navigation loop: ${loop}`);
      await testInfo.attach("navigations", { body: watch.navigations.join("\n"), contentType: "text/plain" });
      expect(watch.problems, "console errors, page errors, failed requests or navigation loops").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Signs in the way a person does: the form on /signin, with the demo admin's printed credentials. */
export async function signInThroughForm(page: Page): Promise<void> {
  const { email, password } = demoAdmin();
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Sign in to Tether" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
}

const ARTIFACTS = "e2e/artifacts/newcomer";

/**
 * Checks the page in both themes against WCAG 2.1 A and AA (axe-core) and keeps a screenshot of each for people
 * to look at (e2e/artifacts/newcomer/<name>-light.png, -dark.png).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    // Radix and Recharts settle their layout on the next frame; axe reads computed colours.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const found = violations.map(
      (v) =>
        `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
    expect(found, `WCAG 2.1 A/AA violations on ${name} (${theme})`).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${theme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}
