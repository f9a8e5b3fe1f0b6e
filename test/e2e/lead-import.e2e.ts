import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, startSignedIn } from "./server";

// Bulk import as a sales ops person does it: upload a CSV on the Leads page, map its columns, watch
// it route, read the per-row errors and download the failed rows.

let suite: Awaited<ReturnType<typeof startSignedIn>>;
let page: Page;

beforeAll(async () => {
  suite = await startSignedIn();
  page = suite.page;
});

afterAll(() => suite?.stop());

const CSV = [
  "email,country,company_size,source",
  "ana.import@example.test,DE,120,web_form",
  "broken-email,FR,10,web_form",
  "cy.import@example.test,US,lots,api",
  "dee.import@example.test,JP,40,chat",
].join("\n");

describe("CSV lead import", () => {
  it("imports a CSV from the Leads page and shows routed rows and per-row errors", async () => {
    await page.getByRole("link", { name: "Leads" }).click();
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page.getByLabel("Flow to route with").selectOption({ label: "Inbound routing" });
    await page
      .getByTestId("import-form")
      .locator('input[type="file"]')
      .setInputFiles({ name: "event-leads.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await expect.poll(() => page.getByLabel("Column for Email").inputValue()).toBe("email");
    await expect(page.getByLabel("Column for company_size").inputValue()).resolves.toBe("company_size");
    await screenshot(page, "lead-import-01-mapping");

    await page.getByRole("button", { name: "Start import" }).click();
    const detail = page.getByTestId("import-detail");
    await expect.poll(() => detail.getAttribute("data-status"), { timeout: 30_000 }).toBe("done");
    await expect(page.getByTestId("import-progress").textContent()).resolves.toContain(
      "4 of 4 rows processed",
    );
    const errors = page.getByTestId("import-errors");
    await expect.poll(() => errors.locator("tbody tr").count()).toBe(2);
    await expect(errors.textContent()).resolves.toContain(
      'row 2: column "email": "broken-email" is not an email address',
    );
    await expect(errors.textContent()).resolves.toContain(
      'row 3: column "company_size": "lots" is not a number',
    );
    await expect.poll(() => page.getByRole("button", { name: /ana\.import@example\.test/ }).count()).toBe(1);
    await screenshot(page, "lead-import-02-result");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download failed rows" }).click();
    expect((await download).suggestedFilename()).toBe("event-leads-failed-rows.csv");
    await expect(page.getByTestId("imports-list").textContent()).resolves.toContain("event-leads.csv");
  });
});
