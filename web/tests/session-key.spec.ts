import { expect, test, type Page } from "@playwright/test";
import { Keyward, unique } from "./support/keyward";
import { signIn } from "./support/portal";

async function storedSession(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
}

test("disabling the key this session signed in with warns first, then signs out with a message", async ({ page }) => {
  const admin = new Keyward();
  const user = await admin.createUserWithKey();
  await signIn(page, user.key);

  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: user.key.keyId }) });
  await expect(row).toContainText("(this session)");
  await row.getByRole("link", { name: user.key.keyId }).click();

  const disable = page.getByRole("region", { name: "Disable" });
  await expect(disable.getByText("This is the key you are signed in with: you will be signed out.")).toBeVisible();
  await disable.getByRole("button", { name: "Disable key" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Keyward" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "You disabled the key you were signed in with, so you were signed out.",
  );
  expect(await storedSession(page)).not.toContain(user.key.secret);
  expect((await admin.getApiKey(user.key.keyId)).data?.state).toBe("API_KEY_STATE_DISABLED");
});

// Each refused call counts towards the gateway's lockout of failed
// authentications from this address, so these tests open pages that make few.
test("a key disabled by someone else mid-session ends it at the next page, and its secret is dropped", async ({
  page,
}) => {
  const admin = new Keyward();
  const user = await admin.createUserWithKey();
  await signIn(page, user.key);
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();

  const { response } = await admin.api.POST("/v1/api-keys/{id}:disable", {
    params: { path: { id: user.key.keyId } },
    body: {},
  });
  expect(response.ok).toBe(true);

  await page.getByRole("link", { name: user.key.keyId }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Keyward" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "Your session ended: the key you signed in with is no longer accepted. Sign in again.",
  );
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect(await storedSession(page)).not.toContain(user.key.secret);
});

test("rotating the session's own key shows the successor's secret, then signs out to sign in with it", async ({
  page,
}) => {
  const user = await new Keyward().createUserWithKey();
  await signIn(page, user.key);
  await page.goto(`/#/keys/${user.key.keyId}`);

  const rotate = page.getByRole("region", { name: "Rotate" });
  await expect(rotate.getByText("This is the key you are signed in with: you will be signed out.")).toBeVisible();
  await rotate.getByLabel("Grace period (hours)").fill("0");
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const pair = await rotate.getByLabel("Key and secret (shown once)").inputValue();
  const [successorId = "", secret = ""] = pair.split(":");

  await rotate.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `You rotated the key you were signed in with. Sign in with its successor, ${successorId}.`,
  );
  expect(await storedSession(page)).not.toContain(user.key.secret);

  await signIn(page, { keyId: successorId, secret });
  await expect(page.getByRole("heading", { level: 1, name: "My keys" })).toBeVisible();
});

test("a session refused while a secret is on screen keeps the secret until the user chooses to leave", async ({
  page,
}) => {
  const admin = new Keyward();
  const resourceId = await admin.createResource(await admin.createEnvironment("dev"));
  const user = await admin.createUserWithKey();
  await admin.grant(user.accountId, "CloudClusterAdmin", resourceId);
  const worker = await new Keyward(user.key).createApiKey(user.accountId, resourceId, unique("worker"));
  await signIn(page, user.key);
  await page.goto(`/#/keys/${worker.keyId}`);
  await page.getByRole("button", { name: "Rotate key" }).click();
  const secretField = page.getByLabel("Key and secret (shown once)");
  const pair = await secretField.inputValue();

  const { response } = await admin.api.POST("/v1/api-keys/{id}:disable", {
    params: { path: { id: user.key.keyId } },
    body: {},
  });
  expect(response.ok).toBe(true);

  const successor = page.getByRole("link", { name: pair.split(":")[0] ?? "" });
  page.once("dialog", (dialog) => void dialog.dismiss());
  await successor.click();
  await expect(secretField).toHaveValue(pair);

  page.once("dialog", (dialog) => void dialog.accept());
  await successor.click();
  await expect(page.getByRole("status")).toHaveText(
    "Your session ended: the key you signed in with is no longer accepted. Sign in again.",
  );
  expect(await storedSession(page)).not.toContain(user.key.secret);
});
