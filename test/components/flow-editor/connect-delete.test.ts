import { describe, expect, it } from "vitest";
import { canConnect, connect } from "@/components/flow-editor/model/connect";
import { deleteElements } from "@/components/flow-editor/model/delete";
import { replaceNode } from "@/components/flow-editor/model/flow-graph";
import { territoryFlow } from "./editor-fixtures";

describe("connect", () => {
  it("adds an edge from a free output", () => {
    const graph = territoryFlow();
    const withoutElse = deleteElements(graph, { nodeIds: [], edgeIds: ["territory-else"] });
    const result = connect(withoutElse, { source: "territory", sourceHandle: "else", target: "pool-apac" });
    if (!result.ok) throw new Error(result.reason);
    expect(result.edge).toStrictEqual({
      id: "territory-else",
      source: "territory",
      sourceHandle: "else",
      target: "pool-apac",
    });
    expect(result.replaced).toBeNull();
    expect(result.graph.edges).toHaveLength(graph.edges.length);
  });

  it("replaces the edge of an output that is already connected (one edge per output)", () => {
    const graph = territoryFlow();
    const result = connect(graph, { source: "territory", sourceHandle: "emea", target: "fallback" });
    if (!result.ok) throw new Error(result.reason);
    expect(result.replaced?.target).toBe("pool-emea");
    const fromEmea = result.graph.edges.filter((e) => e.source === "territory" && e.sourceHandle === "emea");
    expect(fromEmea).toStrictEqual([
      { id: "territory-emea", source: "territory", sourceHandle: "emea", target: "fallback" },
    ]);
    expect(result.graph.edges).toHaveLength(graph.edges.length);
    // Same position in the list: the rest of the order is untouched.
    expect(result.graph.edges.map((e) => e.id)).toStrictEqual(graph.edges.map((e) => e.id));
  });

  it("uses the only output when no handle is given", () => {
    const graph = deleteElements(territoryFlow(), { nodeIds: [], edgeIds: ["source-next"] });
    const result = connect(graph, { source: "source", sourceHandle: null, target: "fallback" });
    expect(result.ok && result.edge.sourceHandle).toBe("next");
    expect(connect(graph, { source: "territory", sourceHandle: null, target: "fallback" })).toStrictEqual({
      ok: false,
      reason: "no_such_output",
    });
  });

  it("refuses self loops, edges into the source, missing outputs and loops", () => {
    const graph = territoryFlow();
    expect(
      connect(graph, { source: "pool-emea", sourceHandle: "no_eligible", target: "pool-emea" }),
    ).toMatchObject({
      ok: false,
      reason: "self_loop",
    });
    expect(connect(graph, { source: "territory", sourceHandle: "else", target: "source" })).toMatchObject({
      ok: false,
      reason: "into_source",
    });
    expect(connect(graph, { source: "fallback", sourceHandle: "next", target: "pool-emea" })).toMatchObject({
      ok: false,
      reason: "no_such_output",
    });
    expect(connect(graph, { source: "territory", sourceHandle: "nope", target: "fallback" })).toMatchObject({
      ok: false,
      reason: "no_such_output",
    });
    expect(
      connect(graph, { source: "pool-emea", sourceHandle: "no_eligible", target: "territory" }),
    ).toMatchObject({
      ok: false,
      reason: "cycle",
    });
    expect(connect(graph, { source: "ghost", sourceHandle: "next", target: "territory" })).toMatchObject({
      ok: false,
      reason: "unknown_node",
    });
    expect(canConnect(graph, { source: "pool-emea", sourceHandle: "no_eligible", target: "territory" })).toBe(
      false,
    );
    expect(canConnect(graph, { source: "pool-emea", sourceHandle: "no_eligible", target: "pool-apac" })).toBe(
      true,
    );
  });

  it("allows rerouting an output whose old edge was the only way back (replaced edge does not count)", () => {
    // pool-emea → fallback; re-pointing territory's else from fallback to pool-emea is fine.
    const result = connect(territoryFlow(), {
      source: "territory",
      sourceHandle: "else",
      target: "pool-emea",
    });
    expect(result.ok).toBe(true);
  });
});

describe("deleteElements", () => {
  it("removes nodes with their edges, and selected edges", () => {
    const graph = deleteElements(territoryFlow(), { nodeIds: ["pool-emea"], edgeIds: ["territory-else"] });
    expect(graph.nodes.map((n) => n.id)).toStrictEqual(["source", "territory", "pool-apac", "fallback"]);
    expect(graph.edges.map((e) => e.id)).toStrictEqual(["source-next", "territory-apac", "pool-apac-ne"]);
  });

  it("never deletes the source", () => {
    const original = territoryFlow();
    expect(deleteElements(original, { nodeIds: ["source"], edgeIds: [] })).toBe(original);
    const graph = deleteElements(original, { nodeIds: ["source", "fallback"], edgeIds: [] });
    expect(graph.nodes.map((n) => n.id)).toContain("source");
    expect(graph.nodes.map((n) => n.id)).not.toContain("fallback");
  });
});

describe("replaceNode", () => {
  it("drops the edges of outputs the node no longer has", () => {
    const graph = territoryFlow();
    const branch = graph.nodes[1];
    if (branch?.type !== "branch") throw new Error("fixture");
    const updated = replaceNode(graph, {
      ...branch,
      data: { ...branch.data, cases: branch.data.cases.slice(1) },
    });
    expect(updated.edges.map((e) => e.id)).not.toContain("territory-emea");
    expect(updated.edges).toHaveLength(graph.edges.length - 1);
  });
});
