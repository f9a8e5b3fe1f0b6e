import { describe, expect, it } from "vitest";
import { copyNodes } from "@/components/flow-editor/model/clipboard";
import {
  createEditorState,
  type EditorAction,
  type EditorState,
  editorReducer,
} from "@/components/flow-editor/model/editor-state";
import { canRedo, canUndo } from "@/components/flow-editor/model/history";
import type { FlowNode } from "@/engine";
import { territoryFlow } from "./editor-fixtures";

function run(state: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, state);
}

function drag(id: string, steps: number, at = 0): EditorAction[] {
  const moves: EditorAction[] = Array.from({ length: steps }, (_, i) => ({
    type: "nodesChange",
    changes: [{ type: "position", id, position: { x: i * 3, y: i }, dragging: true }],
    at: at + i,
  }));
  moves.push({
    type: "nodesChange",
    changes: [{ type: "position", id, position: { x: steps * 3, y: steps }, dragging: false }],
    at: at + steps,
  });
  return moves;
}

const position = (state: EditorState, id: string) =>
  state.history.present.nodes.find((n) => n.id === id)?.position;

describe("editor state", () => {
  it("records a drag as one undo step and one revision, at drag end", () => {
    const start = createEditorState(territoryFlow());
    const moves = drag("fallback", 50);
    const during = run(start, ...moves.slice(0, -1));
    expect(position(during, "fallback")).toStrictEqual({ x: 49 * 3, y: 49 });
    expect(during.revision).toBe(0);
    expect(during.history.past).toHaveLength(0);
    const after = run(during, ...moves.slice(-1));
    expect(position(after, "fallback")).toStrictEqual({ x: 150, y: 50 });
    expect(after.history.past).toHaveLength(1);
    expect(after.revision).toBe(1);
    const undone = run(after, { type: "undo" });
    expect(position(undone, "fallback")).toStrictEqual({ x: 300, y: 600 });
    expect(undone.revision).toBe(2);
  });

  it("keeps selection out of history", () => {
    let state = run(createEditorState(territoryFlow()), {
      type: "nodesChange",
      changes: [
        { type: "select", id: "territory", selected: true },
        { type: "select", id: "fallback", selected: true },
      ],
      at: 0,
    });
    expect(state.selection.nodeIds).toStrictEqual(["territory", "fallback"]);
    expect(canUndo(state.history)).toBe(false);
    expect(state.revision).toBe(0);
    state = run(state, {
      type: "edgesChange",
      changes: [{ type: "select", id: "source-next", selected: true }],
      at: 0,
    });
    expect(state.selection.edgeIds).toStrictEqual(["source-next"]);
    state = run(state, {
      type: "nodesChange",
      changes: [{ type: "select", id: "territory", selected: false }],
      at: 0,
    });
    expect(state.selection.nodeIds).toStrictEqual(["fallback"]);
  });

  it("deletes the selection (except the source) with its edges; undo brings it back", () => {
    const start = run(createEditorState(territoryFlow()), {
      type: "setSelection",
      selection: { nodeIds: ["source", "pool-emea"], edgeIds: ["territory-else"] },
    });
    const deleted = run(start, { type: "deleteSelection", at: 0 });
    expect(deleted.history.present.nodes.map((n) => n.id)).toStrictEqual([
      "source",
      "territory",
      "pool-apac",
      "fallback",
    ]);
    expect(deleted.history.present.edges.map((e) => e.id)).toStrictEqual([
      "source-next",
      "territory-apac",
      "pool-apac-ne",
    ]);
    expect(deleted.selection).toStrictEqual({ nodeIds: ["source"], edgeIds: [] });
    expect(deleted.revision).toBe(1);
    const undone = run(deleted, { type: "undo" });
    expect(undone.history.present).toStrictEqual(territoryFlow());
  });

  it("connects through the connect rules", () => {
    const state = run(createEditorState(territoryFlow()), {
      type: "connect",
      connection: { source: "territory", sourceHandle: "emea", target: "fallback" },
      at: 0,
    });
    expect(state.history.present.edges.find((e) => e.id === "territory-emea")?.target).toBe("fallback");
    const refused = run(state, {
      type: "connect",
      connection: { source: "fallback", sourceHandle: null, target: "territory" },
      at: 1,
    });
    expect(refused).toBe(state);
  });

  it("adds nodes selected, and refuses a second source", () => {
    const state = run(createEditorState(territoryFlow()), {
      type: "addNode",
      nodeType: "branch",
      preset: "skill",
      position: { x: 10, y: 20 },
      at: 0,
    });
    const added = state.history.present.nodes.at(-1);
    expect(added).toMatchObject({
      id: "branch-1",
      type: "branch",
      position: { x: 10, y: 20 },
      data: { preset: "skill" },
    });
    expect(state.selection.nodeIds).toStrictEqual(["branch-1"]);
    expect(run(state, { type: "addNode", nodeType: "source", at: 1 })).toBe(state);
  });

  it("coalesces typing in the inspector into one undo step", () => {
    let state = createEditorState(territoryFlow());
    const original = state.history.present.nodes[1] as FlowNode;
    for (const [i, label] of ["R", "Re", "Reg", "Regi", "Region"].entries()) {
      state = run(state, { type: "updateNode", node: { ...original, label }, at: 1000 + i * 100 });
    }
    expect(state.history.present.nodes[1]?.label).toBe("Region");
    expect(state.revision).toBe(5);
    const undone = run(state, { type: "undo" });
    expect(undone.history.present.nodes[1]?.label).toBe("Territory");
    expect(canUndo(undone.history)).toBe(false);
    // Changing the type through updateNode is refused.
    expect(
      run(state, { type: "updateNode", node: { ...original, type: "pool", data: { poolId: "x" } }, at: 0 }),
    ).toBe(state);
  });

  it("pastes with growing offsets and selects what it pasted", () => {
    const start = createEditorState(territoryFlow());
    const payload = copyNodes(start.history.present, ["fallback"]);
    if (payload === null) throw new Error("nothing copied");
    const once = run(start, { type: "copied" }, { type: "paste", payload, at: 0 });
    const twice = run(once, { type: "paste", payload, at: 1 });
    expect(once.selection.nodeIds).toStrictEqual(["fallback-1"]);
    expect(twice.selection.nodeIds).toStrictEqual(["fallback-2"]);
    expect(position(once, "fallback-1")).toStrictEqual({ x: 340, y: 640 });
    expect(position(twice, "fallback-2")).toStrictEqual({ x: 380, y: 680 });
    expect(run(twice, { type: "copied" }).pastes).toBe(0);
  });

  it("lays out as one undo step", () => {
    const state = run(createEditorState(territoryFlow()), { type: "autoLayout", at: 0 });
    expect(state.history.past).toHaveLength(1);
    expect(state.revision).toBe(1);
  });

  it("replaces the document: history and selection start over", () => {
    const edited = run(
      createEditorState(territoryFlow()),
      { type: "addNode", nodeType: "assign", at: 0 },
      { type: "undo" },
    );
    expect(canRedo(edited.history)).toBe(true);
    const replaced = run(edited, { type: "replaceGraph", graph: territoryFlow(), dirty: true });
    expect(canUndo(replaced.history) || canRedo(replaced.history)).toBe(false);
    expect(replaced.selection).toStrictEqual({ nodeIds: [], edgeIds: [] });
    expect(replaced.revision).toBe(edited.revision + 1);
    expect(replaced.generation).toBe(1);
    expect(run(edited, { type: "replaceGraph", graph: territoryFlow(), dirty: false }).revision).toBe(
      edited.revision,
    );
  });

  it("keeps sizes React Flow measured, without touching history", () => {
    const state = run(createEditorState(territoryFlow()), {
      type: "nodesChange",
      changes: [{ type: "dimensions", id: "territory", dimensions: { width: 336, height: 124 } }],
      at: 0,
    });
    expect(state.measured).toStrictEqual({ territory: { width: 336, height: 124 } });
    expect(state.revision).toBe(0);
    expect(canUndo(state.history)).toBe(false);
  });

  it("moves by keyboard as coalesced steps", () => {
    let state = createEditorState(territoryFlow());
    for (let i = 1; i <= 5; i += 1) {
      state = run(state, {
        type: "nodesChange",
        changes: [{ type: "position", id: "fallback", position: { x: 300 + i * 5, y: 600 } }],
        at: i * 100,
      });
    }
    expect(position(state, "fallback")).toStrictEqual({ x: 325, y: 600 });
    expect(state.history.past).toHaveLength(1);
  });

  it("drops selected ids that an undo removed", () => {
    const state = run(
      createEditorState(territoryFlow()),
      { type: "addNode", nodeType: "assign", at: 0 },
      { type: "undo" },
    );
    expect(state.selection.nodeIds).toStrictEqual([]);
  });
});
