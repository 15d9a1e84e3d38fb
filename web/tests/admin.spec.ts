import { expect, test } from "@playwright/test";
import { adminKey, Keyward, unique } from "./support/keyward";
import { signIn } from "./support/portal";

test("the admin finds a denied key create in the audit trail by filtering", async ({ page }) => {
  const admin = new Keyward();
  const environmentId = await admin.createEnvironment("dev");
  const resourceId = await admin.createResource(environmentId);
  const serviceAccountId = await admin.createServiceAccount();
  // A key without a description: the policy refuses it, and only the audit event is written.
  const refused = await admin.api.POST("/v1/api-keys", {
    body: { ownerId: serviceAccountId, resourceId, description: "" },
  });
  expect(refused.response.status).toBe(403);

  await signIn(page, adminKey());
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter audit events" });
  await filters.getByLabel("Subject id").fill(resourceId);
  await filters.getByRole("combobox", { name: "Decision" }).selectOption({ label: "Denied only" });
  await filters.getByRole("button", { name: "Apply filters" }).click();

  const rows = page.getByRole("row").filter({ hasText: "api_key.create" });
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row.getByText("Denied", { exact: true })).toBeVisible();
  await expect(row.getByRole("list", { name: "Violations" })).toContainText("description_required");

  await row.getByRole("button", { name: "Show request" }).click();
  await expect(page.locator("pre")).toContainText(`"resource_id": "${resourceId}"`);

  // The filters combine: no key create on this new resource was allowed.
  await filters.getByRole("combobox", { name: "Decision" }).selectOption({ label: "Allowed only" });
  await filters.getByRole("combobox", { name: "Action" }).selectOption("api_key.create");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No events match these filters.")).toBeVisible();
});

test("an audit time range that ends before it starts gets a clear message", async ({ page }) => {
  await signIn(page, adminKey());
  await page.goto("/#/admin/audit");
  const filters = page.getByRole("form", { name: "Filter audit events" });
  await filters.getByLabel("From").fill("2026-06-02T10:00");
  await filters.getByLabel("Until").fill("2026-06-01T10:00");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("alert")).toContainText("Some input was not accepted: end_time: is before start_time.");
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("the admin creates a service account and grants it a role through the portal", async ({ page }) => {
  const admin = new Keyward();
  const environmentId = await admin.createEnvironment("staging");
  const name = unique("billing-exporter");

  await signIn(page, adminKey());
  await page.getByRole("link", { name: "Service accounts" }).click();
  const create = page.getByRole("form", { name: "Create a service account" });
  await create.getByLabel("Display name").fill(name);
  // Before any description, the policy's refusal is shown with its rule.
  await expect(create.locator('[data-rule="description_required"]')).toBeVisible();
  await expect(create.getByRole("button", { name: "Create service account" })).toBeDisabled();
  await create.getByLabel("Description").fill("Exports invoices to the billing topic");
  await expect(create.getByText("Allowed by policy.")).toBeVisible();
  await create.getByRole("button", { name: "Create service account" }).click();

  const created = page.getByRole("status").filter({ hasText: `Created service account ${name}` });
  await expect(created).toBeVisible();
  const serviceAccountId = ((await created.locator(".id").textContent()) ?? "").trim();
  expect(serviceAccountId).toMatch(/^sa-[a-z0-9]{8}$/);

  await created.getByRole("link", { name: "Grant it a role" }).click();
  const grant = page.getByRole("form", { name: "Grant a role" });
  await expect(grant.getByRole("combobox", { name: "Principal" })).toHaveValue(serviceAccountId);
  await grant.getByRole("combobox", { name: "Role", exact: true }).selectOption("EnvironmentAdmin");
  await grant.getByRole("combobox", { name: "Environment", exact: true }).selectOption(environmentId);
  await expect(grant.getByText("Allowed by policy.")).toBeVisible();
  await grant.getByRole("button", { name: "Grant role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Granted EnvironmentAdmin" })).toBeVisible();
  // The list (filtered to this account from the link) shows the new binding.
  const granted = page.getByRole("row").filter({ hasText: "EnvironmentAdmin" }).filter({ hasText: environmentId });
  await expect(granted).toHaveCount(1);

  const { data } = await admin.api.GET("/v1/role-bindings", { params: { query: { principalId: serviceAccountId } } });
  expect(data?.roleBindings?.map((b) => [b.role, b.scope])).toEqual([["EnvironmentAdmin", environmentId]]);
});

