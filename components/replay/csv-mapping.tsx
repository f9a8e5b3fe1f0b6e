"use client";

import type { Dispatch, SetStateAction } from "react";
import { Field, Select } from "@/components/ui/field";
import { ErrorNote } from "@/components/ui/page-header";

export interface CsvPreviewData {
  header: string[];
  rows: string[][];
  fields: Array<{ name: string; type: string; label?: string | undefined; required?: boolean | undefined }>;
  problems: Array<{ line: number; reason: string }>;
}

/** The file picker of a CSV upload (replay and lead import). */
export function CsvFileInput({ hint, onFile }: { hint: string; onFile: (file: File | undefined) => void }) {
  return (
    <Field label="CSV file" hint={hint}>
      <input
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => onFile(e.target.files?.[0])}
        className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
      />
    </Field>
  );
}

const TYPE_NOTE: Record<string, string> = {
  string: "text",
  number: "number",
  boolean: "yes/no, true/false",
  string_list: "list, split on ;",
  date: "date, 2024-05-31",
};

/** Under the file picker: the upload's error, "reading", then the mapping step once the preview is in. */
export function CsvPreviewSection({
  fileError,
  preview,
  mapping,
  setMapping,
}: {
  fileError: string | null;
  /** The preview request (a tRPC mutation's state). */
  preview: { data?: CsvPreviewData | undefined; isPending: boolean; error: { message: string } | null };
  mapping: Record<string, string>;
  setMapping: Dispatch<SetStateAction<Record<string, string>>>;
}) {
  return (
    <>
      <ErrorNote message={fileError ?? preview.error?.message} />
      {preview.isPending ? <p className="text-sm text-slate-500">Reading the file…</p> : null}
      {preview.data ? (
        <CsvMappingStep
          preview={preview.data}
          mapping={mapping}
          onChange={(field, column) => setMapping((m) => ({ ...m, [field]: column }))}
        />
      ) : null}
    </>
  );
}

/** The mapping step: the file's columns and first rows, and a column picker per lead field. */
export function CsvMappingStep({
  preview,
  mapping,
  onChange,
}: {
  preview: CsvPreviewData;
  mapping: Record<string, string>;
  onChange: (field: string, column: string) => void;
}) {
  if (preview.header.length === 0)
    return <p className="text-sm text-rose-700">The file has no header row.</p>;
  // Headers may repeat and sample rows have no identity: number them once for React keys.
  const columns = preview.header.map((name, position) => ({ name, id: `c${position}`, position }));
  const rows = preview.rows.map((cells, position) => ({ cells, id: `r${position}` }));
  return (
    <div className="space-y-4">
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-700">
          First rows <span className="font-normal text-slate-500">({preview.header.length} columns)</span>
        </p>
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
          <table className="w-full text-left text-xs">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {columns.map((column) => (
                  <th key={column.id} className="whitespace-nowrap px-3 py-2 font-medium">
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  {columns.map((column) => (
                    <td
                      key={column.id}
                      className="max-w-48 truncate whitespace-nowrap px-3 py-1.5 text-slate-700"
                    >
                      {row.cells[column.position] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-700">Map columns to lead fields</p>
        <p className="mb-3 text-xs text-slate-500">
          Columns named like a field are picked for you. Unmapped fields are missing for every lead; a cell
          that does not fit its field's type puts the row on the bad-rows list.
        </p>
        <div className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {preview.fields.map((field) => (
            <div key={field.name} className="flex items-center justify-between gap-3 text-sm">
              <span>
                <span className="font-medium text-slate-800">{field.label ?? field.name}</span>
                <span className="block text-xs text-slate-500">
                  {field.name} · {TYPE_NOTE[field.type] ?? field.type}
                  {field.required ? " · required" : ""}
                </span>
              </span>
              <Select
                aria-label={`Column for ${field.label ?? field.name}`}
                value={mapping[field.name] ?? ""}
                onChange={(e) => onChange(field.name, e.target.value)}
                className="w-44"
              >
                <option value="">— not mapped —</option>
                {columns.map((column) => (
                  <option key={column.id} value={column.name}>
                    {column.name}
                  </option>
                ))}
              </Select>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
