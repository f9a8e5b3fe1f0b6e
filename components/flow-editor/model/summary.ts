/** One-line, plain-language summaries of node data for the canvas ("3 rules · hot ≥ 60"). */
import { type Condition, describeRule, type FlowNode, type Target } from "@/engine";

export interface SummaryNames {
  /** Pool id → display name (the page may include the strategy, e.g. "EMEA (weighted)"). */
  pools: Readonly<Record<string, string>>;
  /** Rep id → display name. */
  reps: Readonly<Record<string, string>>;
}

const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  web_form: "Web form",
  chat: "Chat",
  api: "API",
  event: "Event",
};

const PRESET_LABELS: Readonly<Record<string, string>> = {
  territory: "Territory",
  skill: "Skill",
  intent: "Intent",
  custom: "Custom",
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function targetSummary(target: Target, names: SummaryNames): string {
  if (target.kind === "rep") {
    const id = target.repId.trim();
    return id === "" ? "Rep: not chosen" : `Rep: ${names.reps[id] ?? id}`;
  }
  const queue = target.queue.trim();
  return queue === "" ? "Queue: not named" : `Queue: ${queue}`;
}

/** Summary line shown under the node's label. */
export function nodeSummary(node: FlowNode, names: SummaryNames): string {
  switch (node.type) {
    case "source": {
      const { channels, fields } = node.data;
      const from =
        channels.length === 0 ? "All channels" : channels.map((c) => CHANNEL_LABELS[c] ?? c).join(", ");
      return `${from} · ${plural(fields.length, "field")}`;
    }
    case "score": {
      const { rules, bands } = node.data;
      const counted = rules.length === 0 ? "No rules yet" : plural(rules.length, "rule");
      return `${counted} · hot ≥ ${bands.hot}, warm ≥ ${bands.warm}`;
    }
    case "branch": {
      const cases = node.data.cases.length;
      const preset = PRESET_LABELS[node.data.preset] ?? node.data.preset;
      return cases === 0 ? `${preset} · no cases yet` : `${preset} · ${plural(cases, "case")} + else`;
    }
    case "pool": {
      const id = node.data.poolId.trim();
      const pool = id === "" ? "Pool: not chosen" : `Pool: ${names.pools[id] ?? id}`;
      const skills = node.data.requiredSkills ?? [];
      const territories = node.data.requiredTerritories ?? [];
      const filters = [
        skills.length > 0 ? `skills ${skills.join(", ")}` : "",
        territories.length > 0 ? `in ${territories.join(", ")}` : "",
      ].filter((part) => part !== "");
      return filters.length === 0 ? pool : `${pool} · ${filters.join(" · ")}`;
    }
    case "assign":
    case "fallback":
      return targetSummary(node.data.target, names);
  }
}

/** A condition in words, for tooltips: "country in DE, AT and employees ≥ 50". */
export function describeCondition(condition: Condition): string {
  if (condition.kind === "rule")
    return condition.field.trim() === "" ? "(rule not set)" : describeRule(condition);
  if (condition.children.length === 0) return "(empty group)";
  const parts = condition.children.map((child) =>
    child.kind === "group" && child.children.length > 1
      ? `(${describeCondition(child)})`
      : describeCondition(child),
  );
  switch (condition.combinator) {
    case "all":
      return parts.join(" and ");
    case "any":
      return parts.join(" or ");
    case "not":
      return `not (${parts.join(" and ")})`;
  }
}
