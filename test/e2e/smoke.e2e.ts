import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, type RunningApp, screenshot, signIn, startApp } from "./server";

let app: RunningApp;
let browser: Browser;
let page: Page;

const shot = (name: string) => screenshot(page, name);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("smoke: sign up, sign in, reps and pools", () => {
  const email = `owner-${Date.now()}@example.com`;
  const password = "correct horse battery";

  it("prints demo credentials and seeds the demo workspace on first start", () => {
    expect(app.output()).toContain("demo@switchyard.dev / switchyard-demo");
  });

  it("redirects a signed-out visitor to sign-in", async () => {
    await page.goto(`${app.baseUrl}/reps`);
    await page.waitForURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await shot("01-sign-in");
  });

  it("signs up a new workspace and lands signed in", async () => {
    await page.goto(`${app.baseUrl}/signup`);
    await page.getByLabel("Your name").fill("Olga Owner");
    await page.getByLabel("Company or team").fill("Northwind Sales");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill(password);
    await shot("02-sign-up");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/reps/);
    await expect(page.getByTestId("workspace-name").textContent()).resolves.toBe("Northwind Sales");
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe("Olga Owner");
  });

  it("signs out and back in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // Next's route announcer is also role=alert, so match the form's message by its text.
    await page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }).waitFor();
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/flows/);
    await expect(page.getByTestId("user-name").textContent()).resolves.toBe("Olga Owner");
  });

  it("creates a rep and sees it listed", async () => {
    await page.getByRole("link", { name: "Reps & Pools" }).click();
    await page.waitForURL(/\/reps/);
    await page.getByRole("button", { name: "Add rep" }).click();
    const dialog = page.getByRole("dialog", { name: "Add rep" });
    await dialog.getByLabel("Name").fill("Rita Rep");
    await dialog.getByLabel("Email").fill("rita@northwind.example");
    await dialog.getByRole("combobox", { name: "Territories" }).fill("EMEA");
    await dialog.getByRole("combobox", { name: "Territories" }).press("Enter");
    await dialog.getByRole("combobox", { name: "Skills" }).fill("healthcare");
    await dialog.getByRole("combobox", { name: "Skills" }).press("Enter");
    await shot("03-add-rep");
    await dialog.getByRole("button", { name: "Add rep" }).click();
    await page.getByRole("cell", { name: /Rita Rep/ }).waitFor();
    await expect(page.getByRole("row", { name: /Rita Rep/ }).textContent()).resolves.toContain("EMEA");
  });

  it("creates a pool with that rep and sees it listed", async () => {
    await page.getByRole("button", { name: "New pool" }).click();
    const dialog = page.getByRole("dialog", { name: "New pool" });
    await dialog.getByLabel("Pool name").fill("EMEA Healthcare");
    await dialog.getByLabel("Strategy").selectOption("weighted_round_robin");
    await dialog.getByRole("checkbox", { name: /Rita Rep/ }).check();
    await dialog.getByLabel("Weight for Rita Rep").fill("3");
    await dialog.getByRole("button", { name: "Create pool" }).click();
    const card = page.getByTestId("pool-card").filter({ hasText: "EMEA Healthcare" });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain("Weighted round robin · 1 members");
    await shot("04-reps-and-pools");
  });

  it("signs in as the seeded demo admin and sees the demo reps and pools", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await signIn(page, app.baseUrl, "demo@switchyard.dev", "switchyard-demo");
    await page.goto(`${app.baseUrl}/reps`);
    await page.getByRole("cell", { name: /Ana Schmidt/ }).waitFor();
    await expect(page.getByTestId("pool-card").count()).resolves.toBe(5);
    await expect(page.getByRole("row").count()).resolves.toBe(13);
    await shot("05-demo-reps");
  });

  it("answers tRPC over HTTP with clear status codes: 401 signed out, 400 naming the field", async () => {
    const signedOut = await fetch(`${app.baseUrl}/api/trpc/reps.list`);
    expect(signedOut.status).toBe(401);
    const response = await page.request.post(`${app.baseUrl}/api/trpc/reps.create`, {
      data: { json: { name: "", email: "not-an-email" } },
    });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toContain("name: is required");
    expect(body.error.json.message).toContain("email: must be a valid email address");
  });

  it("locks an email after repeated failed sign-ins and says so", async () => {
    const lockEmail = `lock-${Date.now()}@example.com`;
    await page.goto(`${app.baseUrl}/signup`);
    await page.getByLabel("Your name").fill("Lou Locked");
    await page.getByLabel("Company or team").fill("Lockout Inc");
    await page.getByLabel("Work email").fill(lockEmail);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create workspace" }).click();
    await page.waitForURL(/\/reps/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel("Email").fill(lockEmail);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }).waitFor();
    }
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Too many failed attempts" }).waitFor();
    await shot("06-locked");
    expect(page.url()).toContain("/signin");
  });
});
