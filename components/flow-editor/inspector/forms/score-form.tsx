"use client";

import { LIMITS, type ScoreNode, type ScoreRule } from "@/engine";
import type { NodeInspectorProps } from "../../types";
import { ConditionBuilder } from "../condition-builder";
import { fieldOptions, makeId, moveItem, newRule } from "../condition-ops";
import { issuesAt, issuesUnder, issueText } from "../issues";
import { Detail, InspectorField, Section } from "../widgets/field";
import { NumberField } from "../widgets/number-field";
import { AddButton, RowActions } from "../widgets/row-actions";
import { controlClass } from "../widgets/styles";

function points(n: number): string {
  return `${n} ${Math.abs(n) === 1 ? "point" : "points"}`;
}

/** "Hot from 60 points, warm from 30, otherwise cold." */
export function bandSentence(bands: { hot: number; warm: number }): string {
  if (bands.warm > bands.hot) return `Warm (${bands.warm}) must not be above hot (${bands.hot}).`;
  if (bands.warm === bands.hot) return `Hot from ${points(bands.hot)}, otherwise cold (no warm band).`;
  return `Hot from ${points(bands.hot)}, warm from ${bands.warm}, otherwise cold.`;
}

/** "Scores are kept between 0 and 100." / "" when there are no caps. */
export function capsSentence(min: number | null | undefined, max: number | null | undefined): string {
  const hasMin = min !== null && min !== undefined;
  const hasMax = max !== null && max !== undefined;
  if (hasMin && hasMax) return `Scores are kept between ${min} and ${max}.`;
  if (hasMin) return `Scores never go below ${min}.`;
  if (hasMax) return `Scores never go above ${max}.`;
  return "No limits: the score is the plain sum of points.";
}

export function ScoreForm({ node, onChange, context, issues, readOnly }: NodeInspectorProps<ScoreNode>) {
  const { rules, bands, min, max } = node.data;
  const setData = (data: Partial<ScoreNode["data"]>) =>
    onChange({ ...node, data: { ...node.data, ...data } });
  const setRule = (index: number, rule: ScoreRule) =>
    setData({ rules: rules.map((r, i) => (i === index ? rule : r)) });
  const bandIssues = issuesAt(issues, ["data", "bands"]);
  const capIssues = issuesAt(issues, ["data", "min"]);

  function addRule() {
    const rule: ScoreRule = {
      id: makeId(
        "rule",
        rules.map((r) => r.id),
      ),
      label: "",
      condition: newRule(fieldOptions(context.fields)[0]),
      points: 10,
    };
    setData({ rules: [...rules, rule] });
  }

  return (
    <>
      <Section
        title="Scoring rules"
        hint="Every rule a lead matches adds its points (use a negative number to subtract)."
      >
        {rules.length === 0 ? (
          <p className="text-xs text-slate-500">No rules yet: every lead scores 0.</p>
        ) : null}
        <ol className="space-y-2">
          {rules.map((rule, i) => {
            const n = i + 1;
            const own = issuesAt(issues, ["data", "rules", i]);
            return (
              <li
                key={rule.id}
                className={`space-y-1.5 rounded-md p-1.5 ring-1 ${own.length > 0 ? "ring-rose-300" : "ring-slate-200"}`}
                data-testid={`score-rule-${i}`}
                title={issueText(own)}
              >
                <div className="flex items-center gap-1">
                  <input
                    aria-label={`Scoring rule ${n} name`}
                    data-testid={`score-rule-${i}-label`}
                    className={controlClass(false, "min-w-0 flex-1")}
                    value={rule.label ?? ""}
                    placeholder={`Rule ${n}, e.g. “Asked for a demo”`}
                    disabled={readOnly}
                    onChange={(e) => setRule(i, { ...rule, label: e.target.value })}
                  />
                  <NumberField
                    aria-label={`Scoring rule ${n} points`}
                    data-testid={`score-rule-${i}-points`}
                    width="w-16 shrink-0"
                    value={rule.points}
                    disabled={readOnly}
                    onChange={(value) => {
                      if (value !== null) setRule(i, { ...rule, points: value });
                    }}
                  />
                  <span className="text-xs text-slate-500">pts</span>
                  <RowActions
                    name={`scoring rule ${n}`}
                    index={i}
                    count={rules.length}
                    onMove={(to) => setData({ rules: moveItem(rules, i, to) })}
                    onRemove={() => setData({ rules: rules.filter((_, j) => j !== i) })}
                    disabled={readOnly}
                  />
                </div>
                <p className="text-xs text-slate-500">
                  {rule.points >= 0 ? "Add" : "Subtract"} {points(Math.abs(rule.points))} when:
                </p>
                <ConditionBuilder
                  value={rule.condition}
                  onChange={(condition) => setRule(i, { ...rule, condition })}
                  context={context}
                  issues={issuesUnder(issues, ["data", "rules", i, "condition"])}
                  issuePath={["data", "rules", i, "condition"]}
                  name={`Scoring rule ${n}`}
                  readOnly={readOnly}
                />
                <Detail>id {rule.id}</Detail>
              </li>
            );
          })}
        </ol>
        <AddButton
          testId="add-score-rule"
          onClick={addRule}
          disabled={readOnly || rules.length >= LIMITS.maxScoreRules}
        >
          Scoring rule
        </AddButton>
      </Section>
      <Section title="Bands" hint={bandSentence(bands)} invalid={bandIssues.length > 0} testId="score-bands">
        <div className="grid grid-cols-2 gap-2">
          <InspectorField label="Hot when score ≥">
            <NumberField
              data-testid="band-hot"
              value={bands.hot}
              invalid={bandIssues.length > 0}
              title={issueText(bandIssues)}
              disabled={readOnly}
              onChange={(hot) => {
                if (hot !== null) setData({ bands: { ...bands, hot } });
              }}
            />
          </InspectorField>
          <InspectorField label="Warm when score ≥">
            <NumberField
              data-testid="band-warm"
              value={bands.warm}
              invalid={bandIssues.length > 0}
              title={issueText(bandIssues)}
              disabled={readOnly}
              onChange={(warm) => {
                if (warm !== null) setData({ bands: { ...bands, warm } });
              }}
            />
          </InspectorField>
        </div>
      </Section>
      <Section title="Limits (optional)" hint={capsSentence(min, max)} invalid={capIssues.length > 0}>
        <div className="grid grid-cols-2 gap-2">
          <InspectorField label="Lowest score">
            <NumberField
              data-testid="score-min"
              value={min ?? null}
              allowEmpty
              placeholder="none"
              invalid={capIssues.length > 0}
              title={issueText(capIssues)}
              disabled={readOnly}
              onChange={(value) => setData({ min: value })}
            />
          </InspectorField>
          <InspectorField label="Highest score">
            <NumberField
              data-testid="score-max"
              value={max ?? null}
              allowEmpty
              placeholder="none"
              invalid={capIssues.length > 0}
              title={issueText(capIssues)}
              disabled={readOnly}
              onChange={(value) => setData({ max: value })}
            />
          </InspectorField>
        </div>
      </Section>
    </>
  );
}
