// An integration probed from listed locations shows each location's latest run, and its health goes by the quorum.
// Seeded through the database with slots due in 2100, so no worker probes it and what shows is what was seeded.
import { connectSql, expect, test } from "../fixtures";

const NAME = `loc${Date.now().toString(36)}`;
let id = "";

test.beforeAll(async () => {
  const { sql, close } = await connectSql();
  try {
    const [row] = await sql<{ id: string }>(
      `INSERT INTO "Integration" (id, name, kind, config, "intervalSeconds", "timeoutMs", locations, quorum, "nextRunAt", "updatedAt")
       VALUES (gen_random_uuid(), $1, 'http', jsonb_build_object('method', 'GET', 'url', 'http://127.0.0.1:9/' || $1, 'headers', '[]'::jsonb, 'expectedStatus', '2xx'),
         60, 1000, ARRAY['eu-west', 'us-east', 'ap-south'], 2, timestamp '2100-01-01', now())
       RETURNING id::text`,
      [NAME],
    );
    id = row!.id;
    await sql(
      `INSERT INTO "IntegrationLocation" ("integrationId", location, "nextRunAt") SELECT $1::uuid, l, timestamp '2100-01-01' FROM unnest(ARRAY['eu-west', 'us-east', 'ap-south']) l`,
      [id],
    );
    // eu-west fails, us-east passes, ap-south has not run yet: one failing of a quorum of two is degraded, not down.
    await sql(
      `INSERT INTO "ProbeRun" ("integrationId", location, "scheduledFor", "startedAt", "finishedAt", "latencyMs", ok, "errorMessage", attempts, "circuitState", trigger, trace)
       VALUES ($1::uuid, 'eu-west', now() - interval '1 minute', now() - interval '1 minute', now() - interval '1 minute', 412, false, 'connect ECONNREFUSED', 1, 'closed', 'scheduled', '{}'),
              ($1::uuid, 'us-east', now() - interval '1 minute', now() - interval '1 minute', now() - interval '1 minute', 87, true, null, 1, 'closed', 'scheduled', '{}')`,
      [id],
    );
  } finally {
    await close();
  }
});

test.afterAll(async () => {
  const { sql, close } = await connectSql();
  await sql(`DELETE FROM "Integration" WHERE name = $1`, [NAME]).finally(close);
});

test("the Locations section shows each listed location's latest result, latency and time", async ({ page, sql }) => {
  await page.goto(`/integrations/${id}`);
  const card = page.getByTestId("locations-card");
  await expect(card.getByText("Locations", { exact: true })).toBeVisible();
  await expect(card).toContainText("down when 2 of 3 fail");
  await expect(card.getByTestId("location-eu-west")).toContainText("failing");
  await expect(card.getByTestId("location-eu-west")).toContainText("412 ms");
  await expect(card.getByTestId("location-us-east")).toContainText("up");
  await expect(card.getByTestId("location-us-east")).toContainText("87 ms");
  await expect(card.getByTestId("location-ap-south")).toContainText("no run yet");
  // As stored: one run per location that has run, each naming its location.
  const runs = await sql<{ location: string; ok: boolean }>(`SELECT location, ok FROM "ProbeRun" WHERE "integrationId" = $1::uuid ORDER BY location`, [id]);
  expect(runs).toEqual([
    { location: "eu-west", ok: false },
    { location: "us-east", ok: true },
  ]);
});
