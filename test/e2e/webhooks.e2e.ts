import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyWebhook } from "../../server/services/webhooks/signature";
import { launchBrowser, openPage, type RunningApp, screenshot, signIn, startApp } from "./server";

/** A webhook receiver on 127.0.0.1 that checks every signature and answers with a status the test sets. */
interface Receiver {
  url: string;
  answer: number;
  secret: string;
  received: Array<{ path: string; id: string; verified: boolean; body: string }>;
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: "", answer: 200, secret: "", received: [], server: createServer() };
  receiver.server.on("request", (req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === "string" ? value : undefined;
      };
      const headers = {
        "webhook-id": header("webhook-id"),
        "webhook-timestamp": header("webhook-timestamp"),
        "webhook-signature": header("webhook-signature"),
      };
      receiver.received.push({
        path: req.url ?? "",
        id: headers["webhook-id"] ?? "",
        verified: receiver.secret !== "" && verifyWebhook(receiver.secret, headers, body),
        body,
      });
      res.statusCode = receiver.answer;
      res.setHeader("content-type", "text/plain");
      res.end(receiver.answer === 200 ? "ok, got it" : "receiver is down for maintenance");
    });
  });
  receiver.server.listen(0, "127.0.0.1");
  await once(receiver.server, "listening");
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
  return receiver;
}

let app: RunningApp;
let browser: Browser;
let page: Page;
let receiver: Receiver;
let flowId = "";
let apiKey = "";

const shot = (name: string) => screenshot(page, name);

async function routeLead(name: string, key: string) {
  const response = await fetch(`${app.baseUrl}/api/v1/flows/${flowId}/route`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify({ source: "web_form", name, email: `${key}@example.com`, country: "DE" }),
  });
  expect(response.status).toBe(200);
}

/** Via the nav, waiting for each page so a click never lands on the page being left. */
async function openDeliveryLog() {
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await page.waitForURL(/\/settings\/webhooks$/);
  await page.getByRole("link", { name: "Delivery log" }).click();
  await page.waitForURL(/\/settings\/webhooks\/deliveries/);
}

/**
 * The event id of the first request the receiver got at `path` whose body mentions `text` (the
 * webhook-id header is "msg_" + the event id). Waits: delivery runs in the background.
 */
async function eventIdOf(path: string, text: string): Promise<string> {
  const request = await vi.waitFor(
    () => {
      const found = receiver.received.find((r) => r.path === path && r.body.includes(text));
      if (!found) throw new Error(`the receiver got nothing at ${path} mentioning ${text}`);
      return found;
    },
    { timeout: 45_000, interval: 200 },
  );
  return request.id.replace(/^msg_/, "");
}

/** Waits until the log (which refreshes itself) shows this event's delivery of this kind and status. */
async function logRow(eventId: string, pattern: RegExp) {
  const row = page.locator(`[data-event-id="${eventId}"]`).filter({ hasText: pattern }).first();
  try {
    await row.waitFor({ timeout: 45_000 });
  } catch (error) {
    const log = await page.locator("main").textContent();
    throw new Error(`no delivery row for ${eventId} matching ${pattern} in:\n${log}`, { cause: error });
  }
  return row;
}

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp({ WEBHOOKS_ALLOW_PRIVATE_URLS: "true", WEBHOOK_RETRY_SCHEDULE: "1,1,1" });
  browser = await launchBrowser();
  page = await openPage(browser);
  await signIn(page, app.baseUrl, "demo@switchyard.dev", "switchyard-demo");
  const row = page.getByRole("row", { name: /Inbound routing/ });
  await row.getByRole("link", { name: "Inbound routing" }).click();
  await page.waitForURL(/\/flows\/[0-9a-f-]{36}/);
  flowId = page.url().split("/flows/")[1]?.split("?")[0] ?? "";
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  receiver?.server.close();
});

