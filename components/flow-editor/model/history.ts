/**
 * Undo/redo over graph snapshots, as a pure reducer. Snapshots share unchanged nodes, so keeping 100
 * of them is cheap. Rapid edits of the same field of the same node (typing a label) coalesce into one
 * step; a drag changes the graph many times but records one step when it ends.
 */
import type { FlowGraph } from "./editor-types";

/** Most undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 100;
/** Edits with the same key closer together than this (ms) form one undo step. */
export const COALESCE_WINDOW_MS = 1000;

export interface History {
  past: FlowGraph[];
  present: FlowGraph;
  future: FlowGraph[];
  /** Coalescing key of the step that produced `present`, and when it was last extended. */
  lastKey: string | null;
  lastAt: number;
  /** The graph before the transient change in progress (a drag), or null. */
  transientBase: FlowGraph | null;
}

export type HistoryAction =
  /** A finished edit. Same `key` as the previous edit within the window → merged into its step. */
  | { type: "commit"; graph: FlowGraph; key?: string | undefined; at: number }
  /** An intermediate state (drag in progress): shown, but not an undo step yet. */
  | { type: "transient"; graph: FlowGraph }
  /** The transient change ended: one undo step from before it to now. */
  | { type: "endTransient" }
  | { type: "undo" }
  | { type: "redo" }
  /** A new document (e.g. a loaded version): history starts over. */
  | { type: "reset"; graph: FlowGraph };

export function createHistory(graph: FlowGraph): History {
  return { past: [], present: graph, future: [], lastKey: null, lastAt: 0, transientBase: null };
}

function pushPast(past: FlowGraph[], graph: FlowGraph): FlowGraph[] {
  const next = [...past, graph];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** Settles a transient change into one step (or drops it when nothing changed). */
function settle(state: History): History {
  const base = state.transientBase;
  if (base === null) return state;
  if (base === state.present) return { ...state, transientBase: null };
  return {
    ...state,
    past: pushPast(state.past, base),
    future: [],
    lastKey: null,
    transientBase: null,
  };
}

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case "commit": {
      const current = settle(state);
      if (action.graph === current.present) return current;
      const key = action.key ?? null;
      const coalesce =
        key !== null &&
        key === current.lastKey &&
        action.at - current.lastAt <= COALESCE_WINDOW_MS &&
        current.past.length > 0;
      return {
        past: coalesce ? current.past : pushPast(current.past, current.present),
        present: action.graph,
        future: [],
        lastKey: key,
        lastAt: action.at,
        transientBase: null,
      };
    }
    case "transient":
      if (action.graph === state.present) return state;
      return { ...state, present: action.graph, transientBase: state.transientBase ?? state.present };
    case "endTransient":
      return settle(state);
    case "undo": {
      const current = settle(state);
      const previous = current.past[current.past.length - 1];
      if (previous === undefined) return current;
      return {
        past: current.past.slice(0, -1),
        present: previous,
        future: [current.present, ...current.future],
        lastKey: null,
        lastAt: 0,
        transientBase: null,
      };
    }
    case "redo": {
      const current = settle(state);
      const [next, ...rest] = current.future;
      if (next === undefined) return current;
      return {
        past: pushPast(current.past, current.present),
        present: next,
        future: rest,
        lastKey: null,
        lastAt: 0,
        transientBase: null,
      };
    }
    case "reset":
      return createHistory(action.graph);
  }
}

export function canUndo(state: History): boolean {
  return state.past.length > 0 || (state.transientBase !== null && state.transientBase !== state.present);
}

export function canRedo(state: History): boolean {
  return state.future.length > 0;
}
