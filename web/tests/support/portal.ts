// Driving the portal as a person would.
import { expect, type Page } from "@playwright/test";
import type { KeyPair } from "./keyward";

export async function signIn(page: Page, key: KeyPair): Promise<void> {
  await page.goto("/");
  await page.getByRole("textbox", { name: "API key", exact: true }).fill(key.keyId);
  await page.getByRole("textbox", { name: "Secret", exact: true }).fill(key.secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Dismisses the next dialog the page opens, and resolves to its message. */
export function dismissNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
}
