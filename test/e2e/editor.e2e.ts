import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type RunningApp, screenshot, signIn, startApp } from "./server";

// Builds "Score → intent → skill → pools with fallback" from the palette the way a manager would:
// dragging steps onto the canvas, connecting handles, filling the inspector. No JSON anywhere.

let app: RunningApp;
let browser: Browser;
let page: Page;
let flowId = "";

const shot = (name: string) => screenshot(page, name);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1680, height: 1000 } });
  page.setDefaultTimeout(15_000);
  await signIn(page, app.baseUrl, "demo@switchyard.dev", "switchyard-demo");
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const inspector = () => page.getByTestId("inspector");
const pane = () => page.locator(".react-flow__pane");

async function nodeIds(): Promise<string[]> {
  return page
    .locator(".react-flow__node")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id") ?? ""));
}

/** Drags a palette item onto the canvas at a point of the pane; returns the new node's id. */
async function dragFromPalette(item: string, x: number, y: number): Promise<string> {
  const before = new Set(await nodeIds());
  await page.getByTestId(item).dragTo(pane(), { targetPosition: { x, y } });
  await expect.poll(async () => (await nodeIds()).length).toBe(before.size + 1);
  const added = (await nodeIds()).find((id) => !before.has(id));
  if (!added) throw new Error(`no node added by ${item}`);
  await inspector().waitFor();
  return added;
}

/** Drags from a node's output handle to another node's input, like drawing the edge by hand. */
async function connect(from: string, handle: string, to: string): Promise<void> {
  const start = await page.getByTestId(`handle-${from}-${handle}`).boundingBox();
  const end = await page.getByTestId(`handle-${to}-in`).boundingBox();
  if (!start || !end) throw new Error(`handles of ${from} → ${to} are not on screen`);
  // Moved in small steps, as a hand does: React Flow tracks the connection line on pointer moves.
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.up();
  await page.waitForTimeout(100);
}

async function select(nodeId: string): Promise<Locator> {
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  await expect.poll(() => inspector().getByTestId("inspector-label").inputValue()).not.toBe("");
  return inspector();
}

/** Picks the option whose text starts with `prefix` (pool options read "EMEA · weighted round-robin"). */
async function selectStartingWith(select: Locator, prefix: string): Promise<void> {
  const value = await select.evaluate(
    (element, start) =>
      [...(element as HTMLSelectElement).options].find((o) => o.text.startsWith(start))?.value ?? "",
    prefix,
  );
  expect(value).not.toBe("");
  await select.selectOption(value);
}

async function fitView(): Promise<void> {
  await page.getByTestId("toolbar-fit").click();
  await page.waitForTimeout(1000); // the fit animates; handles must stand still before dragging
}

