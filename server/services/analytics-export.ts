/**
 * CSV export of the decisions in an analytics filter: RFC 4180 (CRLF line ends, every field that holds
 * a comma, quote, CR or LF is quoted, quotes doubled), a header row, oldest first, read in keyset pages
 * so memory stays flat, and capped at EXPORT_ROW_CAP rows.
 */
import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "@/server/db/client";
import { decisionFilter } from "@/server/services/analytics";
import { type AnalyticsFilters, EXPORT_ROW_CAP } from "@/server/services/analytics-input";

export const EXPORT_COLUMNS = [
  "decision_id",
  "created_at",
  "lead_id",
  "flow",
  "version",
  "deployment_id",
  "outcome",
  "rep",
  "pool",
  "queue",
  "band",
  "score",
  "fallback",
  "latency_ms",
  "contacted_at",
  "won_at",
  "won_value",
  "explanation",
] as const;

const PAGE_SIZE = 5_000;

type CsvValue = string | number | boolean | null | undefined;

/** One field: quoted when it holds a separator, a quote or a line break; quotes doubled inside. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

interface ExportRow extends Record<string, unknown> {
  id: string;
  created_at: string;
  lead_id: string;
  flow_name: string | null;
  version_number: number | null;
  deployment_id: string | null;
  outcome_kind: string | null;
  rep_name: string | null;
  pool_name: string | null;
  queue: string | null;
  band: string | null;
  score: number | null;
  fallback: boolean;
  latency_ms: number | null;
  contacted_at: string | null;
  won_at: string | null;
  won_value: number | null;
  explanation: string | null;
}

export interface ExportOptions {
  /** Most rows written; EXPORT_ROW_CAP unless a test passes a small one. */
  cap?: number;
  pageSize?: number;
}

/** The CSV text in chunks: the header first, then one chunk per page of rows. */
export async function* exportDecisionsCsv(
  db: Executor,
  workspaceId: string,
  filters: AnalyticsFilters,
  { cap = EXPORT_ROW_CAP, pageSize = PAGE_SIZE }: ExportOptions = {},
): AsyncGenerator<string> {
  yield csvRow(EXPORT_COLUMNS);
  const where = decisionFilter(workspaceId, filters);
  let after: { createdAt: string; id: string } | null = null;
  let written = 0;
  while (written < cap) {
    const limit = Math.min(pageSize, cap - written);
    const keyset = after
      ? sql`and (d.created_at, d.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
      : sql``;
    const rows: ExportRow[] = await queryRows<ExportRow>(
      db,
      sql`
        select d.id, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
               d.lead_id, f.name as flow_name, fv.number as version_number, d.deployment_id,
               d.outcome->>'kind' as outcome_kind, r.name as rep_name, p.name as pool_name, l.queue,
               d.band, d.score, d.fallback, d.latency_ms,
               to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as contacted_at,
               to_char(w.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as won_at,
               w.value as won_value, array_to_string(d.explanation, ' → ') as explanation
        from decisions d
        join leads l on l.id = d.lead_id
        left join flows f on f.id = d.flow_id
        left join flow_versions fv on fv.id = d.version_id
        left join reps r on r.id = d.rep_id
        left join pools p on p.id = d.pool_id
        left join lead_outcomes c on c.lead_id = d.lead_id and c.kind = 'contacted'
        left join lead_outcomes w on w.lead_id = d.lead_id and w.kind = 'won'
        where ${where} ${keyset}
        order by d.created_at, d.id
        limit ${limit}`,
    );
    if (rows.length === 0) break;
    yield rows
      .map((r) =>
        csvRow([
          r.id,
          r.created_at,
          r.lead_id,
          r.flow_name,
          r.version_number,
          r.deployment_id,
          r.outcome_kind,
          r.rep_name,
          r.pool_name,
          r.queue,
          r.band,
          r.score,
          r.fallback,
          r.latency_ms,
          r.contacted_at,
          r.won_at,
          r.won_value,
          r.explanation,
        ]),
      )
      .join("");
    written += rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < limit) break;
    after = { createdAt: last.created_at, id: last.id };
  }
}

/** The whole export as one string (tests, and small exports). */
export async function exportDecisionsCsvText(
  db: Executor,
  workspaceId: string,
  filters: AnalyticsFilters,
  options?: ExportOptions,
): Promise<string> {
  let out = "";
  for await (const chunk of exportDecisionsCsv(db, workspaceId, filters, options)) out += chunk;
  return out;
}
