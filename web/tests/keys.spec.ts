import { expect, test, type Page } from "@playwright/test";
import { Keyward, unique, type KeyPair } from "./support/keyward";
import { signIn } from "./support/portal";

// A user who may hold keys on a resource of a non-prod environment, with two
// keys of its own there, created through the API as that user.
async function userWithKeys() {
  const admin = new Keyward();
  const environmentId = await admin.createEnvironment("dev");
  const resourceName = unique("payments");
  const resourceId = await admin.createResource(environmentId, undefined, resourceName);
  const user = await admin.createUserWithKey();
  await admin.grant(user.accountId, "CloudClusterAdmin", resourceId);
  const asUser = new Keyward(user.key);
  const first = await asUser.createApiKey(user.accountId, resourceId, unique("billing worker"));
  const second = await asUser.createApiKey(user.accountId, resourceId, unique("reporting job"));
  return { admin, asUser, user, resourceId, resourceName, first, second };
}

function keyRow(page: Page, keyId: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: keyId, exact: true }) });
}

async function openKey(page: Page, keyId: string) {
  await page.getByRole("link", { name: keyId, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Key ${keyId}` })).toBeVisible();
}

test("a user sees its own keys, with their resource and description, and nobody else's", async ({ page }) => {
  const { admin, user, resourceId, resourceName, first, second } = await userWithKeys();
  // Someone else's key on the same resource.
  const other = await admin.createUserWithKey();
  await admin.grant(other.accountId, "CloudClusterAdmin", resourceId);
  const othersKey = await new Keyward(other.key).createApiKey(other.accountId, resourceId, "not yours");

  await signIn(page, user.key);
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();
  const firstRow = keyRow(page, first.keyId);
  await expect(firstRow).toContainText(resourceName);
  await expect(firstRow).toContainText("billing worker");
  await expect(firstRow).toContainText("Active");
  await expect(keyRow(page, second.keyId)).toBeVisible();
  // The sign-in key is a Cloud key of the user's own.
  await expect(keyRow(page, user.key.keyId)).toContainText("Cloud");
  await expect(page.getByRole("link", { name: othersKey.keyId })).toHaveCount(0);

  await page.getByLabel("Resource").selectOption({ value: "cloud" });
  await expect(keyRow(page, user.key.keyId)).toBeVisible();
  await expect(page.getByRole("link", { name: first.keyId })).toHaveCount(0);
});

test("disabling a key shows it as disabled, and the state filter finds it", async ({ page }) => {
  const { user, first, second } = await userWithKeys();
  await signIn(page, user.key);
  await openKey(page, first.keyId);
  await expect(page.getByText("No verifications in the last 30 days.")).toBeVisible();
  await page.getByRole("button", { name: "Disable key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Key disabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable key" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Disabled$/ })).toBeVisible();

  await page.getByRole("link", { name: "Back to my keys" }).click();
  await page.getByLabel("State").selectOption("Disabled");
  await expect(keyRow(page, first.keyId)).toContainText("Disabled");
  await expect(page.getByRole("link", { name: second.keyId })).toHaveCount(0);

  await page.getByLabel("State").selectOption("Active");
  await expect(keyRow(page, second.keyId)).toBeVisible();
  await expect(page.getByRole("link", { name: first.keyId })).toHaveCount(0);

  // The filter is in the address: a reload keeps it.
  await page.reload();
  await expect(page.getByLabel("State")).toHaveValue("API_KEY_STATE_ACTIVE");
  await expect(page.getByRole("link", { name: first.keyId })).toHaveCount(0);
});

test("deleting a key just used warns key_recently_used and needs its id typed", async ({ page }) => {
  const { admin, user, resourceId, first } = await userWithKeys();
  const { data: verdict } = await admin.api.POST("/v1/api-keys:verify", {
    body: { key: first.keyId, secret: first.secret, resourceId },
  });
  expect(verdict?.valid).toBe(true);
  // Usage is recorded in batches, within about a second.
  await expect
    .poll(async () => (await admin.getApiKey(first.keyId)).data?.lastUsedTime ?? "", { timeout: 10_000 })
    .not.toBe("");

  await signIn(page, user.key);
  await openKey(page, first.keyId);
  await expect(page.getByRole("img", { name: /Valid verifications per day/ })).toBeVisible();
  await expect(page.getByRole("list", { name: /Totals/ })).toContainText("Valid: 1");

  await page.getByRole("button", { name: "Delete key…" }).click();
  // Focus moves to what the check found, then the confirmation.
  await expect(page.getByRole("form", { name: "Confirm deleting this key" })).toBeFocused();
  await expect(page.locator('[data-rule="key_recently_used"]')).toContainText("key_recently_used");
  const remove = page.getByRole("button", { name: "Delete key permanently" });
  const confirmation = page.getByLabel("Type the key id to confirm");
  await expect(remove).toBeDisabled();
  await confirmation.fill(first.keyId.slice(0, -1));
  await expect(remove).toBeDisabled();
  await confirmation.fill(first.keyId.toLowerCase());
  await expect(remove).toBeDisabled();
  // The validate-only check deleted nothing.
  expect((await admin.getApiKey(first.keyId)).response.status).toBe(200);

  await confirmation.fill(first.keyId);
  await expect(remove).toBeEnabled();
  await remove.click();
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `Key ${first.keyId} was deleted.` })).toBeVisible();
  await expect(page.getByRole("link", { name: first.keyId })).toHaveCount(0);
  expect((await admin.getApiKey(first.keyId)).response.status).toBe(404);
});

test("rotating shows the successor's secret once, and it verifies", async ({ page }) => {
  const { admin, user, resourceId, first } = await userWithKeys();
  await signIn(page, user.key);
  await openKey(page, first.keyId);
  await page.getByLabel("Grace period (hours)").fill("2");
  await page.getByRole("button", { name: "Rotate key" }).click();

  const shown = await page.getByLabel("Key and secret (shown once)").inputValue();
  const [successorId = "", secret = ""] = shown.split(":");
  expect(successorId).not.toBe(first.keyId);
  await expect(page.getByRole("link", { name: successorId })).toBeVisible();
  const { data: verdict } = await admin.api.POST("/v1/api-keys:verify", {
    body: { key: successorId, secret, resourceId },
  });
  expect(verdict?.valid).toBe(true);
  const successor: KeyPair = { keyId: successorId, secret };
  expect((await admin.getApiKey(successor.keyId)).data?.rotatedFrom).toBe(first.keyId);
  // The old key now expires within the grace period.
  const expires = Date.parse((await admin.getApiKey(first.keyId)).data?.expireTime ?? "");
  expect(expires - Date.now()).toBeLessThanOrEqual(2 * 3600 * 1000);

  // Leaving while the secret is shown asks first; declining stays.
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("link", { name: "Back to my keys" }).click();
  await expect(page.getByLabel("Key and secret (shown once)")).toHaveValue(shown);

  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByLabel("Key and secret (shown once)")).toHaveCount(0);
  await page.getByRole("link", { name: successorId }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Key ${successorId}` })).toBeVisible();
  await expect(page.getByRole("link", { name: first.keyId })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
});

