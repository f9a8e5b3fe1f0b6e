import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { autoLayout } from "@/components/flow-editor/model/auto-layout";
import { createNode } from "@/components/flow-editor/model/node-factory";
import { nodeSize } from "@/components/flow-editor/model/node-size";
import type { FlowEdge, FlowGraph, FlowNode } from "@/engine";
import { flowArbitrary } from "../../engine/arbitraries";
import { territoryFlow } from "./editor-fixtures";

interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function boxes(graph: FlowGraph): Box[] {
  return graph.nodes.map((node) => {
    const size = nodeSize(node);
    return {
      id: node.id,
      left: node.position.x,
      top: node.position.y,
      right: node.position.x + size.width,
      bottom: node.position.y + size.height,
    };
  });
}

function overlapping(graph: FlowGraph): Array<[string, string]> {
  const all = boxes(graph);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < all.length; i += 1) {
    for (let j = i + 1; j < all.length; j += 1) {
      const a = all[i];
      const b = all[j];
      if (a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

function center(graph: FlowGraph, id: string): { x: number; y: number } {
  const node = graph.nodes.find((n) => n.id === id);
  if (node === undefined) throw new Error(`no node ${id}`);
  const size = nodeSize(node);
  return { x: node.position.x + size.width / 2, y: node.position.y + size.height / 2 };
}

/** Random extra nodes dropped anywhere, some unconnected, to stress the layout. */
const messyFlow = fc.tuple(flowArbitrary, fc.integer({ min: 0, max: 6 })).map(([flow, extra]): FlowGraph => {
  const nodes = [...flow.nodes];
  for (let i = 0; i < extra; i += 1)
    nodes.push(
      createNode(
        i % 2 === 0 ? "assign" : "branch",
        {},
        nodes.map((n) => n.id),
      ),
    );
  return { ...flow, nodes };
});

describe("autoLayout", () => {
  it("never overlaps nodes (generated flows, canvas node sizes)", () => {
    fc.assert(
      fc.property(messyFlow, (flow) => {
        const laidOut = autoLayout(flow);
        expect(overlapping(laidOut)).toStrictEqual([]);
        expect(laidOut.edges).toBe(flow.edges);
        expect(laidOut.nodes.map((n) => ({ ...n, position: null }))).toStrictEqual(
          flow.nodes.map((n) => ({ ...n, position: null })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("lays out top to bottom: every edge of an acyclic flow points down", () => {
    fc.assert(
      fc.property(flowArbitrary, (flow) => {
        const laidOut = autoLayout(flow);
        for (const edge of laidOut.edges) {
          expect(center(laidOut, edge.target).y).toBeGreaterThan(center(laidOut, edge.source).y);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("keeps the source where it was", () => {
    const flow = territoryFlow();
    const laidOut = autoLayout(flow);
    expect(laidOut.nodes[0]?.position).toStrictEqual(flow.nodes[0]?.position);
  });

  it("orders a branch's targets left to right like its cases", () => {
    const caseCount = 5;
    const branch: FlowNode = {
      id: "b",
      type: "branch",
      position: { x: 0, y: 0 },
      data: {
        preset: "custom",
        cases: Array.from({ length: caseCount }, (_, i) => ({
          id: `c${i}`,
          label: `Case ${i}`,
          condition: { kind: "group" as const, combinator: "all" as const, children: [] },
        })),
      },
    };
    // Targets are declared in reverse order and with ids sorting the other way, so the input order
    // alone would give the wrong answer.
    const targets: FlowNode[] = Array.from({ length: caseCount + 1 }, (_, i) => ({
      id: `z${caseCount - i}`,
      type: "assign",
      position: { x: 0, y: 0 },
      data: { target: { kind: "queue", queue: "q" } },
    }));
    const handles = [...branch.data.cases.map((c) => c.id), "else"];
    const edges: FlowEdge[] = handles.map((handle, i) => ({
      id: `e${i}`,
      source: "b",
      sourceHandle: handle,
      target: `z${i}`,
    }));
    const source = createNode("source");
    const graph: FlowGraph = {
      version: 1,
      nodes: [source, ...targets, branch],
      edges: [{ id: "s", source: source.id, sourceHandle: "next", target: "b" }, ...edges.reverse()],
    };
    const laidOut = autoLayout(graph);
    const xs = handles.map((_, i) => center(laidOut, `z${i}`).x);
    expect(xs).toStrictEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(xs.length);
  });

  it("keeps case order in the territory template: EMEA pool left of APAC pool", () => {
    const laidOut = autoLayout(territoryFlow());
    expect(center(laidOut, "pool-emea").x).toBeLessThan(center(laidOut, "pool-apac").x);
  });

  it("survives contradicting case orders and loops", () => {
    const flow = territoryFlow();
    const second: FlowNode = { ...(flow.nodes[1] as FlowNode), id: "territory-2" };
    const graph: FlowGraph = {
      ...flow,
      nodes: [...flow.nodes, second],
      edges: [
        ...flow.edges,
        // The second branch wants APAC left of EMEA; the first wants the opposite.
        { id: "x1", source: "territory-2", sourceHandle: "emea", target: "pool-apac" },
        { id: "x2", source: "territory-2", sourceHandle: "apac", target: "pool-emea" },
        { id: "x3", source: "source", sourceHandle: "next", target: "territory-2" },
        // A loop (invalid, but drawable while editing).
        { id: "x4", source: "pool-apac", sourceHandle: "no_eligible", target: "territory" },
      ],
    };
    const laidOut = autoLayout(graph);
    expect(laidOut.nodes).toHaveLength(graph.nodes.length);
    expect(overlapping(laidOut)).toStrictEqual([]);
    for (const node of laidOut.nodes) {
      expect(Number.isFinite(node.position.x) && Number.isFinite(node.position.y)).toBe(true);
    }
  });

  it("handles 200 nodes quickly", () => {
    const nodes: FlowNode[] = [createNode("source")];
    const edges: FlowEdge[] = [];
    for (let i = 0; i < 66; i += 1) {
      const branch = createNode(
        "branch",
        { preset: "territory" },
        nodes.map((n) => n.id),
      );
      const pool = createNode("pool", {}, [...nodes.map((n) => n.id), branch.id]);
      const assign = createNode("assign", {}, [...nodes.map((n) => n.id), branch.id, pool.id]);
      const from = nodes[nodes.length - 3] ?? nodes[0];
      if (from?.type === "branch")
        edges.push({ id: `e${i}`, source: from.id, sourceHandle: "else", target: branch.id });
      else if (from) edges.push({ id: `e${i}`, source: from.id, sourceHandle: "next", target: branch.id });
      edges.push({ id: `c${i}`, source: branch.id, sourceHandle: "case-1", target: pool.id });
      edges.push({ id: `p${i}`, source: pool.id, sourceHandle: "no_eligible", target: assign.id });
      nodes.push(branch, pool, assign);
    }
    const started = performance.now();
    const laidOut = autoLayout({ version: 1, nodes, edges });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(overlapping(laidOut)).toStrictEqual([]);
  });
});
