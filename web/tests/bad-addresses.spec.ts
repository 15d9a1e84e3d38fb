import { expect, test } from "@playwright/test";
import { Keyward } from "./support/keyward";
import { signIn } from "./support/portal";

test("an out-of-range 'unused for days' in the address is a field error, also after a reload", async ({ page }) => {
  const user = await new Keyward().createUserWithKey();
  await signIn(page, user.key);
  await page.goto("/#/keys?unusedDays=1e9");
  const field = page.getByRole("spinbutton", { name: "Unused for days" });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a whole number of days, from 1 to 36500.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();
  await expect(page.getByText("Enter a whole number of days, from 1 to 36500.")).toBeVisible();
});

test("a malformed key address shows the not-found page", async ({ page }) => {
  const user = await new Keyward().createUserWithKey();
  await signIn(page, user.key);
  await page.goto("/#/keys/%E0");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();
});
