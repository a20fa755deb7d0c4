import { E2E } from "../env";
import { expect, test } from "../fixtures";

test("a source is edited and disabled from its page; a disabled source answers 410", async ({ page, api, request, sql }) => {
  const slug = `edit-${Date.now()}`;
  const created = await api.post("/api/webhooks/sources", { data: { name: `Edit ${slug}`, slug, scheme: "none" } });
  expect(created.status()).toBe(201);

  await page.goto("/webhooks/sources");
  const row = page.getByTestId("sources-list").locator("li", { hasText: `Edit ${slug}` });
  await row.getByRole("button", { name: `Edit Edit ${slug}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(`Renamed ${slug}`);
  await dialog.getByLabel("Relay to (optional)").fill(`${E2E.demoURL}/hooks`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const renamed = page.getByTestId("sources-list").locator("li", { hasText: `Renamed ${slug}` });
  await expect(renamed).toContainText("Relays to");

  await renamed.getByRole("switch", { name: `Renamed ${slug} enabled` }).click();
  await expect(renamed).toContainText("disabled: answers 410");
  expect(await sql<{ enabled: boolean }>(`SELECT enabled FROM "WebhookSource" WHERE slug = $1`, [slug])).toEqual([{ enabled: false }]);
  expect((await request.post(`/api/webhooks/in/${slug}`, { data: { type: "ping" } })).status()).toBe(410);
});

test("an admin edits an event's body and replays it; the stored event stays as received", async ({ page, api, request, sql }) => {
  const slug = `replay-${Date.now()}`;
  expect(
    (await api.post("/api/webhooks/sources", { data: { name: `Replay ${slug}`, slug, scheme: "none", forwardUrl: `${E2E.demoURL}/hooks` } })).status(),
  ).toBe(201);
  const received = await request.post(`/api/webhooks/in/${slug}`, { data: { type: "order.created", amount: 100 } });
  expect(received.status()).toBe(202);
  const { id } = (await received.json()) as { id: string };

  await page.goto(`/webhooks/events/${id}`);
  await page.getByRole("button", { name: "Edit and replay" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Body").fill('{"type":"order.created","amount":1000}');
  await dialog.getByRole("button", { name: "Send edited copy" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("attempts").getByText("edited replay")).toBeVisible();

  const deliveries = await sql<{ trigger: string; sent: string }>(
    `SELECT trigger, convert_from("requestBody", 'UTF8') AS sent FROM "WebhookDelivery" WHERE "eventId" = $1 AND trigger = 'edited_replay'`,
    [id],
  );
  expect(deliveries).toEqual([{ trigger: "edited_replay", sent: '{"type":"order.created","amount":1000}' }]);
  expect(await sql<{ body: string }>(`SELECT convert_from(body, 'UTF8') AS body FROM "WebhookEvent" WHERE id = $1`, [id])).toEqual([
    { body: '{"type":"order.created","amount":100}' },
  ]);
});
