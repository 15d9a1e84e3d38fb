// Not a test: saves a PNG of each page of the portal, for the README and
// docs/portal.md. Skipped unless KEYWARD_SCREENSHOTS_DIR names where to save
// them (scripts/screenshots, or tests/browser/run --screenshots, set it to
// docs/screenshots/). It seeds a small organization through the API first, so
// that the pages show what a real one would.
//
// Each page is reached by its address (#/keys, #/keys/new, ...). What a page
// shows beyond that (a denial, the secret) is driven by its labels where it
// can be; when a page does not offer them, its screenshot is still taken as
// the page stands and the run says which step it skipped.
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { adminKey, Keyward, unique } from "./support/keyward";
import { signIn } from "./support/portal";

const directory = process.env.KEYWARD_SCREENSHOTS_DIR ?? "";
test.skip(!directory, "saves screenshots only when KEYWARD_SCREENSHOTS_DIR is set (scripts/screenshots)");
test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

interface Organization {
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
  const dev = await admin.createEnvironment("dev");
  const prod = await admin.createEnvironment("prod");
  const devResourceId = await admin.createResource(dev, "RESOURCE_KIND_KAFKA_CLUSTER", unique("orders-dev"));
  const paymentsDev = await admin.createResource(dev, "RESOURCE_KIND_KAFKA_CLUSTER", unique("payments-dev"));
  const prodResourceId = await admin.createResource(prod, "RESOURCE_KIND_KAFKA_CLUSTER", unique("orders-prod"));
  const billing = await admin.createServiceAccount(unique("billing-service"));
  const checkout = await admin.createServiceAccount(unique("checkout-service"));
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
  return { devResourceId, prodEnvironmentId: prod, prodResourceId, keyWithUsageId: used.keyId };
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
}

async function save(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(directory, `${name}.png`), fullPage: true });
}

/** Runs a step that depends on a page's controls; when they are not there, notes it and goes on. */
async function attempt(what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    test.info().annotations.push({ type: "skipped step", description: `${what}: ${String(error).split("\n")[0]}` });
    console.warn(`screenshots: skipped "${what}" (the page does not offer it yet)`);
  }
}

async function choose(page: Page, label: RegExp, option: string | RegExp): Promise<void> {
  const control = page.getByLabel(label).first();
  await control.waitFor({ timeout: 5_000 });
  const options = await control.locator("option").allTextContents();
  const match = options.find((text) => (typeof option === "string" ? text.includes(option) : option.test(text)));
  if (match === undefined) throw new Error(`no option ${option} in ${label}`);
  await control.selectOption({ label: match });
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
  await attempt("a policy denial on a user-owned key in prod", async () => {
    await choose(page, /environment/i, "prod-env");
    await choose(page, /resource/i, "orders-prod");
    await expect(page.getByText("no_user_keys_in_prod").first()).toBeVisible({ timeout: 10_000 });
  });
  await save(page, "create-key-denied");

  await attempt("the secret shown once after creating a key", async () => {
    await open(page, "#/keys/new");
    await choose(page, /environment/i, "dev-env");
    await choose(page, /resource/i, "orders-dev");
    await page.getByLabel(/description/i).first().fill("Orders consumer on my laptop", { timeout: 5_000 });
    await page.getByRole("button", { name: /^create/i }).click({ timeout: 5_000 });
    await expect(page.getByLabel("Key and secret (shown once)")).toBeVisible({ timeout: 10_000 });
  });
  await save(page, "secret-once");

  await open(page, `#/keys/${organization.keyWithUsageId}`);
  await attempt("the usage chart", async () => {
    await expect(page.getByRole("img", { name: /usage/i }).first()).toBeVisible({ timeout: 5_000 });
  });
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
