import { describe, expect, it } from "vitest";
import {
  copyNodes,
  PASTE_OFFSET,
  parseClipboard,
  pasteNodes,
  serializeClipboard,
} from "@/components/flow-editor/model/clipboard";
import { createNode } from "@/components/flow-editor/model/node-factory";
import { type FlowGraph, validateFlow } from "@/engine";
import { territoryFlow } from "./editor-fixtures";

describe("clipboard", () => {
  it("copies the chosen nodes and only the edges between them", () => {
    const payload = copyNodes(territoryFlow(), ["territory", "pool-emea", "fallback"]);
    expect(payload?.nodes.map((n) => n.id)).toStrictEqual(["territory", "pool-emea", "fallback"]);
    expect(payload?.edges.map((e) => e.id)).toStrictEqual([
      "territory-emea",
      "territory-else",
      "pool-emea-ne",
    ]);
    expect(copyNodes(territoryFlow(), ["nothing"])).toBeNull();
  });

  it("pastes with fresh ids, moved positions and remapped edges", () => {
    const graph = territoryFlow();
    const payload = copyNodes(graph, ["territory", "pool-emea", "fallback"]);
    if (payload === null) throw new Error("nothing copied");
    const result = pasteNodes(graph, payload);
    expect(result.nodeIds).toStrictEqual(["branch-1", "pool-1", "fallback-1"]);
    expect(result.graph.nodes).toHaveLength(graph.nodes.length + 3);
    const pasted = result.graph.nodes.slice(graph.nodes.length);
    pasted.forEach((node, i) => {
      const original = payload.nodes[i];
      expect(node.position).toStrictEqual({
        x: (original?.position.x ?? 0) + PASTE_OFFSET,
        y: (original?.position.y ?? 0) + PASTE_OFFSET,
      });
      expect(node.data).toStrictEqual(original?.data);
    });
    const edges = result.graph.edges.slice(graph.edges.length);
    expect(edges.map((e) => [e.source, e.sourceHandle, e.target])).toStrictEqual([
      ["branch-1", "emea", "pool-1"],
      ["branch-1", "else", "fallback-1"],
      ["pool-1", "no_eligible", "fallback-1"],
    ]);
    expect(result.edgeIds).toStrictEqual(edges.map((e) => e.id));
    expect(new Set(result.graph.edges.map((e) => e.id)).size).toBe(result.graph.edges.length);
    // The original stays valid structure-wise: ids unique, every pasted edge has known endpoints.
    const codes = validateFlow(result.graph).issues.map((i) => i.code);
    expect(codes).not.toContain("duplicate_node_id");
    expect(codes).not.toContain("duplicate_edge_id");
    expect(codes).not.toContain("edge_unknown_node");
  });

  it("pastes into another flow through the serialised text", () => {
    const payload = copyNodes(territoryFlow(), ["pool-emea", "fallback"]);
    if (payload === null) throw new Error("nothing copied");
    const text = serializeClipboard(payload);
    const other: FlowGraph = { version: 1, nodes: [createNode("source")], edges: [] };
    const parsed = parseClipboard(text);
    expect(parsed).toStrictEqual(payload);
    if (parsed === null) throw new Error("unparsed");
    const result = pasteNodes(other, parsed, { x: 0, y: 0 });
    expect(result.graph.nodes.map((n) => n.id)).toStrictEqual(["source", "pool-1", "fallback-1"]);
    expect(result.graph.edges).toStrictEqual([
      { id: "pool-1-no_eligible", source: "pool-1", sourceHandle: "no_eligible", target: "fallback-1" },
    ]);
  });

  it("leaves the source out when the flow already has one", () => {
    const graph = territoryFlow();
    const payload = copyNodes(graph, ["source", "territory"]);
    if (payload === null) throw new Error("nothing copied");
    const result = pasteNodes(graph, payload);
    expect(result.graph.nodes.filter((n) => n.type === "source")).toHaveLength(1);
    expect(result.nodeIds).toStrictEqual(["branch-1"]);
    expect(result.edgeIds).toStrictEqual([]);
    const empty = pasteNodes({ version: 1, nodes: [], edges: [] }, payload);
    expect(empty.nodeIds).toStrictEqual(["source", "branch-1"]);
  });

  it("rejects text that is not a copy of nodes", () => {
    expect(parseClipboard("hello")).toBeNull();
    expect(parseClipboard("{}")).toBeNull();
    expect(parseClipboard(JSON.stringify({ format: "other", nodes: [], edges: [] }))).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 200; i += 1) deep = [deep];
    expect(
      parseClipboard(JSON.stringify({ format: "switchyard.flow-clipboard/1", nodes: [deep], edges: [] })),
    ).toBeNull();
  });
});
