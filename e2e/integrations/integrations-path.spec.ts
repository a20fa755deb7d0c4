// /integrations is where people type to find their integrations: it is the overview, with its filters kept.
import { expect, test } from "../fixtures";

test("/integrations lands on the overview and keeps its query", async ({ page }) => {
  await page.goto("/integrations?status=down");
  await expect(page).toHaveURL(/\/\?status=down$/);
  await expect(page.getByRole("heading", { name: "Integrations" })).toBeVisible();
  await expect(page.getByRole("radiogroup", { name: "Filter by status" }).getByRole("radio", { name: /^Down/ })).toBeChecked();
});
