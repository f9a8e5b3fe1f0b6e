import { describe, expect, it } from "vitest";
import {
  describeExpected,
  expectedOptions,
  fieldInputValue,
  graphRunKey,
  leadLabel,
  outcomeSentence,
  parseLeadJson,
  sourceChannels,
  undeclaredKeys,
  withField,
} from "@/components/flow-editor/test-run/describe";
import { territoryGraph } from "@/server/services/flow-templates";
import type { AppRouter } from "@/server/trpc/root";

// The test-run panel's pure helpers: what it says and how it turns input into a lead.

const pool = { id: "p1", name: "EMEA" };
const ana = { id: "r1", name: "Ana Schmidt", email: "ana@example.test" };

describe("test-run panel helpers", () => {
  it("says where the lead would go in plain words", () => {
    expect(outcomeSentence({ kind: "pool", pool, rep: ana })).toBe("Would go to Ana Schmidt via pool EMEA");
    expect(outcomeSentence({ kind: "rep", rep: ana })).toBe("Would go to Ana Schmidt");
    expect(outcomeSentence({ kind: "queue", queue: "Unassigned" })).toBe("Would go to the Unassigned queue");
    expect(outcomeSentence({ kind: "rejected", reason: "x" })).toBe("Would be rejected at the source");
  });

  it("parses pasted JSON into a lead object or explains what is wrong", () => {
    expect(parseLeadJson('{"country": "DE"}')).toEqual({ lead: { country: "DE" } });
    expect(parseLeadJson("[1, 2]")).toEqual({ error: expect.stringContaining("JSON object") });
    expect(parseLeadJson('{"country": ')).toEqual({ error: expect.any(String) });
    expect(parseLeadJson("  ")).toEqual({ error: expect.stringContaining("Paste") });
  });

  it("edits one field at a time and drops emptied ones", () => {
    const lead = withField({ country: "DE" }, "tags", ["a"]);
    expect(lead).toEqual({ country: "DE", tags: ["a"] });
    expect(withField(lead, "tags", [])).toEqual({ country: "DE" });
    expect(withField(lead, "country", "")).toEqual({ tags: ["a"] });
    expect(fieldInputValue({ size: 250 }, { name: "size", type: "number" })).toBe("250");
    expect(fieldInputValue({ at: "2024-05-31T09:00:00Z" }, { name: "at", type: "date" })).toBe("2024-05-31");
    expect(fieldInputValue({ tags: ["a", 3] }, { name: "tags", type: "string_list" })).toEqual(["a"]);
    expect(
      undeclaredKeys({ source: "chat", country: "DE", email: "x" }, [{ name: "country", type: "string" }]),
    ).toEqual(["email"]);
  });

  it("keeps a run fresh when nodes only move, and stale on any other edit", () => {
    const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: "p1" }]);
    const moved = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })) };
    expect(graphRunKey(moved)).toBe(graphRunKey(graph));
    const edited = territoryGraph([{ caseLabel: "EMEA", countries: ["FR"], poolId: "p1" }]);
    expect(graphRunKey(edited)).not.toBe(graphRunKey(graph));
    expect(sourceChannels(graph)).toEqual(["web_form", "chat", "api"]);
  });

  it("offers the current outcome as the expected one, pool first", () => {
    const options = expectedOptions({ kind: "pool", pool, rep: ana });
    expect(options.map((o) => o.expected)).toEqual([
      { kind: "pool", poolId: "p1" },
      { kind: "rep", repId: "r1" },
    ]);
    const names = new Map([
      ["p1", "EMEA"],
      ["r1", "Ana Schmidt"],
    ]);
    expect(describeExpected({ kind: "pool", poolId: "p1", band: "hot" }, names)).toBe("Pool EMEA · band hot");
    expect(describeExpected({ kind: "queue", queue: "Nurture" }, names)).toBe("Queue Nurture");
    expect(leadLabel({ name: "Dana", country: "DE" })).toBe("Dana · DE");
    expect(leadLabel({ email: "x@example.test" })).toBe("x@example.test");
  });
});

describe("test-run panel markup", () => {
  it("renders a typed input per declared field, the run button and the saved-cases section", async () => {
    const { createElement } = await import("react");
    const { renderToString } = await import("react-dom/server");
    const { QueryClient, QueryClientProvider } = await import("@tanstack/react-query");
    const { createTRPCClient, httpBatchLink } = await import("@trpc/client");
    const superjson = (await import("superjson")).default;
    const { TRPCProvider } = await import("@/components/trpc/client");
    const { TestRunPanel } = await import("@/components/flow-editor/test-run/test-run-panel");
    const queryClient = new QueryClient();
    // Server rendering runs no query, so the client is never called.
    const trpcClient = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "http://127.0.0.1:9/api/trpc", transformer: superjson })],
    });
    const graph = territoryGraph([{ caseLabel: "EMEA", countries: ["DE"], poolId: "p1" }]);
    const panel = createElement(TestRunPanel, {
      flowId: "f1",
      graph,
      fields: [
        { name: "country", type: "string", label: "Country" },
        { name: "company_size", type: "number", label: "Company size" },
        { name: "vip", type: "boolean" },
        { name: "tags", type: "string_list" },
        { name: "signed_up", type: "date" },
      ],
      canEdit: true,
      onHighlight: () => {},
    });
    const html = renderToString(
      createElement(QueryClientProvider, {
        client: queryClient,
        children: createElement(TRPCProvider, { trpcClient, queryClient, children: panel }),
      }),
    );
    expect(html).toContain('data-testid="test-run-button"');
    expect(html).toContain(">Country<");
    expect(html).toContain('type="number"');
    expect(html).toContain('type="date"');
    expect(html).toContain('aria-label="tags"');
    expect(html).toContain("Saved test cases");
    // The first channel the source accepts is preselected.
    expect(html).toMatch(/<option value="web_form" selected="">/);
  });
});