test("a policy refusal of a grant is shown with its rule before it is submitted", async ({ page }) => {
  const admin = new Keyward();
  // An AccountAdmin may not grant OrganizationAdmin (no_escalation).
  const accountAdmin = await admin.createUserWithKey();
  await admin.grant(accountAdmin.accountId, "AccountAdmin", "organization");
  const serviceAccountId = await admin.createServiceAccount();

  await signIn(page, accountAdmin.key);
  await page.goto(`/#/admin/role-bindings?principal=${serviceAccountId}`);
  const grant = page.getByRole("form", { name: "Grant a role" });
  await grant.getByRole("combobox", { name: "Role", exact: true }).selectOption("OrganizationAdmin");
  await expect(grant.getByRole("alert").filter({ hasText: "The policy does not allow this" })).toBeVisible();
  await expect(grant.locator('[data-rule="no_escalation"]')).toBeVisible();
  await expect(grant.getByRole("button", { name: "Grant role" })).toBeDisabled();

  const { data } = await admin.api.GET("/v1/role-bindings", { params: { query: { principalId: serviceAccountId } } });
  expect(data?.roleBindings ?? []).toEqual([]);
});

test("the admin deletes a service account after typing its name", async ({ page }) => {
  const admin = new Keyward();
  const name = unique("retired-job");
  const serviceAccountId = await admin.createServiceAccount(name);
  await signIn(page, adminKey());
  await page.goto("/#/admin/service-accounts");
  // The list is paged and shared with other tests: find the account's row page by page.
  const list = page.getByRole("region", { name: "All service accounts" });
  const deleteButton = list.getByRole("button", { name: `Delete ${name} (${serviceAccountId})` });
  for (;;) {
    await expect(list).toHaveAttribute("aria-busy", "false");
    if ((await deleteButton.count()) > 0) break;
    await list.getByRole("button", { name: "Next page" }).click();
  }
  await deleteButton.click();

  const dialog = page.getByRole("dialog", { name: `Delete service account ${name}` });
  await expect(dialog.getByText("This also deletes 0 API keys and 0 role bindings")).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Delete service account" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(name);
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted service account ${name}` })).toBeVisible();

  const { response } = await admin.api.GET("/v1/accounts/{id}", { params: { path: { id: serviceAccountId } } });
  expect(response.status).toBe(404);
});

test("a plain user who opens an admin page is told it is not theirs, and sees no admin links", async ({ page }) => {
  const user = await new Keyward().createUserWithKey();
  await signIn(page, user.key);
  await page.goto("/#/admin/audit");
  await expect(page.getByRole("alert")).toContainText("You are not allowed");
  await expect(page.getByRole("table")).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Portal" });
  await expect(nav.getByRole("link", { name: "My keys" })).toBeVisible();
  for (const adminPage of ["Service accounts", "Role bindings", "Audit trail"]) {
    await expect(nav.getByRole("link", { name: adminPage })).toHaveCount(0);
  }
});

test("the admin links follow what each role can see: none for a CloudClusterAdmin, all for an AccountAdmin", async ({
  page,
}) => {
  const admin = new Keyward();
  const resourceId = await admin.createResource(await admin.createEnvironment("dev"));
  const clusterAdmin = await admin.createUserWithKey();
  await admin.grant(clusterAdmin.accountId, "CloudClusterAdmin", resourceId);
  const accountAdmin = await admin.createUserWithKey();
  await admin.grant(accountAdmin.accountId, "AccountAdmin", "organization");
  const adminPages = ["Service accounts", "Role bindings", "Audit trail"];
  const nav = page.getByRole("navigation", { name: "Portal" });

  // keywardd shows a CloudClusterAdmin only its own accounts and events: the pages are not for it.
  await signIn(page, clusterAdmin.key);
  await expect(nav.getByRole("link", { name: "My keys" })).toBeVisible();
  for (const adminPage of adminPages) {
    await expect(nav.getByRole("link", { name: adminPage })).toHaveCount(0);
  }
  await page.goto("/#/admin/service-accounts");
  await expect(page.getByRole("alert")).toContainText("You are not allowed");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await signIn(page, accountAdmin.key);
  for (const adminPage of adminPages) {
    await expect(nav.getByRole("link", { name: adminPage })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Service accounts" }).click();
  await expect(page.getByRole("region", { name: "All service accounts" })).toBeVisible();
});
