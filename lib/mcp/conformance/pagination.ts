// List pagination (spec: "Pagination"): a list method is called again with each `nextCursor` until none is given.
// A cursor handed out twice would loop a client forever (error); a walk that reaches the page cap with more to
// come is a warning (the list is not known whole).
import type { Finding } from "../types";
import type { ListWalk, ServerFacts } from "./facts";
import { clip, isSessionFatal } from "./failure";
import type { McpSession } from "./session";

export const DEFAULT_PAGE_CAP = 50;

const ITEMS_KEY: Record<ListWalk["method"], string> = {
  "tools/list": "tools",
  "resources/list": "resources",
  "resources/templates/list": "resourceTemplates",
  "prompts/list": "prompts",
};

/** Walks one list; a session-ending error (timeout, connection lost) is thrown, anything else is kept on the walk. */
export async function walkList(session: McpSession, method: ListWalk["method"], advertised: boolean, pageCap: number): Promise<ListWalk> {
  const walk: ListWalk = { method, advertised, items: [], pages: 0 };
  if (!advertised) return walk;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    if (walk.pages >= pageCap) {
      walk.capHit = pageCap;
      break;
    }
    let result: Record<string, unknown>;
    try {
      result = await session.request(method, cursor === undefined ? undefined : { cursor });
    } catch (err) {
      if (isSessionFatal(err)) throw err;
      walk.error = clip(err instanceof Error ? err.message : String(err));
      break;
    }
    walk.pages++;
    const items = result[ITEMS_KEY[method]];
    if (!Array.isArray(items)) {
      walk.error = `The answer has no ${ITEMS_KEY[method]} array`;
      break;
    }
    walk.items.push(...items.filter((i): i is Record<string, unknown> => typeof i === "object" && i !== null && !Array.isArray(i)));
    const next = result.nextCursor;
    if (typeof next !== "string" || next === "") break;
    if (seen.has(next)) {
      walk.repeatedCursor = next;
      break;
    }
    seen.add(next);
    cursor = next;
  }
  return walk;
}

export function paginationChecks(facts: ServerFacts): Finding[] {
  const findings: Finding[] = [];
  for (const walk of [facts.tools, facts.resources, facts.resourceTemplates, facts.prompts]) {
    if (walk.repeatedCursor !== undefined) {
      findings.push({
        rule: "pagination-cursor-repeated",
        severity: "error",
        message: `${walk.method} handed out the same nextCursor twice; a client following it would loop forever`,
        subject: walk.method,
        detail: `cursor ${clip(JSON.stringify(walk.repeatedCursor), 80)} after ${walk.pages} pages`,
      });
    }
    if (walk.capHit !== undefined) {
      findings.push({
        rule: "pagination-page-cap",
        severity: "warning",
        message: `${walk.method} still had a nextCursor after ${walk.capHit} pages; only those pages were checked`,
        subject: walk.method,
        detail: `${walk.items.length} items in ${walk.capHit} pages`,
      });
    }
  }
  return findings;
}
