"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { FlowGraphInput } from "@/engine";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict" | "error";

/** Long enough to batch a burst of typing into one save, short enough that a closed tab loses nothing. */
export const AUTOSAVE_DELAY_MS = 800;

interface AutosaveOptions {
  flowId: string;
  graph: FlowGraphInput;
  /** Increases on every edit; a change means the draft on screen differs from the last save. */
  editRevision: number;
  /** The server's draft revision the editor loaded. */
  serverRevision: number;
  enabled: boolean;
}

/**
 * Saves the draft a moment after each edit, with optimistic concurrency: a save that meets a draft
 * someone else saved meanwhile stops with status "conflict" and overwrites nothing.
 */
export function useDraftAutosave({ flowId, graph, editRevision, serverRevision, enabled }: AutosaveOptions) {
  const trpc = useTRPC();
  const save = useMutation(trpc.flows.saveDraft.mutationOptions());
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [error, setError] = useState<string | null>(null);
  const expected = useRef(serverRevision);
  const savedEdit = useRef(editRevision);
  const latest = useRef({ graph, editRevision });
  latest.current = { graph, editRevision };
  const inFlight = useRef<Promise<boolean> | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;

  const flush = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    if (statusRef.current === "conflict") return false;
    const { graph: toSave, editRevision: edit } = latest.current;
    if (edit === savedEdit.current) return true;
    setStatus("saving");
    const run = save
      .mutateAsync({ id: flowId, graph: toSave, expectedRevision: expected.current })
      .then((saved) => {
        expected.current = saved.draftRevision;
        savedEdit.current = edit;
        setError(null);
        setStatus(latest.current.editRevision === edit ? "saved" : "unsaved");
        return true;
      })
      .catch((cause: unknown) => {
        const conflict = cause instanceof TRPCClientError && cause.data?.code === "CONFLICT";
        setError(cause instanceof Error ? cause.message : "Saving failed");
        setStatus(conflict ? "conflict" : "error");
        return false;
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = run;
    return run;
  }, [flowId, save]);

  useEffect(() => {
    if (!enabled || editRevision === savedEdit.current || statusRef.current === "conflict") return;
    setStatus((current) => (current === "saving" ? current : "unsaved"));
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [editRevision, enabled, flush]);

  // A save that finished while more edits arrived leaves "unsaved": schedule the next one.
  useEffect(() => {
    if (status !== "unsaved" || !enabled) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [status, enabled, flush]);

  useEffect(() => {
    if (status === "saved") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [status]);

  /** After a conflict: adopt the server's revision (the caller loaded their graph or keeps ours). */
  const resolveConflict = useCallback((revision: number, keepMine: boolean) => {
    expected.current = revision;
    savedEdit.current = keepMine ? -1 : latest.current.editRevision;
    setError(null);
    setStatus(keepMine ? "unsaved" : "saved");
  }, []);

  /** After loading a graph wholesale (e.g. restoring a version into the draft) that is already on the server. */
  const markSaved = useCallback((revision: number, edit: number) => {
    expected.current = revision;
    savedEdit.current = edit;
    setStatus("saved");
  }, []);

  return { status, error, flush, resolveConflict, markSaved, expectedRevision: () => expected.current };
}
