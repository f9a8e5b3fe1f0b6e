"use client";

import { type EndingAction, type ExperimentSummary, endExperimentWarning } from "./experiment-warning";

/** The warning shown before an action that ends the running A/B test, with the box that confirms it. */
export function EndExperimentConfirm({
  experiment,
  action,
  confirmed,
  onConfirmedChange,
}: {
  experiment: ExperimentSummary;
  action: EndingAction;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
}) {
  return (
    <div
      className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
      data-testid="end-experiment-warning"
      role="alert"
    >
      <p>{endExperimentWarning(experiment, action)}</p>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(event) => onConfirmedChange(event.target.checked)}
        />
        End the A/B test “{experiment.name}”
      </label>
    </div>
  );
}
