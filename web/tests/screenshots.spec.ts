// Not a test: saves a PNG of each page of the portal, for the README and
// docs/portal.md. Skipped unless KEYWARD_SCREENSHOTS_DIR names where to save
// them (scripts/screenshots, or tests/browser/run --screenshots, set it to
// docs/screenshots/). It seeds a small organization through the API first, so
// that the pages show what a real one would; the database is the run's own, so
// names need no unique suffix.
//
// Each page is reached by its address (#/keys, #/keys/new, ...); what a page
// shows beyond that (a denial, the secret, the usage chart) is driven by its
// labels, and a missing one fails the run rather than saving a lesser picture.
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { adminKey, Keyward } from "./support/keyward";
import { signIn } from "./support/portal";

const directory = process.env.KEYWARD_SCREENSHOTS_DIR ?? "";
test.skip(!directory, "saves screenshots only when KEYWARD_SCREENSHOTS_DIR is set (scripts/screenshots)");
test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

interface Organization {
  devEnvironmentId: string;
  devResourceId: string;
  prodEnvironmentId: string;
  prodResourceId: string;
  keyWithUsageId: string;
}

/** Environments, resources, service accounts and keys in daily use: a week of the portal's life. */
async function seed(): Promise<Organization> {
  const admin = new Keyward();
  const me = (await admin.api.GET("/v1/api-keys/{id}", { params: { path: { id: admin.key.keyId } } })).data?.ownerId;
  if (!me) throw new Error("cannot read the admin's own key");
  const dev = await admin.createEnvironment("dev", "Development");
  const prod = await admin.createEnvironment("prod", "Production");
  const devResourceId = await admin.createResource(dev, "RESOURCE_KIND_KAFKA_CLUSTER", "orders-dev");
  const paymentsDev = await admin.createResource(dev, "RESOURCE_KIND_KAFKA_CLUSTER", "payments-dev");
  const prodResourceId = await admin.createResource(prod, "RESOURCE_KIND_KAFKA_CLUSTER", "orders-prod");
  const billing = await admin.createServiceAccount("billing-service");
  const checkout = await admin.createServiceAccount("checkout-service");
  // The policy wants keys on prod resources to expire within a year (prod_keys_expire).
  const expireTime = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
  for (const [ownerId, description] of [
    [billing, "billing-service producer (prod)"],
    [checkout, "checkout-service consumer (prod)"],
  ]) {
    const created = await admin.api.POST("/v1/api-keys", {
      body: { ownerId, resourceId: prodResourceId, description, expireTime },
    });
    if (!created.response.ok) throw new Error(`create a prod key: HTTP ${created.response.status}`);
  }
  await admin.grant(billing, "CloudClusterAdmin", prodResourceId);

  const used = await admin.createApiKey(me, devResourceId, "Local development of the orders consumer");
  await admin.createApiKey(me, paymentsDev, "Payments replay tool");
  await admin.createApiKey(me, devResourceId, "Load test, March");
  // Some verifications, so that the key has a usage chart.
  for (let i = 0; i < 12; i++) {
    await admin.api.POST("/v1/api-keys:verify", {
      body: { key: used.keyId, secret: used.secret, resourceId: devResourceId },
    });
  }
  return { devEnvironmentId: dev, devResourceId, prodEnvironmentId: prod, prodResourceId, keyWithUsageId: used.keyId };
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

async function save(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(directory, `${name}.png`), fullPage: true });
}

async function chooseResource(page: Page, environmentId: string, resourceId: string): Promise<void> {
  await page.getByRole("combobox", { name: "Environment" }).selectOption(environmentId);
  await page.getByRole("combobox", { name: "Resource", exact: true }).selectOption(resourceId);
}

test("screenshots of every page", async ({ page }) => {
  const organization = await seed();
  // Leaving the page of a secret shown once asks to confirm it was saved.
  page.on("dialog", (dialog) => void dialog.accept());
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await save(page, "sign-in");

  await signIn(page, adminKey());
  await open(page, "#/keys");
  await save(page, "my-keys");

  await open(page, "#/keys/new");
  await chooseResource(page, organization.prodEnvironmentId, organization.prodResourceId);
  await page.getByLabel("Description", { exact: true }).fill("Orders consumer on my laptop");
  await expect(page.getByRole("region", { name: "Policy check" }).getByText("no_user_keys_in_prod")).toBeVisible();
  await save(page, "create-key-denied");

  await open(page, "#/keys/new");
  await chooseResource(page, organization.devEnvironmentId, organization.devResourceId);
  await page.getByLabel("Description", { exact: true }).fill("Orders consumer on my laptop");
  await expect(page.getByRole("region", { name: "Policy check" }).getByText("Allowed by policy")).toBeVisible();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByLabel("Key and secret (shown once)")).toBeVisible();
  await save(page, "secret-once");

  await open(page, `#/keys/${organization.keyWithUsageId}`);
  // The recorder writes counts in batches about a second apart.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("img", { name: /Valid verifications per day/ })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await save(page, "key-details");

  await open(page, "#/admin/service-accounts");
  await save(page, "service-accounts");
  await open(page, "#/admin/role-bindings");
  await save(page, "role-bindings");
  await open(page, "#/admin/audit");
  await save(page, "audit-trail");

  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, "#/keys");
  await save(page, "my-keys-phone");
});
