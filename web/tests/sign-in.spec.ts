import { expect, test, type Page } from "@playwright/test";
import { adminKey, Keyward, unique } from "./support/keyward";
import { dismissNextDialog, signIn } from "./support/portal";

test("an admin signs in with a Cloud API key and sees the admin pages", async ({ page }) => {
  await signIn(page, adminKey());
  await expect(
    page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Audit trail" }),
  ).toBeVisible();
});

test("the secret lives in sessionStorage only and sign-out clears it", async ({ page }) => {
  const key = adminKey();
  await signIn(page, key);
  const stored = await page.evaluate(() => ({
    session: JSON.stringify(Object.entries(sessionStorage)),
    local: JSON.stringify(Object.entries(localStorage)),
    cookie: document.cookie,
  }));
  expect(stored.session).toContain(key.secret);
  expect(stored.local).not.toContain(key.secret);
  expect(stored.cookie).not.toContain(key.secret);

  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)))).not.toContain(key.secret);
});

test("a wrong secret is refused with a clear message", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(adminKey().keyId);
  await page.getByRole("textbox", { name: "Secret", exact: true }).fill("not-the-secret");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That API key and secret were not accepted.");
});

test("a person redeems an invitation, saves the key shown once, and is signed in", async ({ page }) => {
  await redeemInPortal(page, "Invited Person");
  const shown = await page.getByLabel("Key and secret (shown once)").inputValue();
  expect(shown).toMatch(/^[^:]+:.+$/);
  await page.getByRole("button", { name: /I have saved it/ }).click();
  await expect(page.getByText("Invited Person")).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit trail" })).toHaveCount(0);
});

test("a redeemed invitation's secret is guarded: switching to an API key and reloading ask first", async ({ page }) => {
  await redeemInPortal(page, unique("Guarded"));
  const secretField = page.getByLabel("Key and secret (shown once)");
  await expect(secretField).toBeVisible();
  const pair = await secretField.inputValue();

  // The token worked once: switching away asks, and declining keeps the secret.
  const question = dismissNextDialog(page);
  await page.getByRole("button", { name: "With an API key" }).click();
  expect(await question).toContain("can never be shown again");
  await expect(secretField).toHaveValue(pair);

  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(["beforeunload"]);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await page.content()).not.toContain(pair);
});

test("the secret shown once offers .env and .properties files, and says so when it cannot copy", async ({ page }) => {
  // As on plain HTTP beyond loopback, where browsers give pages no clipboard.
  await page.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
  await redeemInPortal(page, unique("Saver"));
  const secretField = page.getByLabel("Key and secret (shown once)");
  const [keyId = "", secret = ""] = (await secretField.inputValue()).split(":");

  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("status")).toHaveText("Could not copy: select the text and copy it yourself.");
  await expect(secretField).toBeFocused();

  for (const [button, fileName, line] of [
    ["Download .env", `${keyId}.env`, `KEYWARD_API_SECRET=${secret}`],
    ["Download .properties", `${keyId}.properties`, `keyward.api.secret=${secret}`],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: button }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toContain(line);
  }
});

test("the skip link takes keyboard users to the page's heading", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("heading", { level: 1, name: "Sign in to Keyward" }).waitFor();
  await page.getByRole("link", { name: "Skip to content" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Keyward" })).toBeFocused();
});

/** A new user's invitation, redeemed on the sign-in page as its person would. */
async function redeemInPortal(page: Page, displayName: string): Promise<void> {
  const { token } = await new Keyward().inviteUser(displayName);
  await page.goto("/");
  await page.getByRole("button", { name: "With an invitation" }).click();
  await page.getByLabel("Invitation token").fill(token);
  await page.getByRole("button", { name: "Redeem invitation" }).click();
}
