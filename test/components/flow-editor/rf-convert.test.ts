import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NODE_WIDTH } from "@/components/flow-editor/model/node-size";
import { graphToRf, rfToGraph, toRfNode } from "@/components/flow-editor/model/rf-convert";
import type { FlowGraph } from "@/engine";
import { flowArbitrary } from "../../engine/arbitraries";

/** Random flows with random positions and labels, so the round trip has something to lose. */
const placedFlow = flowArbitrary.chain((flow) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5000, max: 5000 })),
        {
          minLength: flow.nodes.length,
          maxLength: flow.nodes.length,
        },
      ),
      fc.array(fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), {
        minLength: flow.nodes.length,
        maxLength: flow.nodes.length,
      }),
    )
    .map(
      ([positions, labels]): FlowGraph => ({
        ...flow,
        nodes: flow.nodes.map((node, i) => {
          const [x, y] = positions[i] ?? [0, 0];
          const label = labels[i];
          const { label: _dropped, ...rest } = node;
          return label === undefined
            ? { ...rest, position: { x, y } }
            : { ...rest, label, position: { x, y } };
        }),
      }),
    ),
);

describe("graph ↔ React Flow conversion", () => {
  it("round-trips every flow losslessly", () => {
    fc.assert(
      fc.property(placedFlow, (flow) => {
        const { nodes, edges } = graphToRf(flow);
        expect(rfToGraph(nodes, edges)).toStrictEqual(flow);
      }),
      { numRuns: 200 },
    );
  });

  it("reads moved positions back and keeps everything else", () => {
    fc.assert(
      fc.property(flowArbitrary, fc.integer({ min: -900, max: 900 }), (flow, dx) => {
        const { nodes, edges } = graphToRf(flow);
        const moved = nodes.map((n) => ({ ...n, position: { x: n.position.x + dx, y: n.position.y - dx } }));
        const back = rfToGraph(moved, edges);
        expect(back.nodes.map((n) => n.position)).toStrictEqual(
          flow.nodes.map((n) => ({ x: n.position.x + dx, y: n.position.y - dx })),
        );
        expect(back.nodes.map((n) => ({ ...n, position: null }))).toStrictEqual(
          flow.nodes.map((n) => ({ ...n, position: null })),
        );
        expect(back.edges).toStrictEqual(flow.edges);
      }),
      { numRuns: 50 },
    );
  });

  it("gives React Flow the node type, the canvas size and a protected source", () => {
    const source = toRfNode({
      id: "source",
      type: "source",
      position: { x: 1, y: 2 },
      data: { channels: [], fields: [] },
    });
    expect(source).toMatchObject({ id: "source", type: "source", width: NODE_WIDTH, deletable: false });
    const pool = toRfNode({ id: "p", type: "pool", position: { x: 0, y: 0 }, data: { poolId: "" } });
    expect(pool.deletable).toBe(true);
  });

  it("keeps edge handles: sourceHandle from the graph, one input handle per node", () => {
    const { edges } = graphToRf({
      version: 1,
      nodes: [],
      edges: [{ id: "e", source: "b", sourceHandle: "case-1", target: "p" }],
    });
    expect(edges[0]).toMatchObject({
      id: "e",
      source: "b",
      sourceHandle: "case-1",
      target: "p",
      targetHandle: "in",
    });
  });
});
