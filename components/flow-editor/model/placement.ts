/** Where to put a node the palette adds: below the selected node, or at a spot, never on top of another. */
import type { FlowGraph, FlowNode, XY } from "./editor-types";
import { type NodeSize, nodeSize } from "./node-size";

/** Gap between a node and the one added below it. */
export const PLACE_GAP = 64;
const STEP = 32;
const MAX_TRIES = 200;

function overlaps(at: XY, size: NodeSize, node: FlowNode): boolean {
  const other = nodeSize(node);
  return (
    at.x < node.position.x + other.width &&
    node.position.x < at.x + size.width &&
    at.y < node.position.y + other.height &&
    node.position.y < at.y + size.height
  );
}

/** `desired`, or the nearest spot down and to the right of it where a node of `size` overlaps none. */
export function freeSpot(graph: FlowGraph, desired: XY, size: NodeSize): XY {
  let at = { x: Math.round(desired.x), y: Math.round(desired.y) };
  for (let i = 0; i < MAX_TRIES && graph.nodes.some((node) => overlaps(at, size, node)); i += 1) {
    at = { x: at.x + STEP, y: at.y + STEP };
  }
  return at;
}

/** The top-left corner that centres a node of `size` on `center`. */
export function centredAt(center: XY, size: NodeSize): XY {
  return { x: center.x - size.width / 2, y: center.y - size.height / 2 };
}

/** Just below `anchor` (left edges aligned), moved on until it is free. */
export function belowNode(graph: FlowGraph, anchor: FlowNode, size: NodeSize): XY {
  const anchorSize = nodeSize(anchor);
  return freeSpot(
    graph,
    { x: anchor.position.x, y: anchor.position.y + anchorSize.height + PLACE_GAP },
    size,
  );
}
