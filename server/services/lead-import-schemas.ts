import { z } from "zod";
import { MAX_PREVIEW_CHARS } from "@/server/services/replay-schemas";

// Inputs of the lead-import procedures; zod only, so the import dialog can share them.

/** The file may be at most 10 MB (UTF-8) … */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** … and hold at most 50,000 data rows under its header. */
export const MAX_IMPORT_ROWS = 50_000;

const uuid = z.uuid("must be a valid id");

export const previewImportInput = z.object({
  flowId: uuid,
  /** The start of the file: enough for the header and a few rows. */
  csv: z.string().max(MAX_PREVIEW_CHARS, "must be at most 64 KB (send the start of the file)"),
});

export const startImportInput = z.object({
  flowId: uuid,
  fileName: z.string().trim().min(1, "is required").max(255, "must be at most 255 characters"),
  // Characters, not bytes; the service checks the UTF-8 size.
  csv: z.string().min(1, "is required").max(MAX_IMPORT_BYTES, "must be at most 10 MB"),
  /** leadField → CSV column header. */
  mapping: z.record(z.string().max(64), z.string().max(256)),
});
export type StartImportInput = z.output<typeof startImportInput>;

export const importIdInput = z.object({ id: uuid });

export const listImportsInput = z.object({ flowId: uuid.optional() }).default({});

export const importRowsInput = z.object({
  id: uuid,
  status: z.enum(["pending", "routed", "failed"]).optional(),
  /** The last row number of the previous page. */
  cursor: z.number().int("must be a whole number").min(0, "must be at least 0").optional(),
  limit: z.number().int("must be a whole number").min(1, "must be at least 1").max(500).default(100),
});