describe("webhooks, end to end", () => {
  it("adds an endpoint and shows its signing secret exactly once", async () => {
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await page.getByText("No endpoints yet").waitFor();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await page.getByLabel("Endpoint URL").fill(`${receiver.url}/hooks`);
    await page.getByLabel("Description").fill("E2E receiver");
    await page.getByRole("checkbox", { name: /lead\.outcome/ }).check();
    await shot("40-webhooks-add-endpoint");
    await page
      .getByRole("dialog", { name: "Add endpoint" })
      .getByRole("button", { name: "Add endpoint" })
      .click();
    const secret = page.getByTestId("webhook-secret");
    receiver.secret = (await secret.textContent()) ?? "";
    expect(receiver.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    await expect(page.getByText("It will not be shown again").count()).resolves.toBe(1);
    await shot("41-webhooks-secret-once");
    await page.getByRole("button", { name: "I have saved it" }).click();
    const endpoint = page.getByTestId("webhook-endpoint");
    await endpoint.getByText("E2E receiver").waitFor();
    await expect(endpoint.textContent()).resolves.toMatch(/lead\.routed.*lead\.outcome/);
    // Once closed, the secret is nowhere on the page, not even after a reload.
    await page.reload();
    await endpoint.getByText("E2E receiver").waitFor();
    await expect(page.content()).resolves.not.toContain(receiver.secret);
  });

  it("refuses a URL it must not call and says why, in the browser and from the server", async () => {
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByLabel("Endpoint URL").fill("not a url");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByText("URL is not a valid URL").waitFor();
    // Past the browser's own check, the server's reason is shown as it is, naming the field.
    await dialog.getByLabel("Endpoint URL").fill("https://user:secret@hooks.example.com/in");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await dialog.getByRole("alert").getByText("url: must not contain a user name or password").waitFor();
    await shot("40b-webhooks-url-refused");
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("delivers a routed lead, signed, and logs it as delivered with 200", async () => {
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByLabel("Key name").fill("Webhooks e2e");
    await page.getByRole("button", { name: "Create key" }).click();
    apiKey = (await page.getByTestId("new-api-key").textContent()) ?? "";
    await routeLead("Wanda Webhook", "wh-e2e-1");
    const eventId = await eventIdOf("/hooks", "Wanda Webhook");
    const delivered = receiver.received.filter((r) => r.path === "/hooks");
    expect(delivered.every((r) => r.verified)).toBe(true);

    await openDeliveryLog();
    const row = await logRow(eventId, /lead\.routed.*webhook.*delivered/);
    await expect(row.textContent()).resolves.toMatch(/delivered\s*1\s*200/);
    await shot("42-webhooks-delivery-log");

    await row.getByRole("button", { name: "lead.routed" }).click();
    const detail = page.getByTestId("delivery-detail");
    await expect(detail.getByTestId("delivery-payload").textContent()).resolves.toContain("Wanda Webhook");
    await expect(detail.getByTestId("delivery-attempts").textContent()).resolves.toMatch(
      /200.*ms.*ok, got it/,
    );
    await expect(detail.getByRole("button", { name: "Retry now" }).count()).resolves.toBe(0);
    await shot("43-webhooks-delivery-detail");
    await page.getByRole("dialog", { name: "Delivery" }).getByRole("button", { name: "Close" }).click();
  });

  it("shows a delivery the receiver refused as failed, then retries it from the UI", async () => {
    receiver.answer = 500;
    await routeLead("Fritz Failing", "wh-e2e-2");
    const eventId = await eventIdOf("/hooks", "Fritz Failing");
    // Retries every second (WEBHOOK_RETRY_SCHEDULE=1,1,1), then failed; the log refreshes on its own.
    await page.getByLabel("Status").selectOption("failed");
    await page.waitForURL(/status=failed/);
    const row = await logRow(eventId, /lead\.routed.*failed/);
    // Four attempts (the first and three retries), the last answered 500.
    await expect(row.textContent()).resolves.toMatch(/failed\s*4\s*500/);
    await shot("44-webhooks-failed");

    receiver.answer = 200;
    await row.getByRole("button", { name: "lead.routed" }).click();
    const detail = page.getByTestId("delivery-detail");
    await expect(detail.getByTestId("delivery-attempts").textContent()).resolves.toMatch(
      /500.*receiver is down/,
    );
    await shot("45-webhooks-failed-detail");
    await detail.getByRole("button", { name: "Retry now" }).click();
    await detail.getByTestId("delivery-status").getByText("delivered").waitFor({ timeout: 30_000 });
    await expect(detail.getByTestId("delivery-attempts").textContent()).resolves.toMatch(/200.*ok, got it/);
    const fritz = receiver.received.filter((r) => r.body.includes("Fritz Failing"));
    // Every attempt is the same message: one webhook-id, so a receiver can drop duplicates.
    expect(new Set(fritz.map((r) => r.id)).size).toBe(1);
    expect(fritz.every((r) => r.verified)).toBe(true);
    await shot("46-webhooks-retried");
    await page.getByRole("dialog", { name: "Delivery" }).getByRole("button", { name: "Close" }).click();
  });

  it("sets up rep notifications on the flow with a live preview", async () => {
    await page.goto(`${app.baseUrl}/flows/${flowId}`);
    await page.getByTestId("tab-notify").click();
    const panel = page.getByTestId("notifications-panel");
    await panel.getByRole("switch").check();
    const template = panel.getByLabel("Message template");
    await template.fill("New lead for ");
    await panel.getByRole("button", { name: "Rep name" }).click();
    await template.press("End");
    await template.pressSequentially(": ");
    await panel.getByRole("button", { name: "lead.country" }).click();
    await expect(template.inputValue()).resolves.toBe("New lead for {{rep.name}}: {{lead.country}}");
    // The preview follows the edited template (filled with the server's sample lead and a rep).
    await panel
      .getByTestId("notification-preview")
      .getByText(/^New lead for [^:]+: [A-Z]{2}$/)
      .waitFor();
    await panel.getByLabel("Channel URL (fallback)").fill(`${receiver.url}/notify`);
    await panel.getByRole("button", { name: "Save notifications" }).click();
    await panel.getByText("Saved", { exact: true }).waitFor();
    await shot("47-flow-notifications");

    await routeLead("Nora Notify", "wh-e2e-3");
    // The lead.routed event goes to the endpoint (with the lead's name) and as a message to the channel.
    const eventId = await eventIdOf("/hooks", "Nora Notify");
    const message = await vi.waitFor(
      () => {
        const found = receiver.received.find((r) => r.path === "/notify");
        if (!found) throw new Error("no notification yet");
        return found;
      },
      { timeout: 45_000, interval: 200 },
    );
    expect(JSON.parse(message.body)).toEqual({ text: expect.stringMatching(/^New lead for \S.*: DE$/) });
    await page.goto(`${app.baseUrl}/settings/webhooks/deliveries`);
    const row = await logRow(eventId, /notification.*delivered/);
    await expect(row.textContent()).resolves.toMatch(/127\.0\.0\.1:\d+\/notify/);
    await shot("48-webhooks-notification-delivered");
  });

  it("keeps a rep's own notification URL, refusing one that is not a URL", async () => {
    await page.getByRole("link", { name: "Reps & Pools" }).click();
    const row = page.getByRole("row", { name: /Ana Schmidt/ });
    await row.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit rep" });
    const field = dialog.getByLabel("Notification URL");
    await field.fill("ftp://example.com/hook");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/notifyUrl/)
      .waitFor();
    await field.fill(`${receiver.url}/ana`);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByRole("button", { name: "Edit" }).click();
    await expect(dialog.getByLabel("Notification URL").inputValue()).resolves.toBe(`${receiver.url}/ana`);
    await shot("49-rep-notification-url");
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("rotates the secret after a confirmation, showing the new one once, then deletes the endpoint", async () => {
    await page.getByRole("link", { name: "Webhooks", exact: true }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const confirm = page.getByRole("dialog", { name: "Rotate signing secret?" });
    await confirm.getByRole("button", { name: "Rotate secret" }).click();
    const rotated = (await page.getByTestId("webhook-secret").textContent()) ?? "";
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(receiver.secret);
    await page.getByRole("button", { name: "I have saved it" }).click();
    await expect(page.getByTestId("webhook-secret").count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: "Delete endpoint?" })
      .getByRole("button", { name: "Delete endpoint" })
      .click();
    await page.getByText("No endpoints yet").waitFor();
  });
});
