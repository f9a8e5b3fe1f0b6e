import { type OwnerKey, REJECTED_OWNER, type SimulatedRoute } from "@/server/services/replay-sim";

// Counting a replay as it runs, and the result kept in replay_runs.result (JSON).

/** Rows and columns shown in the from→to matrix; the rest fold into "Other". */
export const MATRIX_SIZE = 8;
/** Bad CSV rows kept in the result; the count covers all of them. */
export const MAX_BAD_ROWS_KEPT = 500;
export const OTHER_LABEL = "Other";

export interface ReplayDiff {
  /** "recorded": the decisions the live flow actually made; "live_version": the live version replayed the same way. */
  baseline: "recorded" | "live_version";
  baselineVersion: { id: string; number: number } | null;
  /** Leads compared (history leads without a recorded decision are not). */
  compared: number;
  changed: number;
  /** Changed leads only: rows are the old owner, columns the new one. */
  matrix: { from: string[]; to: string[]; counts: number[][] };
  /** The largest from→to moves, largest first. */
  topMoves: Array<{ from: string; to: string; count: number }>;
}

export interface ReplayResult {
  leads: number;
  outcomes: { pool: number; rep: number; queue: number; rejected: number };
  fallback: number;
  /** Share of replayed leads that ended at a fallback node (0–1). */
  fallbackShare: number;
  pools: Array<{ poolId: string; name: string; count: number }>;
  /** Every rep who got leads, from pools or fixed assignments. */
  reps: Array<{ repId: string; name: string; count: number }>;
  queues: Array<{ queue: string; count: number }>;
  badRows: Array<{ line: number; reason: string }>;
  badRowCount: number;
  diff: ReplayDiff | null;
  durationMs: number;
}

export interface Names {
  reps: ReadonlyMap<string, string>;
  pools: ReadonlyMap<string, string>;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function ownerLabel(owner: OwnerKey, names: Names): string {
  if (owner === REJECTED_OWNER) return "Rejected";
  if (owner.startsWith("rep:")) {
    const id = owner.slice(4);
    return names.reps.get(id) ?? "A deleted rep";
  }
  if (owner.startsWith("queue:")) return `Queue "${owner.slice(6)}"`;
  return "Nobody recorded";
}

function byCount<T extends { count: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => b.count - a.count);
}

export class ReplayTally {
  private leads = 0;
  private readonly outcomes = { pool: 0, rep: 0, queue: 0, rejected: 0 };
  private fallback = 0;
  private readonly pools = new Map<string, number>();
  private readonly reps = new Map<string, number>();
  private readonly queues = new Map<string, number>();
  private compared = 0;
  private changed = 0;
  /** "from\u0000to" → count of changed leads. */
  private readonly moves = new Map<string, number>();

  add(route: SimulatedRoute, baseline: OwnerKey | null): void {
    this.leads += 1;
    this.outcomes[route.kind] += 1;
    if (route.fallback) this.fallback += 1;
    if (route.poolId !== null) bump(this.pools, route.poolId);
    if (route.repId !== null) bump(this.reps, route.repId);
    if (route.kind === "queue") bump(this.queues, route.owner.slice(6));
    if (baseline === null) return;
    this.compared += 1;
    if (baseline !== route.owner) {
      this.changed += 1;
      bump(this.moves, `${baseline}\u0000${route.owner}`);
    }
  }

  private matrix(names: Names): ReplayDiff["matrix"] {
    const fromTotals = new Map<string, number>();
    const toTotals = new Map<string, number>();
    const moves = [...this.moves].map(([key, count]) => {
      const [from = "", to = ""] = key.split("\u0000");
      bump(fromTotals, from, count);
      bump(toTotals, to, count);
      return { from, to, count };
    });
    const top = (totals: Map<string, number>) => {
      const sorted = [...totals].sort((a, b) => b[1] - a[1]).map(([key]) => key);
      return sorted.length <= MATRIX_SIZE ? sorted : sorted.slice(0, MATRIX_SIZE - 1);
    };
    const fromKeys = top(fromTotals);
    const toKeys = top(toTotals);
    const fromOther = fromKeys.length < fromTotals.size;
    const toOther = toKeys.length < toTotals.size;
    const counts = Array.from({ length: fromKeys.length + (fromOther ? 1 : 0) }, () =>
      new Array<number>(toKeys.length + (toOther ? 1 : 0)).fill(0),
    );
    for (const move of moves) {
      const row = fromKeys.indexOf(move.from);
      const column = toKeys.indexOf(move.to);
      const cells = counts[row < 0 ? fromKeys.length : row];
      const index = column < 0 ? toKeys.length : column;
      if (cells) cells[index] = (cells[index] ?? 0) + move.count;
    }
    return {
      from: [...fromKeys.map((k) => ownerLabel(k, names)), ...(fromOther ? [OTHER_LABEL] : [])],
      to: [...toKeys.map((k) => ownerLabel(k, names)), ...(toOther ? [OTHER_LABEL] : [])],
      counts,
    };
  }

  result(options: {
    names: Names;
    diff: Pick<ReplayDiff, "baseline" | "baselineVersion"> | null;
    badRows: Array<{ line: number; reason: string }>;
    durationMs: number;
  }): ReplayResult {
    const { names } = options;
    const diff: ReplayDiff | null =
      options.diff === null
        ? null
        : {
            ...options.diff,
            compared: this.compared,
            changed: this.changed,
            matrix: this.matrix(names),
            topMoves: byCount(
              [...this.moves].map(([key, count]) => {
                const [from = "", to = ""] = key.split("\u0000");
                return { from: ownerLabel(from, names), to: ownerLabel(to, names), count };
              }),
            ).slice(0, 20),
          };
    return {
      leads: this.leads,
      outcomes: { ...this.outcomes },
      fallback: this.fallback,
      fallbackShare: this.leads === 0 ? 0 : this.fallback / this.leads,
      pools: byCount(
        [...this.pools].map(([poolId, count]) => ({
          poolId,
          name: names.pools.get(poolId) ?? "A deleted pool",
          count,
        })),
      ),
      reps: byCount(
        [...this.reps].map(([repId, count]) => ({
          repId,
          name: names.reps.get(repId) ?? "A deleted rep",
          count,
        })),
      ),
      queues: byCount([...this.queues].map(([queue, count]) => ({ queue, count }))),
      badRows: options.badRows.slice(0, MAX_BAD_ROWS_KEPT),
      badRowCount: options.badRows.length,
      diff,
      durationMs: Math.round(options.durationMs),
    };
  }
}
