// An integration probed from listed locations shows each location's latest run, and its health goes by the quorum.
// Seeded through the database with slots due in 2100, so no worker probes it and what shows is what was seeded.
// The e2e server's own worker has no TETHER_LOCATION: a heartbeat row seeded for eu-west stands in for a worker there,
// so eu-west is a known, served location and us-east and ap-south are not.
import { E2E } from "../env";
import { connectSql, expect, test } from "../fixtures";

const NAME = `loc${Date.now().toString(36)}`;
const WORKER = `e2e-eu-west-${Date.now().toString(36)}`;
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
      `INSERT INTO "WorkerHeartbeat" (id, hostname, pid, "startedAt", "lastSeenAt", concurrency, "inFlight", current, location)
       VALUES ($1, 'eu-host', 4242, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 8, 0, '[]'::jsonb, 'eu-west')`,
      [WORKER],
    );
    await sql(
      `INSERT INTO "IntegrationLocation" ("integrationId", location, "nextRunAt") SELECT $1::uuid, l, timestamp '2100-01-01' FROM unnest(ARRAY['eu-west', 'us-east', 'ap-south']) l`,
      [id],
    );
    // eu-west's own breaker has opened on its failures; the others' are closed.
    await sql(
      `UPDATE "IntegrationLocation" SET "circuitState" = 'open', "consecutiveFailures" = 5, "openedAt" = now() AT TIME ZONE 'UTC', "lastRunOk" = false,
         "lastRunAt" = (now() - interval '1 minute') AT TIME ZONE 'UTC' WHERE "integrationId" = $1::uuid AND location = 'eu-west'`,
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
  await sql(`DELETE FROM "WorkerHeartbeat" WHERE id = $1`, [WORKER]);
  await sql(`DELETE FROM "Integration" WHERE name = $1 OR name = $2`, [NAME, `${NAME} form`]).finally(close);
});

test("the Locations section shows each listed location's latest result, latency and time", async ({ page, sql }, testInfo) => {
  await page.goto(`/integrations/${id}`);
  const card = page.getByTestId("locations-card");
  await expect(card.getByText("Locations", { exact: true })).toBeVisible();
  await expect(card).toContainText("down when 2 of 3 fail");
  await expect(card.getByTestId("location-eu-west")).toContainText("failing");
  await expect(card.getByTestId("location-eu-west")).toContainText("412 ms");
  await expect(card.getByTestId("location-us-east")).toContainText("up");
  await expect(card.getByTestId("location-us-east")).toContainText("87 ms");
  // Each location's own breaker: eu-west's is open, which leaves the integration's (a quorum of two) closed.
  await expect(card.getByTestId("location-eu-west")).toContainText("circuit open");
  await expect(card.getByTestId("location-us-east")).not.toContainText("circuit");
  await card.screenshot({ path: testInfo.outputPath("locations-card-circuits.png") });
  await expect(card.getByTestId("location-ap-south")).toContainText("no run yet");
  // Each location's own day beside its latest run: eu-west's one run failed, us-east's passed.
  await expect(card.getByTestId("location-eu-west").getByTestId("location-24h")).toHaveText("24 h: 100.0% errors · p95 412 ms · 1 run");
  await expect(card.getByTestId("location-us-east").getByTestId("location-24h")).toHaveText("24 h: 0.0% errors · p95 87 ms · 1 run");
  await expect(card.getByTestId("location-ap-south").getByTestId("location-24h")).toHaveText("no runs in 24 h");
  // No worker serves us-east or ap-south: the card says so; eu-west has one.
  const unserved = card.getByTestId("unserved-locations");
  await expect(unserved).toContainText("No worker in us-east has been seen in the last 5 minutes");
  await expect(unserved).toContainText("No worker in ap-south has been seen in the last 5 minutes");
  await expect(unserved).not.toContainText("eu-west");
  await expect(card.getByTestId("location-us-east")).toContainText("no worker");
  await expect(card.getByTestId("location-eu-west")).not.toContainText("no worker");
  // As stored: one run per location that has run, each naming its location.
  const runs = await sql<{ location: string; ok: boolean }>(`SELECT location, ok FROM "ProbeRun" WHERE "integrationId" = $1::uuid ORDER BY location`, [id]);
  expect(runs).toEqual([
    { location: "eu-west", ok: false },
    { location: "us-east", ok: true },
  ]);
});

