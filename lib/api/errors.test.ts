import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, STATUS_OF, toErrorResponse } from "./errors";

describe("ApiError", () => {
  it("takes its status from its code", () => {
    for (const [code, status] of Object.entries(STATUS_OF)) expect(new ApiError(code as keyof typeof STATUS_OF, "x").status).toBe(status);
  });

  it("has one way to say each common answer", () => {
    expect(toErrorResponse(ApiError.notFound("alert rule"))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "No alert rule with that id", details: undefined } },
      headers: undefined,
    });
    expect(ApiError.badRequest("Send a JSON body")).toMatchObject({ status: 400, code: "bad_request", message: "Send a JSON body" });
    expect(ApiError.forbidden("No", { fields: { role: ["Above your own role"] } })).toMatchObject({ status: 403, code: "forbidden" });
    expect(ApiError.conflict("Taken")).toMatchObject({ status: 409, code: "conflict", message: "Taken" });
  });

  it("reports field errors the way a schema's errors are reported", () => {
    const schema = z.object({ name: z.string({ error: "Enter a name" }) });
    const fromSchema = toErrorResponse(schema.safeParse({}).error);
    const fromFields = toErrorResponse(ApiError.invalidFields({ name: ["Enter a name"] }));
    expect(fromFields).toEqual({ ...fromSchema, headers: undefined });
  });
});

describe("an unreachable or unresponsive database", () => {
  it("answers 503 with Retry-After, for each way node-postgres and Prisma report it, wrapped or not", () => {
    const reported = [
      new Error("timeout exceeded when trying to connect"),
      new Error("Query read timeout"),
      new Error("Connection terminated due to connection timeout"),
      new Error("Client was closed and is not queryable"),
      Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      new Error("Invalid `prisma.x()` invocation", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }) }),
    ];
    for (const err of reported) {
      expect(toErrorResponse(err), err.message).toMatchObject({ status: 503, body: { error: { code: "unavailable" } }, headers: { "retry-after": "5" } });
    }
  });

  it("leaves other failures a 500", () => {
    expect(toErrorResponse(new Error('relation "t" does not exist')).status).toBe(500);
  });
});
