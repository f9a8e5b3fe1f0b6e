import { describe, expect, it } from "vitest";
import { createDecorator, indexIssues } from "@/components/flow-editor/canvas/decorate";
import { isEditableTarget, shortcutFor } from "@/components/flow-editor/canvas/shortcuts";
import { createRfDeriver } from "@/components/flow-editor/model/rf-derive";
import type { RunHighlight } from "@/components/flow-editor/types";
import type { ValidationIssue } from "@/engine";
import { territoryFlow } from "./editor-fixtures";

const press = (
  key: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("shortcuts", () => {
  it("maps keys to actions, Ctrl and Cmd alike", () => {
    expect(shortcutFor(press("Delete"))).toBe("delete");
    expect(shortcutFor(press("Backspace"))).toBe("delete");
    expect(shortcutFor(press("z", { ctrl: true }))).toBe("undo");
    expect(shortcutFor(press("z", { meta: true }))).toBe("undo");
    expect(shortcutFor(press("Z", { meta: true, shift: true }))).toBe("redo");
    expect(shortcutFor(press("y", { ctrl: true }))).toBe("redo");
    expect(shortcutFor(press("c", { ctrl: true }))).toBe("copy");
    expect(shortcutFor(press("v", { meta: true }))).toBe("paste");
    expect(shortcutFor(press("a", { ctrl: true }))).toBe("selectAll");
    expect(shortcutFor(press("z"))).toBeNull();
    expect(shortcutFor(press("c", { ctrl: true, alt: true }))).toBeNull();
    expect(shortcutFor(press("v", { ctrl: true, shift: true }))).toBeNull();
  });

  it("leaves text fields alone", () => {
    expect(isEditableTarget({ tagName: "INPUT" })).toBe(true);
    expect(isEditableTarget({ tagName: "TEXTAREA" })).toBe(true);
    expect(isEditableTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: "DIV", isContentEditable: false })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});

describe("React Flow derivation and decoration reuse unchanged objects", () => {
  it("re-creates only the nodes a change touches", () => {
    const deriver = createRfDeriver();
    const graph = territoryFlow();
    const first = deriver.nodes(graph, { nodeIds: [], edgeIds: [] }, {});
    const same = deriver.nodes(graph, { nodeIds: [], edgeIds: [] }, {});
    expect(same.every((node, i) => node === first[i])).toBe(true);
    const selected = deriver.nodes(graph, { nodeIds: ["fallback"], edgeIds: [] }, {});
    expect(selected.filter((node, i) => node !== first[i]).map((n) => n.id)).toStrictEqual(["fallback"]);
    expect(selected.find((n) => n.id === "fallback")?.selected).toBe(true);
    const moved = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === "source" ? { ...n, position: { x: 5, y: 5 } } : n)),
    };
    const afterMove = deriver.nodes(moved, { nodeIds: ["fallback"], edgeIds: [] }, {});
    expect(afterMove.filter((node, i) => node !== selected[i]).map((n) => n.id)).toStrictEqual(["source"]);
    const edges = deriver.edges(graph.edges, { nodeIds: [], edgeIds: [] });
    const edgesSelected = deriver.edges(graph.edges, { nodeIds: [], edgeIds: ["source-next"] });
    expect(edgesSelected.filter((edge, i) => edge !== edges[i]).map((e) => e.id)).toStrictEqual([
      "source-next",
    ]);
  });

  it("decorates issues and runs, reusing what did not change", () => {
    const deriver = createRfDeriver();
    const decorator = createDecorator();
    const graph = territoryFlow();
    const nodes = deriver.nodes(graph, { nodeIds: [], edgeIds: [] }, {});
    const edges = deriver.edges(graph.edges, { nodeIds: [], edgeIds: [] });
    const issues: ValidationIssue[] = [
      { code: "missing_pool", nodeId: "pool-emea", message: "no pool" },
      { code: "duplicate_edge", nodeId: "territory", edgeId: "territory-else", message: "twice" },
    ];
    const plain = decorator.nodes(nodes, { ...indexIssues([]), highlight: null });
    const withIssues = decorator.nodes(nodes, { ...indexIssues(issues), highlight: null });
    expect(withIssues.filter((n, i) => n !== plain[i]).map((n) => n.id)).toStrictEqual([
      "territory",
      "pool-emea",
    ]);
    expect(withIssues.find((n) => n.id === "pool-emea")?.data.view?.issues).toHaveLength(1);
    // A new but equal issues list changes nothing.
    const again = decorator.nodes(nodes, { ...indexIssues(issues.map((i) => ({ ...i }))), highlight: null });
    expect(again.every((n, i) => n === withIssues[i])).toBe(true);

    const issueEdges = decorator.edges(edges, { ...indexIssues(issues), highlight: null });
    expect(issueEdges.find((e) => e.id === "territory-else")?.className).toBe("sy-edge sy-edge--issue");
    expect(issueEdges.find((e) => e.id === "source-next")?.className).toBe("sy-edge sy-edge--normal");

    const highlight: RunHighlight = {
      nodes: { source: { status: "visited", note: "in" }, territory: { status: "visited", note: "EMEA" } },
      edgeIds: ["source-next"],
    };
    const run = decorator.nodes(nodes, { ...indexIssues([]), highlight });
    expect(run.find((n) => n.id === "fallback")?.data.view).toStrictEqual({
      issues: [],
      mark: null,
      dimmed: true,
    });
    expect(run.find((n) => n.id === "territory")?.data.view?.mark).toStrictEqual({
      status: "visited",
      note: "EMEA",
    });
    const runEdges = decorator.edges(edges, { ...indexIssues([]), highlight });
    expect(runEdges.find((e) => e.id === "source-next")).toMatchObject({
      animated: true,
      className: "sy-edge sy-edge--travelled",
    });
    expect(runEdges.find((e) => e.id === "territory-emea")).toMatchObject({
      animated: false,
      className: "sy-edge sy-edge--dimmed",
    });
  });
});
