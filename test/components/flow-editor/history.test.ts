import { describe, expect, it } from "vitest";
import { nodeEditKey } from "@/components/flow-editor/model/edit-key";
import {
  COALESCE_WINDOW_MS,
  canRedo,
  canUndo,
  createHistory,
  HISTORY_LIMIT,
  type History,
  type HistoryAction,
  historyReducer,
} from "@/components/flow-editor/model/history";
import type { FlowGraph, FlowNode } from "@/engine";

function graphWith(label: string): FlowGraph {
  return {
    version: 1,
    nodes: [{ id: "s", type: "source", label, position: { x: 0, y: 0 }, data: { channels: [], fields: [] } }],
    edges: [],
  };
}

function run(state: History, ...actions: HistoryAction[]): History {
  return actions.reduce(historyReducer, state);
}

describe("history", () => {
  it("undoes and redoes commits in order", () => {
    const a = graphWith("a");
    const b = graphWith("b");
    const c = graphWith("c");
    let h = run(
      createHistory(a),
      { type: "commit", graph: b, at: 0 },
      { type: "commit", graph: c, at: 5000 },
    );
    expect(h.present).toBe(c);
    h = run(h, { type: "undo" });
    expect(h.present).toBe(b);
    h = run(h, { type: "undo" });
    expect(h.present).toBe(a);
    expect(canUndo(h)).toBe(false);
    h = run(h, { type: "undo" });
    expect(h.present).toBe(a);
    h = run(h, { type: "redo" }, { type: "redo" });
    expect(h.present).toBe(c);
    expect(canRedo(h)).toBe(false);
  });

  it("drops the redo stack on a new edit", () => {
    const h = run(
      createHistory(graphWith("a")),
      { type: "commit", graph: graphWith("b"), at: 0 },
      { type: "undo" },
      { type: "commit", graph: graphWith("c"), at: 10 },
    );
    expect(canRedo(h)).toBe(false);
    expect(h.past.map((g) => g.nodes[0]?.label)).toStrictEqual(["a"]);
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    let h = createHistory(graphWith("0"));
    for (let i = 1; i <= HISTORY_LIMIT + 20; i += 1)
      h = run(h, { type: "commit", graph: graphWith(String(i)), at: i * 5000 });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < HISTORY_LIMIT; i += 1) h = run(h, { type: "undo" });
    expect(h.present.nodes[0]?.label).toBe("20");
    expect(canUndo(h)).toBe(false);
  });

  it("coalesces rapid edits with the same key into one step", () => {
    let h = run(createHistory(graphWith("")), { type: "commit", graph: graphWith("x"), at: 0 });
    for (const [i, text] of ["H", "He", "Hel", "Hell", "Hello"].entries()) {
      h = run(h, { type: "commit", graph: graphWith(text), key: "s:label", at: 1000 + i * 200 });
    }
    expect(h.present.nodes[0]?.label).toBe("Hello");
    h = run(h, { type: "undo" });
    expect(h.present.nodes[0]?.label).toBe("x");
  });

  it("starts a new step after a pause, another key, or an undo", () => {
    const typed = (text: string, at: number, key = "s:label"): HistoryAction => ({
      type: "commit",
      graph: graphWith(text),
      key,
      at,
    });
    let h = run(
      createHistory(graphWith("")),
      typed("a", 0),
      typed("ab", 100),
      typed("abc", 100 + COALESCE_WINDOW_MS + 1),
    );
    expect(h.past.map((g) => g.nodes[0]?.label)).toStrictEqual(["", "ab"]);
    h = run(h, typed("abcd", 100 + COALESCE_WINDOW_MS + 2, "s:other"));
    expect(h.past).toHaveLength(3);
    h = run(h, { type: "undo" }, typed("z", 100 + COALESCE_WINDOW_MS + 3, "s:label"));
    expect(h.past.map((g) => g.nodes[0]?.label)).toStrictEqual(["", "ab", "abc"]);
  });

  it("records a transient change (a drag) as one step when it ends", () => {
    const start = graphWith("start");
    let h = createHistory(start);
    for (let i = 0; i < 30; i += 1) h = run(h, { type: "transient", graph: graphWith(`drag ${i}`) });
    expect(h.past).toHaveLength(0);
    expect(canUndo(h)).toBe(true);
    h = run(h, { type: "endTransient" });
    expect(h.past).toStrictEqual([start]);
    expect(h.present.nodes[0]?.label).toBe("drag 29");
    h = run(h, { type: "undo" });
    expect(h.present).toBe(start);
  });

  it("ignores a transient change that ends where it started", () => {
    const start = graphWith("start");
    const h = run(createHistory(start), { type: "transient", graph: start }, { type: "endTransient" });
    expect(h.past).toHaveLength(0);
  });

  it("resets to a fresh history", () => {
    const h = run(
      createHistory(graphWith("a")),
      { type: "commit", graph: graphWith("b"), at: 0 },
      { type: "reset", graph: graphWith("c") },
    );
    expect(h.past).toHaveLength(0);
    expect(canUndo(h)).toBe(false);
    expect(h.present.nodes[0]?.label).toBe("c");
  });
});

describe("nodeEditKey", () => {
  const branch: FlowNode = {
    id: "b",
    type: "branch",
    label: "Region",
    position: { x: 0, y: 0 },
    data: {
      preset: "territory",
      cases: [
        {
          id: "c1",
          label: "EMEA",
          condition: { kind: "rule", field: "country", operator: "in_list", value: ["DE"] },
        },
      ],
    },
  };

  it("names the one changed value", () => {
    expect(nodeEditKey(branch, { ...branch, label: "Regions" })).toBe("b:label");
    const renamed: FlowNode = {
      ...branch,
      data: { ...branch.data, cases: branch.data.cases.map((c) => ({ ...c, label: "EMEA+" })) },
    };
    expect(nodeEditKey(branch, renamed)).toBe("b:data.cases.0.label");
  });

  it("gives no key to structural or multi-value edits", () => {
    const added: FlowNode = {
      ...branch,
      data: { ...branch.data, cases: [...branch.data.cases, ...branch.data.cases] },
    };
    expect(nodeEditKey(branch, added)).toBeUndefined();
    expect(nodeEditKey(branch, { ...branch, label: "x", position: { x: 1, y: 0 } })).toBeUndefined();
    const { label: _label, ...unlabelled } = branch;
    expect(nodeEditKey(branch, unlabelled)).toBeUndefined();
    expect(nodeEditKey(branch, branch)).toBeUndefined();
  });
});
