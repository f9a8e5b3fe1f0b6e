// What ends a running A/B test from the flow editor, and how the warning says it: publishing (which
// deploys), Deploy and Roll back all put one version at 100% and end the experiment (its history is
// kept). Pure, so it is unit-tested without a browser.

export interface ExperimentSummary {
  name: string;
  active: boolean;
  arms: Array<{ number: number; weight: number }>;
}

export type EndingAction =
  | { kind: "publish" }
  | { kind: "deploy"; versionNumber: number }
  | { kind: "rollback"; versionNumber: number };

/** The flow's running experiment, if any (at most one deployment is active). */
export function runningExperiment(
  experiments: readonly ExperimentSummary[] | undefined,
): ExperimentSummary | null {
  return experiments?.find((experiment) => experiment.active) ?? null;
}

/** "v2 80% / v3 20%": each arm's share of the total weight. */
export function describeArms(arms: ExperimentSummary["arms"]): string {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  return arms
    .map((arm) => `v${arm.number} ${total > 0 ? Math.round((arm.weight / total) * 100) : 0}%`)
    .join(" / ");
}

export function endExperimentWarning(experiment: ExperimentSummary, action: EndingAction): string {
  const what =
    action.kind === "publish"
      ? "Publishing makes the new version live for every new lead"
      : action.kind === "deploy"
        ? `Deploying v${action.versionNumber} makes it live for every new lead`
        : `Rolling back to v${action.versionNumber} makes it live for every new lead`;
  return `${what} and ends the A/B test “${experiment.name}” (${describeArms(experiment.arms)}). Its results stay on the experiment page, but no new lead joins its arms.`;
}
