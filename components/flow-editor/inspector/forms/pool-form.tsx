"use client";

import { STRATEGY_HINTS, STRATEGY_LABELS, statusLabel, statusTone } from "@/components/reps/labels";
import { Badge } from "@/components/ui/badge";
import { TagInput } from "@/components/ui/tag-input";
import type { PoolNode } from "@/engine";
import type { InspectorPool, NodeInspectorProps } from "../../types";
import { issuesAt, issuesUnder, issueText } from "../issues";
import { InspectorField, Section } from "../widgets/field";
import { controlClass } from "../widgets/styles";

/** "3 / 10" or "3 / no limit". */
export function loadText(openLeads: number, capacity: number | null): string {
  return `${openLeads} / ${capacity === null ? "no limit" : capacity}`;
}

export function PoolForm({ node, onChange, context, issues, readOnly }: NodeInspectorProps<PoolNode>) {
  const { poolId, requiredSkills = [], requiredTerritories = [] } = node.data;
  const setData = (data: Partial<PoolNode["data"]>) => onChange({ ...node, data: { ...node.data, ...data } });
  const pool = context.pools.find((p) => p.id === poolId);
  const poolIssues = issuesAt(issues, ["data", "poolId"]);
  const skillIssues = issuesUnder(issues, ["data", "requiredSkills"]);
  const territoryIssues = issuesUnder(issues, ["data", "requiredTerritories"]);

  return (
    <>
      <Section title="Team">
        <InspectorField
          label="Pool"
          hint={pool ? STRATEGY_HINTS[pool.strategy] : "The team that takes these leads."}
        >
          <select
            data-testid="pool-select"
            className={controlClass(poolIssues.length > 0)}
            aria-invalid={poolIssues.length > 0 || undefined}
            title={issueText(poolIssues)}
            value={poolId}
            disabled={readOnly}
            onChange={(e) => setData({ poolId: e.target.value })}
          >
            <option value="" disabled>
              Choose a pool…
            </option>
            {poolId !== "" && pool === undefined ? (
              <option value={poolId}>Unknown pool ({poolId})</option>
            ) : null}
            {context.pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {STRATEGY_LABELS[p.strategy].toLowerCase()}
              </option>
            ))}
          </select>
        </InspectorField>
        {context.pools.length === 0 ? (
          <p className="text-xs text-slate-500">No pools yet: create one on the Reps page.</p>
        ) : null}
        {pool ? <PoolMembers pool={pool} /> : null}
      </Section>
      <Section
        title="Only reps who… (optional)"
        hint="Leave empty to consider every member. When no member qualifies, or all are away or full, the lead goes out the “no eligible rep” handle."
      >
        <InspectorField label="Required skills" hint="A rep needs every one of these skills.">
          <TagInput
            size="compact"
            label="Required skills"
            testId="pool-skills"
            value={requiredSkills}
            onChange={(tags) => setData({ requiredSkills: tags })}
            suggestions={context.skills}
            placeholder="e.g. healthcare"
            disabled={readOnly}
            invalid={skillIssues.length > 0}
            title={issueText(skillIssues)}
          />
        </InspectorField>
        <InspectorField label="Required territories" hint="A rep needs to cover at least one of these.">
          <TagInput
            size="compact"
            label="Required territories"
            testId="pool-territories"
            value={requiredTerritories}
            onChange={(tags) => setData({ requiredTerritories: tags })}
            suggestions={context.territories}
            placeholder="e.g. EMEA"
            disabled={readOnly}
            invalid={territoryIssues.length > 0}
            title={issueText(territoryIssues)}
          />
        </InspectorField>
      </Section>
    </>
  );
}

function PoolMembers({ pool }: { pool: InspectorPool }) {
  if (pool.members.length === 0)
    return (
      <p className="text-xs text-amber-700">
        This pool has no members: every lead would go to “no eligible rep”.
      </p>
    );
  // Weights only change the share under weighted round robin; elsewhere they are shown greyed.
  const weighted = pool.strategy === "weighted_round_robin";
  return (
    <table className="w-full text-left text-xs" data-testid="pool-members">
      <caption className="sr-only">Members of {pool.name}</caption>
      <thead className="text-slate-500">
        <tr>
          <th className="py-1 font-medium">Rep</th>
          <th className="py-1 text-right font-medium">Weight</th>
          <th className="py-1 text-right font-medium" title="Open leads / capacity">
            Load
          </th>
          <th className="py-1 pl-2 font-medium">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {pool.members.map((m) => (
          <tr key={m.repId}>
            <td className="max-w-[7rem] truncate py-1 text-slate-800" title={m.name}>
              {m.name}
            </td>
            <td className={`py-1 text-right tabular-nums ${weighted ? "" : "text-slate-400"}`}>{m.weight}</td>
            <td
              className={`py-1 text-right tabular-nums ${m.capacity !== null && m.openLeads >= m.capacity ? "text-rose-600" : ""}`}
            >
              {loadText(m.openLeads, m.capacity)}
            </td>
            <td className="py-1 pl-2">
              <Badge tone={statusTone(m.status)}>{statusLabel(m.status, m.awayUntil)}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
