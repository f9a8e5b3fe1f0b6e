/** Plain-language names the inspector shows instead of engine identifiers. */
import type { Combinator, FieldType, NodeType, Operator } from "@/engine";

/** Name and one-line purpose per node type (colours come from the canvas's node theme). */
export const NODE_TYPE_META: Readonly<Record<NodeType, { name: string; purpose: string }>> = {
  source: { name: "Source", purpose: "Where leads enter the flow and which fields they carry." },
  score: { name: "Score", purpose: "Adds up points to rate each lead hot, warm or cold." },
  branch: { name: "Branch", purpose: "Sends each lead down the first case it matches." },
  pool: { name: "Pool", purpose: "Hands the lead to one rep of a team, taking turns." },
  assign: { name: "Assign", purpose: "Gives the lead to one rep or a queue." },
  fallback: { name: "Fallback", purpose: "Catches every lead nothing else took care of." },
};

export const FIELD_TYPE_LABELS: Readonly<Record<FieldType, string>> = {
  string: "text",
  number: "number",
  boolean: "yes/no",
  string_list: "list of tags",
  date: "date",
};

export const OPERATOR_LABELS: Readonly<Record<Operator, string>> = {
  equals: "is",
  not_equals: "is not",
  in_list: "is one of",
  contains: "contains",
  starts_with: "starts with",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  is_empty: "is empty",
  is_true: "is yes",
  matches_any_tag: "has any of tags",
};

export const COMBINATOR_LABELS: Readonly<Record<Combinator, string>> = {
  all: "All of (AND)",
  any: "Any of (OR)",
  not: "None of (NOT)",
};

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  web_form: "Web form",
  chat: "Chat",
  api: "API",
  event: "Event",
};

/** Labels of the built-in fields (declared fields use their own label). */
export const BUILTIN_FIELD_LABELS: Readonly<Record<string, string>> = {
  source: "Channel (source)",
  score: "Score",
  band: "Band (hot / warm / cold)",
};
