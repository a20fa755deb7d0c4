// Route-handler glue: parse, call lib/, answer JSON; every error goes through toErrorResponse.
import { z } from "zod";
import { ApiError, toErrorResponse } from "./errors";
import { createLogger } from "../observability/logger";

const log = createLogger("api");

type RouteContext<P> = { params: Promise<P> };

export function handle<P = Record<string, never>>(fn: (req: Request, params: P) => Promise<unknown>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const result = await fn(req, await ctx.params);
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      const { status, body } = toErrorResponse(err);
      if (status >= 500) log.error(`${req.method} ${new URL(req.url).pathname} failed`, { error: err instanceof Error ? err.message : String(err) });
      return Response.json(body, { status });
    }
  };
}

export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) throw new ApiError(400, "bad_request", "Send a JSON body");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "bad_request", "The body is not valid JSON");
  }
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

export const idParams = z.object({ id: z.uuid({ error: "Not an integration id" }) });

export function parseId(params: unknown): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) throw new ApiError(404, "not_found", "No integration with that id");
  return parsed.data.id;
}
