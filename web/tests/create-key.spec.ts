import { expect, test, type Page } from "@playwright/test";
import { adminKey, Keyward, unique } from "./support/keyward";
import { dismissNextDialog, signIn } from "./support/portal";

const admin = () => new Keyward();

/** A new user holding CloudClusterAdmin on a new resource in a new environment of `stage`. */
async function userWithResource(stage: string) {
  const keyward = admin();
  const environmentId = await keyward.createEnvironment(stage);
  const resourceId = await keyward.createResource(environmentId);
  const user = await keyward.createUserWithKey();
  await keyward.grant(user.accountId, "CloudClusterAdmin", resourceId);
  return { environmentId, resourceId, user };
}

async function openCreatePage(page: Page) {
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Create a key" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a key" })).toBeVisible();
}

async function chooseResource(page: Page, environmentId: string, resourceId: string) {
  await page.getByRole("combobox", { name: "Environment" }).selectOption(environmentId);
  await page.getByRole("combobox", { name: "Resource", exact: true }).selectOption(resourceId);
}

const policyCheck = (page: Page) => page.getByRole("region", { name: "Policy check" });
const createButton = (page: Page) => page.getByRole("button", { name: "Create key" });

async function keysOf(ownerId: string, resourceId: string) {
  const { data } = await admin().api.GET("/v1/api-keys", { params: { query: { ownerId, resourceId } } });
  return data?.apiKeys ?? [];
}

test("a user creates a key on a dev resource and sees its secret once; after a reload it is gone", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await signIn(page, user.key);
  await openCreatePage(page);

  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("orders service in dev");
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();
  await createButton(page).click();

  await expect(page.getByRole("heading", { level: 1, name: "Key created" })).toBeVisible();
  const [keyId = "", secret = ""] = (await page.getByLabel("Key and secret (shown once)").inputValue()).split(":");
  const { data: verdict } = await admin().api.POST("/v1/api-keys:verify", {
    body: { key: keyId, secret, resourceId },
  });
  expect(verdict?.reason).toBe("VERIFY_REASON_VALID");
  expect((await keysOf(user.accountId, resourceId)).map((k) => k.id)).toEqual([keyId]);

  // Reloading asks first (the secret is not confirmed saved), then forgets it.
  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `Key ${keyId} was created` })).toBeVisible();
  expect(asked).toEqual(["beforeunload"]);
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  await expect(page.getByText("orders service in dev")).toBeVisible();
  await expect(page.getByRole("link", { name: `View key ${keyId}` })).toHaveAttribute("href", `#/keys/${keyId}`);
  expect(await page.content()).not.toContain(secret);
  const stored = await page.evaluate(() =>
    JSON.stringify([Object.entries(sessionStorage), Object.entries(localStorage)]),
  );
  expect(stored).not.toContain(secret);
});

test("leaving a shown secret asks first; the portal's buttons wait for 'I have saved the secret'", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await signIn(page, user.key);
  await openCreatePage(page);
  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("payments consumer");
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();
  await createButton(page).click();
  const secretField = page.getByLabel("Key and secret (shown once)");
  await expect(secretField).toBeVisible();
  const pair = await secretField.inputValue();

  const question = dismissNextDialog(page);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "My keys" }).click();
  expect(await question).toContain("can never be shown again");
  await expect(secretField).toHaveValue(pair);

  // Signing out would lose it too: it asks, and dismissing keeps the secret and the session.
  const signOutQuestion = dismissNextDialog(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  expect(await signOutQuestion).toContain("can never be shown again");
  await expect(secretField).toHaveValue(pair);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)))).toContain(user.key.secret);

  await expect(page.getByRole("button", { name: "View the key" })).toBeDisabled();
  await page.getByLabel("I have saved the secret").check();
  await page.getByRole("button", { name: "View the key" }).click();
  const keyId = pair.split(":")[0] ?? "";
  await expect(page).toHaveURL(new RegExp(`#/keys/${keyId}$`));
  expect(await page.content()).not.toContain(pair);
});

test("a user-owned key on a prod resource is refused inline before submit; nothing is created", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("prod");
  await signIn(page, user.key);
  await openCreatePage(page);

  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("my laptop");
  const finding = policyCheck(page).locator('[data-rule="no_user_keys_in_prod"]');
  await expect(finding).toContainText("no_user_keys_in_prod");
  await expect(finding).toContainText("use a service account");
  await expect(createButton(page)).toBeDisabled();

  // Enter in a field does not submit a refused form either.
  await page.getByLabel("Description", { exact: true }).press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Create a key" })).toBeVisible();
  expect(await keysOf(user.accountId, resourceId)).toEqual([]);
});

