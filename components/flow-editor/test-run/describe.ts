/**
 * Pure helpers of the test-run panel: turning results into words and editor input into a lead.
 * No React, so they are easy to test.
 */

import type { RouterOutputs } from "@/components/trpc/types";
import type { FieldDecl, FlowGraphInput } from "@/engine";
import type { TestCaseExpected } from "@/server/schemas";

export type TestRunResult = RouterOutputs["flowTests"]["run"];
export type TestRunSuccess = Extract<TestRunResult, { ok: true }>;
export type TestRunOutcome = TestRunSuccess["outcome"];
export type Band = "hot" | "warm" | "cold";

export type Lead = Record<string, unknown>;

/** "Would go to Ana Schmidt via pool EMEA". */
export function outcomeSentence(outcome: TestRunOutcome): string {
  switch (outcome.kind) {
    case "pool":
      return `Would go to ${outcome.rep.name} via pool ${outcome.pool.name}`;
    case "rep":
      return `Would go to ${outcome.rep.name}`;
    case "queue":
      return `Would go to the ${outcome.queue} queue`;
    case "rejected":
      return "Would be rejected at the source";
  }
}

export const BAND_TONE = { hot: "rose", warm: "amber", cold: "blue" } as const;

/** Parses the "Paste JSON" box: a JSON object, or a message saying what is wrong. */
export function parseLeadJson(text: string): { lead: Lead } | { error: string } {
  if (text.trim() === "") return { error: 'Paste a JSON object, e.g. {"country": "DE"}' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : "Not valid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { error: "The lead must be a JSON object ({ … }), not a list or a single value" };
  return { lead: value as Lead };
}

/** The source node's channels, for the channel picker (empty = every channel accepted). */
export function sourceChannels(graph: FlowGraphInput): string[] {
  const source = graph.nodes.find((node) => node.type === "source");
  return source?.type === "source" ? [...source.data.channels] : [];
}

/**
 * A key of what a run depends on: nodes without their positions, and edges. Moving a node on the
 * canvas keeps the last result; any other edit makes it stale.
 */
export function graphRunKey(graph: FlowGraphInput): string {
  return JSON.stringify({
    nodes: graph.nodes.map(({ position: _position, ...node }) => node),
    edges: graph.edges,
  });
}

/** Sets or clears one lead field from a form input; empty input removes the field. */
export function withField(lead: Lead, name: string, value: unknown): Lead {
  const next = { ...lead };
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete next[name];
  else next[name] = value;
  return next;
}

/** The value a form input shows for a field of the lead. */
export function fieldInputValue(lead: Lead, field: FieldDecl): string | string[] {
  const value = lead[field.name];
  if (field.type === "string_list")
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  if (value === undefined || value === null) return "";
  if (field.type === "date" && typeof value === "string") return value.slice(0, 10);
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Keys of the lead that no declared field (or `source`) reads: kept, but not shown in the form. */
export function undeclaredKeys(lead: Lead, fields: readonly FieldDecl[]): string[] {
  const known = new Set(["source", ...fields.map((f) => f.name)]);
  return Object.keys(lead).filter((key) => !known.has(key));
}

export interface ExpectedOption {
  key: string;
  label: string;
  expected: TestCaseExpected;
}

/** What a saved case may expect, offered from the current result; the first is the default. */
export function expectedOptions(outcome: TestRunOutcome): ExpectedOption[] {
  switch (outcome.kind) {
    case "pool":
      return [
        {
          key: "pool",
          label: `Pool ${outcome.pool.name} (any rep)`,
          expected: { kind: "pool", poolId: outcome.pool.id },
        },
        { key: "rep", label: `Rep ${outcome.rep.name}`, expected: { kind: "rep", repId: outcome.rep.id } },
      ];
    case "rep":
      return [
        { key: "rep", label: `Rep ${outcome.rep.name}`, expected: { kind: "rep", repId: outcome.rep.id } },
      ];
    case "queue":
      return [
        { key: "queue", label: `Queue ${outcome.queue}`, expected: { kind: "queue", queue: outcome.queue } },
      ];
    case "rejected":
      return [{ key: "rejected", label: "Rejected at the source", expected: { kind: "rejected" } }];
  }
}

/** "Pool EMEA · band hot", naming pools and reps where known. */
export function describeExpected(expected: TestCaseExpected, names: ReadonlyMap<string, string>): string {
  const band = expected.band ? ` · band ${expected.band}` : "";
  switch (expected.kind) {
    case "pool":
      return `Pool ${names.get(expected.poolId) ?? "(unknown pool)"}${band}`;
    case "rep":
      return `Rep ${names.get(expected.repId) ?? "(unknown rep)"}${band}`;
    case "queue":
      return `Queue ${expected.queue}${band}`;
    case "rejected":
      return `Rejected${band}`;
  }
}

/** A short label for a recent lead: name, email or company, then country. */
export function leadLabel(payload: Lead): string {
  const pick = (key: string) => {
    const value = payload[key];
    return typeof value === "string" && value !== "" ? value : null;
  };
  const who = pick("name") ?? pick("email") ?? pick("company") ?? "Lead";
  const where = pick("country");
  return where ? `${who} · ${where}` : who;
}