describe("visual flow editor, end to end", () => {
  it("creates a blank flow and declares the lead fields on the source", async () => {
    await page.getByRole("button", { name: "New flow" }).click();
    await page.getByLabel("Name").fill("Speed lane");
    await page.getByRole("button", { name: "Create flow" }).click();
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}/);
    flowId = page.url().split("/flows/")[1]?.split("?")[0] ?? "";
    await page.getByTestId("flow-editor").waitFor();

    const source = await select("source");
    await source.getByTestId("add-field").click();
    await source.getByTestId("field-0-name").fill("company_size");
    await source.getByTestId("field-0-label").fill("Company size");
    await source.getByTestId("field-0-type").selectOption("number");
    await source.getByTestId("add-field").click();
    await source.getByTestId("field-1-name").fill("industry");
    await source.getByTestId("field-1-label").fill("Industry");
    await expect.poll(() => page.getByTestId("node-summary-source").textContent()).toMatch(/2 fields/);
  });

  it("adds score, intent, skill and two pools from the palette and wires them up", async () => {
    const score = await dragFromPalette("palette-score", 120, 60);
    const rules = inspector();
    await rules.getByTestId("add-score-rule").click();
    const rule = rules.getByTestId("score-rule-0");
    await rule.getByTestId("score-rule-0-label").fill("Large company");
    await rule.getByTestId("score-rule-0-points").fill("70");
    await rule.getByTestId("rule-field").selectOption("company_size");
    await rule.getByTestId("rule-operator").selectOption("gte");
    await rule.getByTestId("rule-value").fill("200");

    const intent = await dragFromPalette("palette-branch-intent", 420, 60);
    const skill = await dragFromPalette("palette-branch-skill", 120, 260);
    const skillForm = inspector();
    await skillForm.getByTestId("case-0-label").fill("Healthcare");
    await skillForm.getByTestId("case-0-field").selectOption("industry");
    await skillForm.getByLabel("Case 1 values").fill("healthcare");
    await skillForm.getByLabel("Case 1 values").press("Enter");

    const specialists = await dragFromPalette("palette-pool", 420, 260);
    // A pool step without a pool is a problem the editor shows at once, on the node and in the list.
    await expect.poll(() => page.getByTestId(`node-issues-${specialists}`).count()).toBe(1);
    await expect.poll(() => page.getByTestId("issues-bar").textContent()).toMatch(/does not say which pool/);
    await expect(inspector().getByTestId("inspector-issues").textContent()).resolves.toMatch(/which pool/);
    await shot("20-editor-validation-error");
    await selectStartingWith(inspector().getByTestId("pool-select"), "Healthcare");
    await expect.poll(() => page.getByTestId("issues-bar").textContent()).not.toMatch(/which pool/);
    await inspector().getByTestId("inspector-label").fill("Healthcare specialists");

    const generalists = await dragFromPalette("palette-pool", 700, 260);
    await selectStartingWith(inspector().getByTestId("pool-select"), "EMEA");
    await inspector().getByTestId("inspector-label").fill("EMEA team");

    await page.getByTestId("toolbar-layout").click();
    await fitView();
    await connect("source", "next", score);
    await connect(score, "next", intent);
    await connect(intent, "case-1", skill);
    await connect(intent, "else", "fallback");
    await connect(skill, "case-1", specialists);
    await connect(skill, "else", generalists);
    await connect(specialists, "no_eligible", "fallback");
    await connect(generalists, "no_eligible", "fallback");
    await page.getByTestId("toolbar-layout").click();
    await fitView();

    await expect.poll(() => page.getByTestId("issues-bar").getAttribute("data-count")).toBe("0");
    await expect.poll(() => page.getByTestId("save-status").getAttribute("data-status")).toBe("saved");
    await shot("21-editor-built");
  });

  it("test-runs a lead on the draft and lights up its path without routing it", async () => {
    await page.getByTestId("tab-test").click();
    await page.getByLabel("Company size").fill("500");
    await page.getByLabel("Industry").fill("healthcare");
    await page.getByTestId("test-run-button").click();
    const result = page.getByTestId("test-run-result");
    await result.waitFor();
    await expect(result.textContent()).resolves.toMatch(/Healthcare/);
    await expect(result.textContent()).resolves.toMatch(/Priya Patel|Ana Schmidt/);
    await expect(result.textContent()).resolves.toMatch(/hot/i);
    const visited = await page
      .locator('.react-flow__node [data-run="visited"]')
      .evaluateAll((els) => els.map((e) => e.closest(".react-flow__node")?.getAttribute("data-id")));
    expect(visited.length).toBe(5);
    expect(visited).not.toContain("fallback");
    await shot("22-editor-test-run");
  });

  it("publishes the draft with a message", async () => {
    await page.getByTestId("publish-open").click();
    await page.getByLabel("Publish message").fill("Hot healthcare leads to specialists");
    await page.getByTestId("publish-confirm").click();
    await expect.poll(() => page.getByTestId("editor-notice").textContent()).toMatch(/Published version 1/);
    await page.getByTestId("tab-versions").click();
    await expect
      .poll(() => page.getByTestId("versions-panel").textContent())
      .toMatch(/v1.*live.*Hot healthcare leads to specialists/);
    await shot("23-editor-published");
  });

  it("routes a lead through the HTTP API and shows it in the decision log", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Key name").fill("Editor e2e");
    await page.getByRole("button", { name: "Create key" }).click();
    const apiKey = (await page.getByTestId("new-api-key").textContent()) ?? "";
    const response = await fetch(`${app.baseUrl}/api/v1/flows/${flowId}/route`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        source: "web_form",
        name: "Hana Health",
        email: "hana@example.com",
        company_size: 800,
        industry: "healthcare",
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { pool: { name: string }; band: string };
    expect(body.pool.name).toBe("Healthcare");
    expect(body.band).toBe("hot");

    await page.getByRole("link", { name: "Leads" }).click();
    await page.getByRole("button", { name: "Hana Health" }).click();
    const path = page.getByTestId("decision-path");
    await path.waitFor();
    await expect(path.textContent()).resolves.toMatch(/Healthcare/);
    await shot("24-editor-lead-in-log");
  });
});
