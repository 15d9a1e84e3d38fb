import { defineConfig, devices } from "@playwright/test";

// Browser tests of the portal against the real stack that tests/browser/run
// starts (see tests/support/keyward.ts). The browser is Debian's chromium:
// Playwright's own downloads are not used (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
export default defineConfig({
  testDir: "tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  outputDir: process.env.KEYWARD_BROWSER_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: process.env.KEYWARD_PORTAL_URL,
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.KEYWARD_CHROMIUM ?? "/usr/bin/chromium",
      // This machine's network is closed: no background connections to Google.
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
      ],
    },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
