import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type RunningApp, screenshot, signIn, startApp } from "./server";

// An A/B test as a manager runs it: publish a second version, split traffic, let the CRM report
// outcomes over the API, read the experiment page, promote the winner.

let app: RunningApp;
let browser: Browser;
let page: Page;
let flowId = "";
let apiKey = "";
const versionIds = new Map<number, string>();

const shot = (name: string) => screenshot(page, name);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(15_000);
  await signIn(page, app.baseUrl, "demo@switchyard.dev", "switchyard-demo");
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function api(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("A/B testing, end to end", () => {
  it("publishes a second version of the demo flow from the editor", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Key name").fill("CRM");
    await page.getByRole("button", { name: "Create key" }).click();
    apiKey = (await page.getByTestId("new-api-key").textContent()) ?? "";
    expect(apiKey).toMatch(/^sy_/);

    await page.getByRole("link", { name: "Flows" }).click();
    await page.getByRole("link", { name: "Inbound routing" }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}/);
    flowId = page.url().split("/flows/")[1]?.split("?")[0] ?? "";
    await page.locator('.react-flow__node[data-id="source"]').click();
    await page.getByTestId("inspector-label").fill("Inbound leads (v2)");
    await expect.poll(() => page.getByTestId("save-status").getAttribute("data-status")).toBe("saved");
    await page.getByTestId("publish-open").click();
    await page.getByLabel("Publish message").fill("Renamed source");
    await page.getByTestId("publish-confirm").click();
    await expect.poll(() => page.getByTestId("editor-notice").textContent()).toMatch(/Published version 2/);
  });

  it("starts a 50/50 experiment between v1 and v2", async () => {
    await page.getByTestId("link-experiment").click();
    await page.waitForURL(/\/experiment$/);
    const form = page.getByTestId("start-experiment");
    await form.getByLabel("Experiment name").fill("Source rename");
    const v1 = await form
      .getByLabel("Arm 1 version")
      .locator("option", { hasText: /^v1/ })
      .getAttribute("value");
    const v2 = await form
      .getByLabel("Arm 1 version")
      .locator("option", { hasText: /^v2/ })
      .getAttribute("value");
    versionIds.set(1, v1 ?? "");
    versionIds.set(2, v2 ?? "");
    await form.getByLabel("Arm 1 version").selectOption(v1 ?? "");
    await form.getByLabel("Arm 2 version").selectOption(v2 ?? "");
    await form.getByLabel("Arm 1 weight").fill("50");
    await form.getByLabel("Arm 2 weight").fill("50");
    await expect(page.getByTestId("split-preview").textContent()).resolves.toMatch(/50% \/ 50%/);
    await page.getByRole("button", { name: "Start A/B test" }).click();
    await page.getByTestId("experiment-results").waitFor();
    await expect(page.getByTestId("experiment-verdict").textContent()).resolves.toMatch(
      /Not enough data yet/,
    );
  });

  it("routes leads to both arms and takes the CRM's outcomes over the API", async () => {
    const perArm = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const routed = await api(`/api/v1/flows/${flowId}/route`, {
        source: "web_form",
        email: `ab-${i}@example.com`,
        name: `AB Lead ${i}`,
        country: ["DE", "US", "JP", "FR"][i % 4],
      });
      expect(routed.status).toBe(200);
      const version = (routed.json.version as { id: string }).id;
      const n = (perArm.get(version) ?? 0) + 1;
      perArm.set(version, n);
      const leadId = String(routed.json.leadId);
      const contacted = await api(`/api/v1/leads/${leadId}/outcome`, { kind: "contacted" });
      expect(contacted.status).toBe(201);
      // v2 wins every second lead, v1 every sixth: a difference the z-test must call.
      const wins = version === versionIds.get(2) ? n % 2 === 0 : n % 6 === 0;
      if (wins) {
        const won = await api(`/api/v1/leads/${leadId}/outcome`, { kind: "won", value: 1000 });
        expect(won.status).toBe(201);
        const again = await api(`/api/v1/leads/${leadId}/outcome`, { kind: "won", value: 1000 });
        expect(again.status).toBe(200);
      }
    }
    expect(perArm.size).toBe(2);
    for (const count of perArm.values()) expect(count).toBeGreaterThanOrEqual(30);
  });

  it("warns, naming the experiment, before a publish would end it", async () => {
    await page.goto(`${app.baseUrl}/flows/${flowId}`);
    await page.getByTestId("publish-open").click();
    const warning = page.getByTestId("end-experiment-warning");
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(
      /ends the A\/B test “Source rename” \(v1 50% \/ v2 50%\)/,
    );
    await expect(page.getByTestId("publish-confirm").isDisabled()).resolves.toBe(true);
    await warning.getByRole("checkbox").check();
    await expect(page.getByTestId("publish-confirm").isDisabled()).resolves.toBe(false);
    await shot("29-publish-ends-experiment");
    // Not now: the experiment keeps running.
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.goto(`${app.baseUrl}/flows/${flowId}/experiment`);
  });

  it("shows the results per arm and a significant verdict, then promotes the winner", async () => {
    await page.reload();
    const results = page.getByTestId("experiment-results");
    await results.waitFor();
    await expect.poll(() => results.textContent()).toMatch(/v1.*v2|v2.*v1/);
    await expect
      .poll(() => page.getByTestId("experiment-verdict").textContent())
      .toMatch(/v2 converts better than v1/);
    await shot("30-experiment-results");

    await page.getByRole("button", { name: "Promote v2" }).click();
    // Nothing runs any more (the start form is back) and the experiment is kept with its numbers.
    await expect.poll(() => page.getByTestId("start-experiment").count()).toBe(1);
    await expect.poll(() => page.getByText("Source rename").count()).toBeGreaterThan(0);
    await shot("31-experiment-promoted");

    const routed = await api(`/api/v1/flows/${flowId}/route`, {
      source: "web_form",
      email: "after@example.com",
    });
    expect((routed.json.version as { id: string }).id).toBe(versionIds.get(2));
  });
});