test("a missing description is named by its rule before submit, and clears once written", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await signIn(page, user.key);
  await openCreatePage(page);

  await chooseResource(page, environmentId, resourceId);
  const finding = policyCheck(page).locator('[data-rule="description_required"]');
  await expect(finding).toContainText("a description is required");
  await expect(createButton(page)).toBeDisabled();

  await page.getByLabel("Description", { exact: true }).fill("billing exporter");
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();
  await expect(finding).toHaveCount(0);
  await expect(createButton(page)).toBeEnabled();
  expect(await keysOf(user.accountId, resourceId)).toEqual([]);
});

test("submitting re-checks the policy, so a change made before its check answered is not created", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await page.clock.install();
  await signIn(page, user.key);
  await openCreatePage(page);
  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("stream processor");
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();

  // With the page's clock stopped the check while typing never runs: only the one on submit can refuse.
  await page.clock.pauseAt(new Date(Date.now() + 60_000));
  await page.getByLabel("Description", { exact: true }).fill("");
  await createButton(page).click();
  await expect(policyCheck(page).locator('[data-rule="description_required"]')).toBeVisible();
  await expect(policyCheck(page)).toBeFocused();
  await expect(createButton(page)).toBeDisabled();
  expect(await keysOf(user.accountId, resourceId)).toEqual([]);
});

test("an expiry in the past is refused in words before submit", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await signIn(page, user.key);
  await openCreatePage(page);

  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("nightly batch");
  await page.getByRole("combobox", { name: "Expires" }).selectOption({ label: "On a date…" });
  await expect(policyCheck(page).getByText("Enter the date and time the key expires.")).toBeVisible();
  await expect(createButton(page)).toBeDisabled();

  await page.getByLabel("Expiry date and time").fill("2020-01-01T10:00");
  await expect(policyCheck(page).getByRole("alert")).toContainText("Some input was not accepted");
  await expect(policyCheck(page).getByRole("alert")).toContainText("expire_time");
  await expect(createButton(page)).toBeDisabled();
});

test("an admin creates an expiring key for a service account on a prod resource", async ({ page }) => {
  const keyward = admin();
  const environmentId = await keyward.createEnvironment("prod");
  const resourceId = await keyward.createResource(environmentId);
  const serviceAccountName = unique("svc-orders");
  const serviceAccountId = await keyward.createServiceAccount(serviceAccountName);
  await signIn(page, adminKey());
  await openCreatePage(page);

  await chooseResource(page, environmentId, resourceId);
  await page.getByRole("combobox", { name: "Owner" }).selectOption(serviceAccountId);
  await page.getByLabel("Description", { exact: true }).fill("orders service in prod");
  // Without an expiry the prod lifetime rule refuses it.
  await expect(policyCheck(page).locator('[data-rule="prod_keys_expire"]')).toBeVisible();
  await page.getByRole("combobox", { name: "Expires" }).selectOption({ label: "In 30 days" });
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();
  await createButton(page).click();

  await expect(page.getByRole("heading", { level: 1, name: "Key created" })).toBeVisible();
  const keyId = (await page.getByLabel("Key and secret (shown once)").inputValue()).split(":")[0] ?? "";
  const { data: key } = await keyward.getApiKey(keyId);
  expect(key?.ownerId).toBe(serviceAccountId);
  expect(key?.resourceId).toBe(resourceId);
  const daysAhead = (Date.parse(key?.expireTime ?? "") - Date.now()) / 86_400_000;
  expect(daysAhead).toBeGreaterThan(29);
  expect(daysAhead).toBeLessThanOrEqual(30);
  await page.getByLabel("I have saved the secret").check();
});

test("the page fits a phone screen, form and secret alike", async ({ page }) => {
  const { environmentId, resourceId, user } = await userWithResource("dev");
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, user.key);
  await openCreatePage(page);
  await chooseResource(page, environmentId, resourceId);
  await page.getByLabel("Description", { exact: true }).fill("mobile check");
  await expect(policyCheck(page).getByText("Allowed by policy")).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);

  await createButton(page).click();
  await expect(page.getByLabel("Key and secret (shown once)")).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByLabel("I have saved the secret").check();
});
