/**
 * Lead fields: built-ins, naming rules, and the normalisation that turns an untrusted lead into the
 * evaluation context. Every declared field is present in the context, holding a value of its declared
 * type or null ("missing"). See "Missing and invalid values" in engine/README.md.
 */
import { LIMITS } from "./limits";
import type { FieldDecl, FieldType } from "./schema";

/** A normalised field value as conditions see it. Dates are canonical ISO-8601 UTC strings. */
export type FieldValue = string | number | boolean | string[] | null;

/** The evaluation context: a prototype-free record holding exactly the known fields. */
export type EvaluationContext = Record<string, FieldValue>;

/** Score band written by score nodes. */
export type Band = "hot" | "warm" | "cold";

/** A lead as the engine reads it: its own properties, or nothing when it is not a plain object. */
export type LeadRecord = Readonly<Record<string, unknown>>;

export interface FieldDefinition {
  name: string;
  type: FieldType;
}

/** Fields every flow knows without declaring them. `score` and `band` are written by score nodes. */
export const BUILTIN_FIELDS: readonly FieldDefinition[] = [
  { name: "source", type: "string" },
  { name: "score", type: "number" },
  { name: "band", type: "string" },
];

export const SCORE_FIELDS: ReadonlySet<string> = new Set(["score", "band"]);

/** Letters, digits and underscores, starting with a letter; no dots (JSON Logic reads dots as paths). */
export const FIELD_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...BUILTIN_FIELDS.map((field) => field.name),
  ...Object.getOwnPropertyNames(Object.prototype),
  "prototype",
]);

export type FieldNameProblem = "invalid" | "reserved";

export function checkFieldName(name: string): FieldNameProblem | null {
  if (!FIELD_NAME_PATTERN.test(name)) return "invalid";
  if (RESERVED_NAMES.has(name)) return "reserved";
  return null;
}

/** The declared fields plus the built-ins, keyed by name (declared fields first, duplicates ignored). */
export function fieldTypeMap(declared: readonly FieldDecl[]): Map<string, FieldType> {
  const map = new Map<string, FieldType>();
  for (const field of BUILTIN_FIELDS) map.set(field.name, field.type);
  for (const field of declared) {
    if (!map.has(field.name)) map.set(field.name, field.type);
  }
  return map;
}

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2})))?$/;
const MIN_DATE_MS = Date.UTC(1000, 0, 1);
const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:mm[:ss[.sss]]" with "Z" or "±HH:mm" into
 * the canonical form "YYYY-MM-DDTHH:mm:ss.sssZ". Canonical dates compare correctly as strings.
 */
export function normalizeDateString(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, ms, zone, sign, zh, zm] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? "0");
  const minute = Number(mi ?? "0");
  const second = Number(s ?? "0");
  const millis = Number((ms ?? "0").padEnd(3, "0"));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const offsetHours = Number(zh);
    const offsetMins = Number(zm);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return epochToIso(epoch);
}

function epochToIso(epoch: number): string | null {
  if (!Number.isFinite(epoch) || epoch < MIN_DATE_MS || epoch > MAX_DATE_MS) return null;
  return new Date(epoch).toISOString();
}

const NUMBER_PATTERN = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function normalizeNumber(raw: unknown): number | null {
  let value: number;
  if (typeof raw === "number") value = raw;
  else if (typeof raw === "string" && raw.length <= 40 && NUMBER_PATTERN.test(raw.trim()))
    value = Number(raw.trim());
  else return null;
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value; // folds -0 into 0
}

function normalizeString(raw: unknown): string | null {
  if (typeof raw === "string") return raw.length <= LIMITS.maxLeadStringLength ? raw : null;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

function normalizeStringList(raw: unknown): string[] | null {
  if (typeof raw === "string") return raw.length <= LIMITS.maxLeadStringLength ? [raw] : null;
  if (!Array.isArray(raw) || raw.length > LIMITS.maxLeadListItems) return null;
  const items: string[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const item = normalizeString(raw[index]);
    if (item !== null) items.push(item);
  }
  return items;
}

/** Turns one raw lead value into a value of the declared type, or null. */
export function normalizeFieldValue(type: FieldType, raw: unknown): FieldValue {
  switch (type) {
    case "string":
      return normalizeString(raw);
    case "number":
      return normalizeNumber(raw);
    case "boolean":
      if (typeof raw === "boolean") return raw;
      if (raw === "true") return true;
      if (raw === "false") return false;
      return null;
    case "string_list":
      return normalizeStringList(raw);
    case "date":
      if (typeof raw === "string") return raw.length <= 40 ? normalizeDateString(raw) : null;
      if (typeof raw === "number") return epochToIso(raw);
      return null;
  }
}

/** The lead as a record, or null when it is not a non-array object (every field then reads as missing). */
export function asLeadRecord(lead: unknown): LeadRecord | null {
  return lead !== null && typeof lead === "object" && !Array.isArray(lead) ? (lead as LeadRecord) : null;
}

/**
 * Reads one field of a lead as the engine sees it: an own property (so `__proto__`, `constructor`
 * and other inherited names are never consulted) normalised to the field's type, or null.
 */
export function readLeadField(lead: LeadRecord | null, name: string, type: FieldType): FieldValue {
  if (lead === null) return null;
  const raw = lead[name];
  if (raw === undefined || !Object.hasOwn(lead, name)) return null;
  return normalizeFieldValue(type, raw);
}

/**
 * Builds the evaluation context for a lead: every given field is present (normalised, or null), the
 * record has no prototype, and `score` and `band` start as null (score nodes set them).
 */
export function buildContext(fields: readonly FieldDefinition[], lead: unknown): EvaluationContext {
  const context: EvaluationContext = Object.create(null);
  const record = asLeadRecord(lead);
  for (const field of fields) context[field.name] = readLeadField(record, field.name, field.type);
  context.score = null;
  context.band = null;
  return context;
}

/** Shortens long strings and lists so a trace stays small whatever the lead holds. */
export function displayValue(value: FieldValue): FieldValue {
  const max = LIMITS.maxTraceValueLength;
  if (typeof value === "string") return value.length > max ? `${value.slice(0, max)}…` : value;
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((item) => (item.length > max ? `${item.slice(0, max)}…` : item));
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items;
  }
  return value;
}
