import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("a failed delivery is found by filter, inspected, replayed, and shows the new attempt", async ({ page, api, request, sql }) => {
  const slug = `orders-${Date.now()}`;
  const created = await api.post("/api/webhooks/sources", { data: { name: `Orders ${slug}`, slug, scheme: "none", forwardUrl: `${E2E.demoURL}/hooks` } });
  expect(created.status()).toBe(201);
  // The relay target is failing when the webhook arrives.
  await request.post(`${E2E.demoURL}/_control/hooks?mode=fail`);
  const orderId = `ord_${Date.now()}`;
  const received = await request.post(`/api/webhooks/in/${slug}`, { data: { type: "order.created", orderId } });
  expect(received.status()).toBe(202);
  const { id } = (await received.json()) as { id: string };
  // Committed before the acknowledgement.
  expect(await sql(`SELECT status FROM "WebhookEvent" WHERE id = $1`, [id])).toHaveLength(1);

  await page.goto("/webhooks");
  await page.getByLabel("Status").click();
  await page.getByRole("option", { name: "failed, retrying" }).click();
  await page.getByLabel("Search payloads").fill(orderId);
  await page.getByLabel("Search payloads").press("Enter");
  const row = page.getByTestId("event-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("order.created");
  await expect(row).toContainText("HTTP 500");
  await row.getByRole("link", { name: "order.created" }).click();

  await expect(page.getByTestId("event-body")).toContainText(orderId);
  await expect(page.getByTestId("verification")).toContainText("Not verified");
  await expect(page.getByTestId("attempts")).toContainText("HTTP 500");

  await request.post(`${E2E.demoURL}/_control/hooks?mode=normal`);
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByTestId("attempts").getByText("(replay)")).toBeVisible();
  await expect(page.getByTestId("attempts")).toContainText("HTTP 200");
  await expect(page.locator("[data-event-status]").first()).toHaveAttribute("data-event-status", "processed");
  const deliveries = await sql<{ trigger: string; responseStatus: number }>(
    `SELECT trigger, "responseStatus" FROM "WebhookDelivery" WHERE "eventId" = $1 ORDER BY attempt`,
    [id],
  );
  expect(deliveries.at(-1)).toEqual({ trigger: "replay", responseStatus: 200 });
});
