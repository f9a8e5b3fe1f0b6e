"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CsvFileInput, CsvPreviewSection } from "@/components/replay/csv-mapping";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { Card, ErrorNote } from "@/components/ui/page-header";

const MAX_CSV_BYTES = 20 * 1024 * 1024;
const PREVIEW_CHARS = 64 * 1024;

type Candidate = { kind: "draft" } | { kind: "version"; versionId: string };

interface UploadedCsv {
  fileName: string;
  text: string;
}

function Choice({
  checked,
  onChange,
  title,
  description,
}: {
  checked: boolean;
  onChange: () => void;
  title: string;
  description: string;
}) {
  return (
    <label
      className={`flex cursor-pointer gap-3 rounded-lg px-4 py-3 ring-1 transition-colors ${checked ? "bg-brand-50/60 ring-brand-300" : "ring-slate-200 hover:bg-slate-50"}`}
    >
      <input type="radio" className="mt-1 accent-brand-600" checked={checked} onChange={onChange} />
      <span>
        <span className="block text-sm font-medium text-slate-900">{title}</span>
        <span className="block text-xs text-slate-500">{description}</span>
      </span>
    </label>
  );
}

/** Choose what to replay and over which leads, map an uploaded CSV, and start. */
export function ReplayForm({ flowId, collapsed }: { flowId: string; collapsed: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(!collapsed);
  const [candidate, setCandidate] = useState<Candidate>({ kind: "draft" });
  const [sourceKind, setSourceKind] = useState<"history" | "csv">("history");
  const [days, setDays] = useState(30);
  const [csv, setCsv] = useState<UploadedCsv | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [fileError, setFileError] = useState<string | null>(null);
  const versions = useQuery(trpc.flows.versions.queryOptions({ flowId }));
  const preview = useMutation(
    trpc.replay.preview.mutationOptions({ onSuccess: (data) => setMapping(data.suggestedMapping) }),
  );
  const start = useMutation(
    trpc.replay.start.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.replay.list.queryKey({ flowId }) });
        router.push(`/flows/${flowId}/replay/${runId}`);
      },
    }),
  );

  const runPreview = (text: string, forCandidate: Candidate) =>
    preview.mutate({ flowId, csvText: text.slice(0, PREVIEW_CHARS), candidate: forCandidate });

  const chooseCandidate = (value: string) => {
    const next: Candidate = value === "draft" ? { kind: "draft" } : { kind: "version", versionId: value };
    setCandidate(next);
    // The candidate's declared fields are what columns map to.
    if (csv) runPreview(csv.text, next);
  };

  const onFile = async (file: File | undefined) => {
    setFileError(null);
    setCsv(null);
    preview.reset();
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setFileError("The file is larger than 20 MB; split it into smaller files.");
      return;
    }
    const text = await file.text();
    setCsv({ fileName: file.name, text });
    runPreview(text, candidate);
  };

  const daysValid = Number.isInteger(days) && days >= 1 && days <= 365;
  const mappedCount = Object.values(mapping).filter(Boolean).length;
  const ready = sourceKind === "history" ? daysValid : csv !== null && preview.isSuccess && mappedCount > 0;

  const submit = () => {
    if (sourceKind === "history") {
      start.mutate({ flowId, candidate, leads: { kind: "history", days } });
    } else if (csv) {
      const cleaned = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== ""));
      start.mutate({
        flowId,
        candidate,
        leads: { kind: "csv", fileName: csv.fileName, csvText: csv.text, mapping: cleaned },
      });
    }
  };

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        New replay
      </Button>
    );
  }

  return (
    <Card>
      <div className="border-b border-slate-200 px-5 py-3">
        <h2 className="text-sm font-semibold text-slate-900">New replay</h2>
      </div>
      <div className="space-y-6 px-5 py-5">
        <Field label="What to replay" hint="The draft as saved, or any published version.">
          <Select
            value={candidate.kind === "draft" ? "draft" : candidate.versionId}
            onChange={(e) => chooseCandidate(e.target.value)}
            className="w-80"
          >
            <option value="draft">Draft (saved)</option>
            {versions.data?.map((v) => (
              <option key={v.id} value={v.id}>
                Version {v.number}
                {v.liveWeight !== null ? " · live" : ""}
                {v.message ? ` — ${v.message.slice(0, 40)}` : ""}
              </option>
            ))}
          </Select>
        </Field>

        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Leads</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            <Choice
              checked={sourceKind === "history"}
              onChange={() => setSourceKind("history")}
              title="Past leads of this flow"
              description="Compared with what the live flow actually decided."
            />
            <Choice
              checked={sourceKind === "csv"}
              onChange={() => setSourceKind("csv")}
              title="Upload a CSV"
              description="Compared with the live version replayed the same way."
            />
          </div>
        </fieldset>

        {sourceKind === "history" ? (
          <Field
            label="Days back"
            hint="1 to 365 days, oldest first."
            error={daysValid ? undefined : "Enter a whole number from 1 to 365"}
          >
            <TextInput
              type="number"
              min={1}
              max={365}
              value={Number.isNaN(days) ? "" : days}
              onChange={(e) => setDays(e.target.valueAsNumber)}
              className="w-32"
            />
          </Field>
        ) : (
          <div className="space-y-4">
            <CsvFileInput
              hint="Up to 20 MB, with a header row. Comma-separated, UTF-8."
              onFile={(file) => void onFile(file)}
            />
            <CsvPreviewSection
              fileError={fileError}
              preview={preview}
              mapping={mapping}
              setMapping={setMapping}
            />
          </div>
        )}

        <ErrorNote message={start.error?.message} />
        <div className="flex items-center gap-3">
          <Button onClick={submit} disabled={!ready || start.isPending}>
            {start.isPending ? "Starting…" : "Start replay"}
          </Button>
          {collapsed ? (
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
