import { z } from "zod";

// Inputs of the replay procedures; zod only, so the replay page can share them.

export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_PREVIEW_CHARS = 64 * 1024;

const uuid = z.uuid("must be a valid id");

export const replayCandidateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("version"), versionId: uuid }),
  z.object({
    kind: z.literal("draft"),
    /** The editor's unsaved graph; without it the stored draft is replayed. */
    graph: z
      .object({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()) })
      .loose()
      .optional(),
  }),
]);

export const replayLeadSourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("history"),
    days: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(365, "must be at most 365"),
  }),
  z.object({
    kind: z.literal("csv"),
    fileName: z.string().trim().min(1, "is required").max(255, "must be at most 255 characters"),
    csvText: z.string().min(1, "is required").max(MAX_CSV_BYTES, "must be at most 20 MB"),
    /** leadField → CSV column header. */
    mapping: z.record(z.string().max(64), z.string().max(256)),
  }),
]);

export const startReplayInput = z.object({
  flowId: uuid,
  candidate: replayCandidateSchema.default({ kind: "draft" }),
  leads: replayLeadSourceSchema,
});
export type StartReplayInput = z.output<typeof startReplayInput>;

export const previewCsvInput = z.object({
  flowId: uuid,
  /** The start of the file: enough for the header and a few rows. */
  csvText: z.string().max(MAX_PREVIEW_CHARS, "must be at most 64 KB (send the start of the file)"),
  candidate: replayCandidateSchema.default({ kind: "draft" }),
});

export const replayRunIdInput = z.object({ runId: uuid });
export const replayFlowIdInput = z.object({ flowId: uuid });
