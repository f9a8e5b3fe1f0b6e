import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export interface RunningApp {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts the built app (`next start`) on a free port with its own empty PGlite data directory;
 * `extraEnv` adds settings for one suite (e.g. allowing webhooks to a local receiver).
 */
export async function startApp(extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchyard-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWITCHYARD_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    path.join("node_modules", ".bin", "next"),
    ["start", "-p", String(port)],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (!log.includes("database ready")) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${log}`);
    if (Date.now() > deadline) throw new Error(`app did not start in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    output: () => log,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export const SCREENSHOT_DIR = path.join("test", "e2e", "screenshots");

/** A desktop-sized page with a short default timeout, so a broken step fails fast. */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  return page;
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/flows/);
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The usual suite set-up: the app, a browser and a page signed in as the demo admin; `stop` ends all. */
export async function startSignedIn(): Promise<{
  app: RunningApp;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}> {
  const app = await startApp();
  const browser = await launchBrowser();
  const page = await openPage(browser);
  await signIn(page, app.baseUrl, "demo@switchyard.dev", "switchyard-demo");
  return {
    app,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await app.stop();
    },
  };
}