test("the form lists locations as chips, offers the known ones, bounds the quorum, and the page shows them", async ({ page, sql }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  page.on("pageerror", (err) => void consoleErrors.push(err.message));
  const name = `${NAME} form`;
  await page.goto("/integrations/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("URL").fill(`${E2E.demoURL}/healthy`);
  await page.getByLabel("Interval (seconds)").fill("60");
  await page.getByLabel("Timeout per attempt (ms)").fill("2000");

  // eu-west is known (a worker reported it): one click lists it. The others are typed; Enter and a comma add them.
  const known = page.getByRole("group", { name: "Known locations" });
  await known.getByRole("button", { name: "eu-west" }).click();
  await expect(known.getByRole("button", { name: "eu-west" })).toHaveAttribute("aria-pressed", "true");
  const locations = page.getByLabel("Locations", { exact: true });
  await locations.fill("us-east");
  await locations.press("Enter");
  await locations.pressSequentially("AP-South,");
  await expect(page.getByTestId("tag")).toHaveText(["eu-west", "us-east", "ap-south"]);
  // Nothing serves us-east or ap-south yet: the form says so before saving.
  await expect(page.getByTestId("unserved-locations")).toContainText("No worker in us-east has been seen in the last 5 minutes");
  await expect(page.getByTestId("unserved-locations")).not.toContainText("eu-west");

  // A quorum above the number of locations, and a location that is not a slug, are refused on their fields.
  const quorum = page.getByLabel("Down when failing in");
  await quorum.fill("5");
  await locations.fill("eu_west!");
  await locations.press("Enter");
  await page.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByText("The quorum cannot exceed the number of locations")).toBeVisible();
  await expect(page.getByText("eu_west!: A location is a slug: lowercase letters, digits and dashes, up to 40")).toBeVisible();
  await expect(locations).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: testInfo.outputPath("form-errors.png") });
  await expect(page).toHaveURL(/\/integrations\/new$/);
  expect(await sql(`SELECT 1 FROM "Integration" WHERE name = $1`, [name])).toHaveLength(0);
  // Fixing them clears the errors live.
  await page.getByRole("button", { name: "Remove eu_west!" }).click();
  await expect(page.getByText(/A location is a slug/)).toHaveCount(0);
  await quorum.fill("2");
  await expect(page.getByText("The quorum cannot exceed the number of locations")).toHaveCount(0);
  await page.getByRole("button", { name: "Create integration" }).click();

  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]{36}$/);
  const newId = page.url().split("/").pop()!;
  const card = page.getByTestId("locations-card");
  await expect(card).toContainText("down when 2 of 3 fail");
  for (const l of ["eu-west", "us-east", "ap-south"]) await expect(card.getByTestId(`location-${l}`)).toContainText("no run yet");
  await expect(card.getByTestId("unserved-locations")).toContainText("No worker in ap-south");
  await card.screenshot({ path: testInfo.outputPath("locations-card.png") });
  const [stored] = await sql<{ locations: string[]; quorum: number | null }>(`SELECT locations, quorum FROM "Integration" WHERE id = $1::uuid`, [newId]);
  expect(stored).toEqual({ locations: ["eu-west", "us-east", "ap-south"], quorum: 2 });
  const slots = await sql<{ location: string }>(`SELECT location FROM "IntegrationLocation" WHERE "integrationId" = $1::uuid ORDER BY location`, [newId]);
  expect(slots.map((r) => r.location)).toEqual(["ap-south", "eu-west", "us-east"]);

  // Editing keeps them, and clearing the quorum stores none ("all of them").
  await page.goto(`/integrations/${newId}/edit`);
  await expect(page.getByTestId("tag")).toHaveText(["eu-west", "us-east", "ap-south"]);
  await expect(page.getByLabel("Down when failing in")).toHaveValue("2");
  await page.getByLabel("Locations", { exact: true }).focus();
  await page.keyboard.press("Backspace");
  await expect(page.getByTestId("tag")).toHaveText(["eu-west", "us-east"]);
  await page.getByLabel("Down when failing in").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/integrations/${newId}$`));
  await expect(page.getByTestId("locations-card")).toContainText("down when 2 of 2 fail");
  const [edited] = await sql<{ locations: string[]; quorum: number | null }>(`SELECT locations, quorum FROM "Integration" WHERE id = $1::uuid`, [newId]);
  expect(edited).toEqual({ locations: ["eu-west", "us-east"], quorum: null });
  expect(consoleErrors).toEqual([]);
});

test("the Workers page names each worker's location and warns about a listed location no worker serves", async ({ page }, testInfo) => {
  const consoleErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
  await page.goto("/workers");
  const row = page.getByTestId("worker-row").filter({ hasText: "eu-host" });
  await expect(row.getByTestId("worker-location")).toHaveText("eu-west");
  // The e2e server's own worker has no location.
  await expect(page.getByTestId("worker-row").filter({ hasNotText: "eu-host" }).first().getByTestId("worker-location")).toHaveText("none");
  await expect(page.getByTestId("unserved-us-east")).toContainText("No worker in us-east has been seen in the last 5 minutes");
  await expect(page.getByTestId("unserved-us-east")).toContainText("TETHER_LOCATION=us-east npm run worker");
  await expect(page.getByTestId("unserved-eu-west")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("workers.png") });
  expect(consoleErrors).toEqual([]);
});