test("at phone width the key list fits the screen", async ({ page }) => {
  const { user, first } = await userWithKeys();
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user.key);
  const link = page.getByRole("link", { name: first.keyId, exact: true });
  await expect(link).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByLabel("State")).toBeVisible();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Key ${first.keyId}` })).toBeVisible();
  const detailsOverflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(detailsOverflow).toBeLessThanOrEqual(0);
});

test("refusals are shown with the policy's rule, and change nothing", async ({ page }) => {
  const { admin, user, first } = await userWithKeys();
  // An admin disables the user's key (after a leak, say): its owner may not enable it again.
  await admin.api.POST("/v1/api-keys/{id}:disable", { params: { path: { id: first.keyId } }, body: {} });

  await signIn(page, user.key);
  await openKey(page, first.keyId);
  await page.getByRole("button", { name: "Enable key" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "The policy does not allow this" });
  await expect(refusal.locator('[data-rule="enable_own_key_disabled_by_another"]')).toBeVisible();
  expect((await admin.getApiKey(first.keyId)).data?.state).toBe("API_KEY_STATE_DISABLED");
});

test("a grace period above the policy's maximum is refused with its rule", async ({ page }) => {
  const { asUser, user, first } = await userWithKeys();
  await signIn(page, user.key);
  await openKey(page, first.keyId);
  await page.getByLabel("Grace period (hours)").fill("10000");
  await page.getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByRole("alert").locator('[data-rule="rotation_grace_too_long"]')).toBeVisible();
  await expect(page.getByLabel("Key and secret (shown once)")).toHaveCount(0);
  const { data } = await asUser.api.GET("/v1/api-keys", {
    params: { query: { ownerId: user.accountId, pageSize: 100 } },
  });
  expect((data?.apiKeys ?? []).filter((key) => key.rotatedFrom === first.keyId)).toHaveLength(0);
});

test("'unused for N days' lists the keys not used since then", async ({ page }) => {
  const { admin, user, resourceId, first, second } = await userWithKeys();
  await admin.api.POST("/v1/api-keys:verify", { body: { key: first.keyId, secret: first.secret, resourceId } });
  await expect
    .poll(async () => (await admin.getApiKey(first.keyId)).data?.lastUsedTime ?? "", { timeout: 10_000 })
    .not.toBe("");

  await signIn(page, user.key);
  await expect(keyRow(page, first.keyId)).toBeVisible();
  await page.getByLabel("Unused for days").fill("1");
  await expect(keyRow(page, second.keyId)).toContainText("Never");
  await expect(page.getByRole("link", { name: first.keyId })).toHaveCount(0);

  await page.getByLabel("State").selectOption("Expired");
  const empty = page.getByRole("main").getByRole("status").filter({ hasText: "No keys match these filters." });
  await expect(empty.getByRole("link", { name: "Create a key" })).toHaveAttribute("href", "#/keys/new");
});
