"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextInput } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";
import type { ValidationIssue } from "@/engine";
import { EndExperimentConfirm } from "./end-experiment-confirm";
import { runningExperiment } from "./experiment-warning";

interface PublishDialogProps {
  open: boolean;
  onClose: () => void;
  flowId: string;
  /** Problems found by live validation: any of them blocks publishing. */
  issues: ValidationIssue[];
  /** Saves pending edits first; false when the draft could not be saved. */
  flush: () => Promise<boolean>;
  expectedRevision: () => number;
  onPublished: (version: { id: string; number: number }) => void;
}

/** Publish with a message. Problems block it; failing saved test cases block it unless overridden. */
export function PublishDialog(props: PublishDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState("");
  const [override, setOverride] = useState(false);
  const [saveFailed, setSaveFailed] = useState(false);
  // Publishing deploys the new version at 100%: a running A/B test ends, so it asks first.
  const experiments = useQuery({
    ...trpc.experiments.list.queryOptions({ flowId: props.flowId }),
    enabled: props.open,
  });
  const experiment = runningExperiment(experiments.data?.experiments);
  const [endConfirmed, setEndConfirmed] = useState(false);
  const publish = useMutation(
    trpc.flows.publish.mutationOptions({
      onSuccess: (version) => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
        setMessage("");
        setOverride(false);
        setEndConfirmed(false);
        props.onPublished(version);
      },
    }),
  );
  const failingTests =
    publish.error instanceof TRPCClientError && publish.error.data?.code === "PRECONDITION_FAILED";
  const blocked = props.issues.length > 0;

  const submit = async () => {
    setSaveFailed(false);
    if (!(await props.flush())) {
      setSaveFailed(true);
      return;
    }
    publish.mutate({
      id: props.flowId,
      message,
      expectedRevision: props.expectedRevision(),
      overrideFailingTests: override,
    });
  };

  return (
    <Dialog open={props.open} title="Publish a new version" onClose={props.onClose}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {blocked ? (
          <div
            className="rounded-md bg-rose-50 p-3 text-sm text-rose-800 ring-1 ring-rose-200"
            data-testid="publish-blockers"
          >
            <p className="font-medium">
              Fix {props.issues.length === 1 ? "this problem" : `these ${props.issues.length} problems`}{" "}
              before publishing:
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {props.issues.slice(0, 12).map((issue) => (
                <li key={`${issue.code}-${issue.nodeId ?? ""}-${issue.edgeId ?? ""}-${issue.message}`}>
                  {issue.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            Publishing stores the draft as a new numbered version that never changes, runs the saved test
            cases, and makes it live for new leads.
          </p>
        )}
        <Field label="What changed?">
          <TextInput
            aria-label="Publish message"
            placeholder="e.g. Route healthcare leads to the specialist pool"
            value={message}
            maxLength={500}
            onChange={(event) => setMessage(event.target.value)}
          />
        </Field>
        {failingTests ? (
          <div
            className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
            data-testid="publish-failing-tests"
          >
            <p>{publish.error?.message}</p>
            <label className="flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={override}
                onChange={(event) => setOverride(event.target.checked)}
              />
              Publish anyway (the version message records it)
            </label>
          </div>
        ) : (
          <ErrorNote message={publish.error?.message} />
        )}
        {experiment && !blocked ? (
          <EndExperimentConfirm
            experiment={experiment}
            action={{ kind: "publish" }}
            confirmed={endConfirmed}
            onConfirmedChange={setEndConfirmed}
          />
        ) : null}
        {saveFailed ? (
          <ErrorNote message="The draft could not be saved; resolve the save problem first." />
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            disabled={
              blocked ||
              publish.isPending ||
              (failingTests && !override) ||
              (experiment !== null && !endConfirmed)
            }
            data-testid="publish-confirm"
          >
            {publish.isPending ? "Publishing…" : "Publish"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
