import { type FieldType, normalizeDateString } from "@/engine";
import { type CsvProblem, type CsvRecord, parseCsv } from "@/server/services/csv";

// Turning an uploaded CSV into leads: the user maps CSV columns to the flow's lead fields, and each
// cell is converted to the field's declared type. A row with a cell that does not convert (or with
// the wrong number of columns) is reported and left out; the other rows are kept.

/** A lead field a CSV column can be mapped to. */
export interface MappableField {
  name: string;
  type: FieldType;
  label?: string | undefined;
  /** Must be mapped, and every row must have a value. */
  required?: boolean | undefined;
  /** An extra check on a text value. */
  format?: "email" | undefined;
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

/** A mapped column: which lead field it fills, and where it stands in the header. */
export interface MappedColumn {
  field: MappableField;
  column: string;
  index: number;
}

/** What is wrong with one data row: its shape, or cells that do not fit their fields. */
export type RowProblem =
  | { kind: "columns"; count: number; expected: number }
  | { kind: "cells"; cells: Array<{ field: string; column: string; reason: string }> };

export type MappedRow = { ok: true; lead: Record<string, unknown> } | { ok: false; problem: RowProblem };

/**
 * Checks the mapping against the fields and the header. A mapping entry naming an unknown field or a
 * missing column, or a required field left unmapped, is an error for the whole file (thrown as a
 * message naming `mapping.<field>`), not per row.
 */
export function resolveMapping(
  header: readonly string[],
  fields: readonly MappableField[],
  mapping: CsvMapping,
): MappedColumn[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const columns: MappedColumn[] = [];
  for (const [name, column] of Object.entries(mapping)) {
    if (column === "") continue;
    const field = byName.get(name);
    if (field === undefined) throw new Error(`mapping.${name}: the flow has no such lead field`);
    const index = header.indexOf(column);
    if (index < 0) throw new Error(`mapping.${name}: the file has no column "${column}"`);
    columns.push({ field, column, index });
  }
  for (const field of fields) {
    if (field.required && !columns.some((c) => c.field.name === field.name))
      throw new Error(`mapping.${field.name}: is required; pick the column that holds it`);
  }
  return columns;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** One data row as a lead, or what is wrong with it. */
export function mapRow(
  cells: readonly string[],
  headerLength: number,
  columns: readonly MappedColumn[],
): MappedRow {
  if (cells.length !== headerLength)
    return { ok: false, problem: { kind: "columns", count: cells.length, expected: headerLength } };
  const lead: Record<string, unknown> = {};
  const bad: Array<{ field: string; column: string; reason: string }> = [];
  for (const { field, column, index } of columns) {
    const converted = convertCell(field.type, cells[index] ?? "");
    if (converted === null) {
      if (field.required) bad.push({ field: field.name, column, reason: "is required" });
      continue;
    }
    if (!converted.ok) {
      bad.push({ field: field.name, column, reason: converted.reason });
      continue;
    }
    const value = field.format === "email" ? String(converted.value).trim() : converted.value;
    if (field.format === "email" && !EMAIL_PATTERN.test(String(value))) {
      bad.push({ field: field.name, column, reason: `"${shorten(String(value))}" is not an email address` });
      continue;
    }
    lead[field.name] = value;
  }
  return bad.length > 0 ? { ok: false, problem: { kind: "cells", cells: bad } } : { ok: true, lead };
}

/** The header row, trimmed; null when the file has no records at all. */
export function headerOf(record: CsvRecord | undefined): string[] | null {
  return record ? record.cells.map((cell) => cell.trim()) : null;
}

/**
 * Reads the CSV's header and rows and maps them to leads. Mapping problems throw (see
 * `resolveMapping`); bad rows are listed by file line and left out.
 */
export function csvToLeads(csvText: string, fields: readonly MappableField[], mapping: CsvMapping): CsvLeads {
  const { records, problems } = parseCsv(csvText);
  const [headerRecord, ...rows] = records;
  const header = headerOf(headerRecord);
  if (!header) throw new Error("csvText: the file has no header row");
  const columns = resolveMapping(header, fields, mapping);
  const leads: Record<string, unknown>[] = [];
  const badRows: CsvProblem[] = [...problems];
  for (const row of rows) {
    const mapped = mapRow(row.cells, header.length, columns);
    if (mapped.ok) leads.push(mapped.lead);
    else badRows.push({ line: row.line, reason: describeProblem(mapped.problem, (c) => c.field) });
  }
  badRows.sort((a, b) => a.line - b.line);
  return { header, leads, badRows };
}

/** A row problem in words; `cellName` says how a bad cell is named (by field, or by column). */
export function describeProblem(
  problem: RowProblem,
  cellName: (cell: { field: string; column: string }) => string,
): string {
  if (problem.kind === "columns")
    return `has ${problem.count} column${problem.count === 1 ? "" : "s"}, the header has ${problem.expected}`;
  return problem.cells.map((cell) => `${cellName(cell)}: ${cell.reason}`).join("; ");
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
  const header = headerOf(headerRecord) ?? [];
  const suggestedMapping: CsvMapping = {};
  for (const field of fields) {
    const wanted = [field.name, field.label ?? ""].map((n) => n.trim().toLowerCase()).filter(Boolean);
    const column = header.find((h) => wanted.includes(h.toLowerCase()));
    if (column !== undefined) suggestedMapping[field.name] = column;
  }
  return { header, rows: rows.map((r) => r.cells), suggestedMapping, problems };
}
