// How keyward-gateway serves the portal (--portal-dir): under a strict
// Content-Security-Policy that the built app must not break, with caching a
// new build cannot defeat. Runs against tests/browser/run's gateway, not
// against `npm run dev` (Vite's dev server sends none of these headers).
import { expect, test } from "@playwright/test";
import { adminKey } from "./support/keyward";
import { signIn } from "./support/portal";

const pages = ["#/keys", "#/keys/new", "#/admin/service-accounts", "#/admin/role-bindings", "#/admin/audit"];

test("every page works under the strict Content-Security-Policy without breaking it", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto("/");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("unsafe-inline");

  await signIn(page, adminKey());
  for (const hash of pages) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});

test("the page is revalidated on every visit and its hashed files are cached for good", async ({ page, request }) => {
  const scripts: string[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/assets/")) scripts.push(response.url());
  });
  const index = await page.goto("/");
  expect(index?.headers()["cache-control"]).toBe("no-cache");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) {
    const asset = await request.get(url);
    expect(asset.status()).toBe(200);
    expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("the portal cannot be framed, sniffed or leak the address it was opened from", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
});

test("an address that is no file of the portal is a plain 404, and the API keeps its paths", async ({ request }) => {
  // (Traversal like /assets/../ is normalized away by any URL parser before it is sent: the Go tests cover it.)
  for (const path of ["/keys/ABC", "/assets/missing.js", "/favicon.ico"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain("<");
  }
  const written = await request.post("/index.html", { data: "x" });
  expect(written.status()).toBe(405);

  const openapi = await request.get("/openapi.json");
  expect(openapi.status()).toBe(200);
  expect(openapi.headers()["content-security-policy"]).toBeUndefined();
  expect(openapi.headers()["x-content-type-options"]).toBe("nosniff");
  const unauthenticated = await request.get("/v1/environments", { headers: { "X-Requested-With": "XMLHttpRequest" } });
  expect(unauthenticated.status()).toBe(401);
  expect(unauthenticated.headers()["www-authenticate"]).toMatch(/^KeywardBasic /);
});
