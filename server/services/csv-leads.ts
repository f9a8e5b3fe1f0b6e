import { type FieldType, normalizeDateString } from "@/engine";
import { type CsvProblem, parseCsv } from "@/server/services/csv";

// Turning an uploaded CSV into leads: the user maps CSV columns to the flow's lead fields, and each
// cell is converted to the field's declared type. A row with a cell that does not convert (or with
// the wrong number of columns) is reported and left out; the other rows are kept.

/** A lead field a CSV column can be mapped to. */
export interface MappableField {
  name: string;
  type: FieldType;
  label?: string | undefined;
}

/** leadField → CSV column header. */
export type CsvMapping = Record<string, string>;

export interface CsvLeads {
  header: string[];
  leads: Record<string, unknown>[];
  badRows: CsvProblem[];
}

type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** One cell as a value of the declared type; an empty cell is a missing value, not an error. */
export function convertCell(type: FieldType, raw: string): Converted | null {
  const text = raw.trim();
  if (text === "") return null;
  const shown = shorten(text);
  switch (type) {
    case "string":
      return { ok: true, value: raw };
    case "number": {
      const value = Number(text);
      return Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, reason: `"${shown}" is not a number` };
    }
    case "boolean": {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: `"${shown}" is not yes/no or true/false` };
    }
    case "string_list":
      return {
        ok: true,
        value: text
          .split(";")
          .map((item) => item.trim())
          .filter((item) => item !== ""),
      };
    case "date": {
      const value = normalizeDateString(text);
      return value === null
        ? { ok: false, reason: `"${shown}" is not a date (use 2024-05-31 or 2024-05-31T09:00:00Z)` }
        : { ok: true, value };
    }
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * Reads the CSV's header and rows and maps them to leads. Mapping entries naming a column the file
 * does not have are an error for the whole file (thrown as a message), not per row.
 */
export function csvToLeads(csvText: string, fields: readonly MappableField[], mapping: CsvMapping): CsvLeads {
  const { records, problems } = parseCsv(csvText);
  const [headerRecord, ...rows] = records;
  if (!headerRecord) throw new Error("csvText: the file has no header row");
  const header = headerRecord.cells.map((cell) => cell.trim());
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const columns: Array<{ field: string; type: FieldType; index: number }> = [];
  for (const [field, column] of Object.entries(mapping)) {
    if (column === "") continue;
    const type = types.get(field);
    if (type === undefined) throw new Error(`mapping.${field}: the flow has no such lead field`);
    const index = header.indexOf(column);
    if (index < 0) throw new Error(`mapping.${field}: the file has no column "${column}"`);
    columns.push({ field, type, index });
  }
  const leads: Record<string, unknown>[] = [];
  const badRows: CsvProblem[] = [...problems];
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      badRows.push({
        line: row.line,
        reason: `has ${row.cells.length} column${row.cells.length === 1 ? "" : "s"}, the header has ${header.length}`,
      });
      continue;
    }
    const lead: Record<string, unknown> = {};
    const reasons: string[] = [];
    for (const column of columns) {
      const converted = convertCell(column.type, row.cells[column.index] ?? "");
      if (converted === null) continue;
      if (converted.ok) lead[column.field] = converted.value;
      else reasons.push(`${column.field}: ${converted.reason}`);
    }
    if (reasons.length > 0) badRows.push({ line: row.line, reason: reasons.join("; ") });
    else leads.push(lead);
  }
  badRows.sort((a, b) => a.line - b.line);
  return { header, leads, badRows };
}

export interface CsvPreview {
  header: string[];
  rows: string[][];
  /** leadField → column, for columns named like a field (case-insensitive). */
  suggestedMapping: CsvMapping;
  problems: CsvProblem[];
}

/** The header, the first rows and a suggested mapping, for the upload's mapping step. */
export function previewCsv(csvText: string, fields: readonly MappableField[], sampleRows = 5): CsvPreview {
  const { records, problems } = parseCsv(csvText, sampleRows + 1);
  const [headerRecord, ...rows] = records;
  const header = (headerRecord?.cells ?? []).map((cell) => cell.trim());
  const suggestedMapping: CsvMapping = {};
  for (const field of fields) {
    const wanted = [field.name, field.label ?? ""].map((n) => n.trim().toLowerCase()).filter(Boolean);
    const column = header.find((h) => wanted.includes(h.toLowerCase()));
    if (column !== undefined) suggestedMapping[field.name] = column;
  }
  return { header, rows: rows.map((r) => r.cells), suggestedMapping, problems };
}
