import { expect, test } from "../fixtures";

test("a maintenance window is created in the dialog, listed as muting now, and expired (removed)", async ({ page, sql }) => {
  const reason = `Billing database upgrade ${Date.now()}`;
  await page.goto("/alerts/silences");
  await page.getByRole("button", { name: "New silence" }).click();
  const dialog = page.getByRole("dialog");
  // Inline validation: a reason is required.
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "Say why" })).toBeVisible();

  await dialog.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "Maintenance window" }).click();
  await dialog.getByRole("combobox", { name: "Mutes" }).click();
  await page.getByRole("option", { name: "Integrations with a tag" }).click();
  await dialog.getByLabel("Tag", { exact: true }).fill("payments");
  await dialog.getByRole("button", { name: "4 h" }).click();
  await dialog.getByLabel("Reason", { exact: true }).fill(reason);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("silence-row").filter({ hasText: reason });
  await expect(row).toContainText("Maintenance");
  await expect(row).toContainText("tag payments");
  await expect(row).toContainText("muting now");
  const [stored] = await sql<{ id: string; kind: string; tag: string; hours: number }>(
    `SELECT id, kind::text, tag, round(extract(epoch FROM "endsAt" - "startsAt") / 3600) AS hours FROM "AlertSilence" WHERE reason = $1`,
    [reason],
  );
  expect(stored).toMatchObject({ kind: "maintenance", tag: "payments", hours: "4" });

  await row.getByRole("button", { name: "Expire now" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Expire now" }).click();
  await expect(row).toHaveCount(0);
  expect(await sql(`SELECT 1 FROM "AlertSilence" WHERE id = $1`, [stored!.id])).toEqual([]);
});
