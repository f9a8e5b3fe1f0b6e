"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CsvFileInput, CsvPreviewSection } from "@/components/replay/csv-mapping";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

// Limits of the server (server/services/lead-import-schemas.ts), checked here first to save an upload.
const MAX_BYTES = 10 * 1024 * 1024;
const PREVIEW_CHARS = 64 * 1024;

/** Upload → flow → column mapping → start. Calls `onStarted` with the new import's id. */
export function ImportForm({ onStarted, onClose }: { onStarted: (id: string) => void; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const liveFlows = (flows.data ?? []).filter((f) => f.archivedAt === null && f.liveVersions.length > 0);
  const [flowId, setFlowId] = useState("");
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [fileError, setFileError] = useState<string | null>(null);
  const chosenFlow = flowId || liveFlows[0]?.id || "";
  const preview = useMutation(
    trpc.leadImports.preview.mutationOptions({ onSuccess: (data) => setMapping(data.suggestedMapping) }),
  );
  const start = useMutation(
    trpc.leadImports.start.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.leadImports.list.queryKey() });
        onStarted(id);
      },
    }),
  );
  const readMapping = (text: string, forFlow: string) => {
    if (forFlow) preview.mutate({ flowId: forFlow, csv: text.slice(0, PREVIEW_CHARS) });
  };

  const pickFile = async (picked: File | undefined) => {
    setFile(null);
    setFileError(null);
    preview.reset();
    if (!picked) return;
    if (picked.size > MAX_BYTES)
      return setFileError("The file is larger than 10 MB; split it into smaller files.");
    const text = await picked.text();
    setFile({ name: picked.name, text });
    readMapping(text, chosenFlow);
  };

  const pickFlow = (id: string) => {
    setFlowId(id);
    // Each flow has its own lead fields to map to.
    if (file) readMapping(file.text, id);
  };

  const submit = () => {
    if (!file) return;
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column !== ""));
    start.mutate({ flowId: chosenFlow, fileName: file.name, csv: file.text, mapping: chosen });
  };

  if (flows.isSuccess && liveFlows.length === 0)
    return <ErrorNote message="No flow is live yet: publish a flow first, then import leads into it." />;

  return (
    <div className="space-y-5" data-testid="import-form">
      <Field label="Flow" hint="The live version of this flow routes every row, like the routing API.">
        <Select
          aria-label="Flow to route with"
          value={chosenFlow}
          onChange={(e) => pickFlow(e.target.value)}
          className="w-80"
        >
          {liveFlows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </Select>
      </Field>
      <CsvFileInput
        hint="Up to 10 MB and 50,000 rows, with a header row. Comma-separated, UTF-8."
        onFile={(picked) => void pickFile(picked)}
      />
      <CsvPreviewSection fileError={fileError} preview={preview} mapping={mapping} setMapping={setMapping} />
      <ErrorNote message={start.error?.message} />
      <div className="flex items-center gap-3">
        <Button onClick={submit} disabled={!file || !preview.isSuccess || start.isPending}>
          {start.isPending ? "Starting…" : "Start import"}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
