// The parts of an OpenAPI 3.1 document the docs page reads, and pure helpers over them.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
  example?: unknown;
}

export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, { description?: string; required?: boolean; schema?: JsonSchema }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface OperationEntry {
  method: string;
  path: string;
  op: Operation;
}

/** Operations grouped by their first tag, in the document's tag order. */
export function groupByTag(paths: OpenApiDoc["paths"], tagOrder: string[]): [string, OperationEntry[]][] {
  const groups = new Map<string, OperationEntry[]>(tagOrder.map((t) => [t, []]));
  for (const [path, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  return [...groups.entries()].filter(([, ops]) => ops.length > 0);
}

/** Follows a `#/components/schemas/X` reference (one level is all the document uses). */
export function resolve(schema: JsonSchema | undefined, doc: OpenApiDoc): JsonSchema | undefined {
  const name = schema?.$ref?.replace("#/components/schemas/", "");
  return name ? (doc.components?.schemas?.[name] ?? schema) : schema;
}

export function refName(schema: JsonSchema | undefined): string | null {
  return schema?.$ref?.replace("#/components/schemas/", "") ?? null;
}

/** A short type label: `string (uuid)`, `integer`, `Lead`, `array of LeadSummary`, `"rep" | "queue"`. */
export function typeLabel(schema: JsonSchema | undefined, doc: OpenApiDoc): string {
  if (!schema) return "any";
  const ref = refName(schema);
  if (ref) return ref;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf ?? schema.oneOf)
    return variantsOf(schema)
      .map((v) => typeLabel(v, doc))
      .join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("array")) return `array of ${typeLabel(schema.items, doc)}`;
  const base = types.join(" | ") || "any";
  return schema.format ? `${base} (${schema.format})` : base;
}

/** The alternatives of a union, with nested unions (e.g. a nullable discriminated union) flattened. */
export function variantsOf(schema: JsonSchema): JsonSchema[] {
  const direct = schema.anyOf ?? schema.oneOf;
  if (!direct) return [schema];
  return direct.flatMap((v) => ((v.anyOf ?? v.oneOf) ? variantsOf(v) : [v]));
}

/** Constraints worth showing beside the type; zod's safe-integer bounds on every integer are noise. */
export function constraintsOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const meaningful = (n: number | undefined): n is number =>
    n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  if (meaningful(schema.minimum)) notes.push(`≥ ${schema.minimum}`);
  if (meaningful(schema.maximum)) notes.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.minLength > 0) notes.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) notes.push(`max length ${schema.maxLength}`);
  if (schema.maxItems !== undefined) notes.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  return notes;
}

const SAMPLE_UUID = "3e9a7c15-b2d4-4f68-9a0b-c1d2e3f4a5b6";
const SAMPLE_TIME = "2026-01-31T09:30:00.000Z";

/** An example value: the schema's own example when it has one, else one built from its shape. */
export function sampleOf(schema: JsonSchema | undefined, doc: OpenApiDoc, depth = 0): unknown {
  const s = resolve(schema, doc);
  if (!s || depth > 8) return null;
  if (s.example !== undefined) return s.example;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const variant =
    s.anyOf || s.oneOf ? variantsOf(s).find((v) => resolve(v, doc)?.type !== "null") : undefined;
  if (variant) return sampleOf(variant, doc, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(s.properties ?? {}))
        out[name] = sampleOf(prop, doc, depth + 1);
      return out;
    }
    case "array":
      return [sampleOf(s.items, doc, depth + 1)];
    case "integer":
      return 1;
    case "number":
      return 1.5;
    case "boolean":
      return false;
    case "string":
      return s.format === "uuid" ? SAMPLE_UUID : s.format === "date-time" ? SAMPLE_TIME : "text";
    default:
      return null;
  }
}

/** The example a media type shows: its own, its first named one, or one from its schema. */
export function mediaExample(media: MediaType | undefined, doc: OpenApiDoc): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {})[0];
  if (named) return named.value;
  return sampleOf(media.schema, doc);
}

/** The API-key scope an operation needs, or null when it is public or uses the session. */
export function scopeOf(op: Operation): string | null {
  return op.security?.[0]?.apiKey?.[0] ?? null;
}

/** `curl` for an operation, with its example body and placeholders for path parameters. */
export function curlOf(method: string, path: string, op: Operation, doc: OpenApiDoc, origin: string): string {
  const url = `${origin}${path.replace(/\{(\w+)\}/g, (_, name: string) => `$${toEnvName(name)}`)}`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} "${url}"`];
  if (scopeOf(op)) lines.push(`-H "Authorization: Bearer $SWITCHYARD_KEY"`);
  if (op.security?.some((s) => "sessionCookie" in s)) lines.push(`-b "next-auth.session-token=…"`);
  const media = op.requestBody?.content["application/json"];
  if (media) {
    lines.push(`-H "Content-Type: application/json"`);
    lines.push(`-d '${JSON.stringify(mediaExample(media, doc))}'`);
  }
  return lines.join(" \\\n  ");
}

/** flowId → FLOW_ID */
function toEnvName(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

export function anchorOf(method: string, path: string): string {
  return `${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}
