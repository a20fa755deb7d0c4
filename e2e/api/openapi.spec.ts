// The API's contract is published: anyone can read /api/openapi.json from the running server, and what it
// documents is what the server answers (a documented read, called with a real API token).
import { expect, test } from "../fixtures";
import { E2E } from "../env";

test("GET /api/openapi.json is public and describes the running API", async ({ api, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: E2E.baseURL });
  const res = await anonymous.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { security: unknown[] }>> };
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/integrations"]!.get!.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  // The same caller is refused a documented private route, with the documented error shape.
  const refused = await anonymous.get("/api/integrations");
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  await anonymous.dispose();
  // With a token, the documented list answers.
  const list = await api.get("/api/integrations");
  expect(list.status()).toBe(200);
  expect(Array.isArray(await list.json())).toBe(true);
});
