/**
 * Renders the canvas to HTML (React Flow renders nodes on the server when they have a size, which
 * ours always do) and checks what a person and an end-to-end test see: node test ids, handles per
 * output, summaries, palette, toolbar, issue and test-run decoration, read-only mode.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FlowCanvas, type FlowCanvasProps } from "@/components/flow-editor/canvas/flow-canvas";
import { PALETTE_ITEMS } from "@/components/flow-editor/canvas/palette-items";
import type { RunHighlight } from "@/components/flow-editor/types";
import { useFlowEditor } from "@/components/flow-editor/use-flow-editor";
import type { FlowGraph, ValidationIssue } from "@/engine";
import { territoryFlow } from "./editor-fixtures";

type Extra = Omit<FlowCanvasProps, "editor">;

function Harness({ graph, extra }: { graph: FlowGraph; extra: Extra }) {
  const editor = useFlowEditor(graph);
  return createElement(FlowCanvas, { editor, ...extra });
}

function render(extra: Extra = {}, graph: FlowGraph = territoryFlow()): string {
  return renderToString(createElement(Harness, { graph, extra }));
}

/** The markup of the element with this data-testid, up to the next node root (rough but enough). */
function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

describe("FlowCanvas markup", () => {
  it("draws every node with its test id, label and plain-language summary", () => {
    const html = render({ poolNames: { p1: "EMEA (weighted)" } });
    for (const id of ["source", "territory", "pool-emea", "pool-apac", "fallback"]) {
      expect(html).toContain(`data-testid="node-${id}"`);
    }
    expect(html).toContain("Pool: EMEA (weighted)");
    expect(html).toContain("Pool: p2");
    expect(html).toContain("Queue: Unassigned");
    expect(html).toContain("Territory · 2 cases + else");
    expect(html).toContain("All channels · 1 field");
  });

  it("gives each output its own labelled handle with a stable test id", () => {
    const html = render();
    expect(html).toContain('data-testid="handle-source-next"');
    for (const handle of ["emea", "apac", "else"])
      expect(html).toContain(`data-testid="handle-territory-${handle}"`);
    expect(html).toContain('data-testid="handle-pool-emea-no_eligible"');
    expect(html).toContain('data-testid="handle-territory-in"');
    expect(html).not.toContain('data-testid="handle-source-in"');
    expect(html).not.toMatch(/data-testid="handle-fallback-(?!in")/);
    expect(html).toContain(">EMEA</span>");
    expect(html).toContain(">No eligible rep</span>");
    // The case's condition in words, as its tooltip.
    expect(html).toContain('title="EMEA: country in DE"');
  });

  it("offers the palette and the toolbar when editing", () => {
    const html = render();
    for (const item of PALETTE_ITEMS) expect(html).toContain(`data-testid="${item.testId}"`);
    for (const id of ["toolbar-undo", "toolbar-redo", "toolbar-layout", "toolbar-fit", "toolbar-shortcuts"]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    // The flow has its source: the Source item is disabled.
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="palette-source"/);
  });

  it("hides the palette and the editing buttons when read-only", () => {
    const html = render({ readOnly: true });
    expect(html).not.toContain('data-testid="flow-palette"');
    expect(html).not.toContain('data-testid="toolbar-undo"');
    expect(html).toContain('data-testid="toolbar-fit"');
    expect(html).toContain('data-testid="node-territory"');
  });

  it("marks nodes with issues: red ring, count badge, messages in the tooltip", () => {
    const issues: ValidationIssue[] = [
      { code: "missing_pool", nodeId: "pool-emea", message: "Pool node does not say which pool to use." },
      { code: "unknown_pool", nodeId: "pool-emea", message: "Second problem." },
    ];
    const html = render({ issues });
    expect(html).toMatch(
      /data-testid="node-pool-emea"[^>]*data-issue-count="2"[^>]*class="[^"]*ring-red-500/,
    );
    expect(html).toContain('data-testid="node-issues-pool-emea"');
    expect(html).toContain("2 problems:\n• Pool node does not say which pool to use.\n• Second problem.");
    expect(count(html, "ring-red-500")).toBe(1);
  });

  it("lights up a test run: visited nodes green with their note, the rest dimmed", () => {
    const highlight: RunHighlight = {
      nodes: {
        source: { status: "visited", note: "web_form accepted" },
        territory: { status: "visited", note: "country = DE → EMEA" },
        "pool-emea": { status: "visited", note: "would pick Ana Schmidt" },
      },
      edgeIds: ["source-next", "territory-emea"],
    };
    const html = render({ highlight });
    expect(html).toContain('data-testid="node-note-territory"');
    expect(html).toContain("country = DE → EMEA");
    expect(html).toMatch(
      /data-testid="node-territory"[^>]*data-run="visited"[^>]*class="[^"]*ring-emerald-500/,
    );
    expect(html).toMatch(/data-testid="node-fallback"[^>]*class="[^"]*opacity-40/);
    expect(html).not.toMatch(/data-testid="node-territory"[^>]*class="[^"]*opacity-40/);
  });
});
