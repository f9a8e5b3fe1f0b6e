/**
 * New-lead notification messages: a per-flow template with `{{…}}` placeholders, rendered into the
 * `text` of a Slack-compatible incoming-webhook message.
 */

export const MAX_TEMPLATE_LENGTH = 2000;

export const DEFAULT_TEMPLATE =
  "New lead for {{rep.name}} from {{flow.name}}: {{lead.email}} ({{band}}). {{leadUrl}}";

/** Fixed placeholders; `{{lead.<field>}}` (a dotted path into the lead) is the open-ended one. */
export const PLACEHOLDERS = [
  "rep.name",
  "rep.email",
  "flow.name",
  "pool.name",
  "band",
  "score",
  "path",
  "leadUrl",
] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const LEAD_FIELD = /^lead\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** The placeholders of a template that are not known, in order of appearance. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!KNOWN.has(name) && !LEAD_FIELD.test(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

export interface TemplateContext {
  lead: Record<string, unknown>;
  /** The rep's name, or the queue's name when the lead went to a queue. */
  repName: string | null;
  repEmail: string | null;
  flowName: string | null;
  poolName: string | null;
  band: string | null;
  score: number | null;
  path: string[];
  leadUrl: string;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function leadField(lead: Record<string, unknown>, path: string): unknown {
  let value: unknown = lead;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Renders a template; missing values render as nothing, unknown placeholders are left as written. */
export function renderTemplate(template: string, context: TemplateContext): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (LEAD_FIELD.test(name)) return text(leadField(context.lead, name.slice("lead.".length)));
    switch (name) {
      case "rep.name":
        return text(context.repName);
      case "rep.email":
        return text(context.repEmail);
      case "flow.name":
        return text(context.flowName);
      case "pool.name":
        return text(context.poolName);
      case "band":
        return text(context.band);
      case "score":
        return text(context.score);
      case "path":
        return context.path.join("; ");
      case "leadUrl":
        return context.leadUrl;
      default:
        return whole;
    }
  });
}

/** Where a lead is shown in the app; SWITCHYARD_URL is the app's public address. */
export function leadUrl(leadId: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.SWITCHYARD_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? "3000"}`;
  return `${base.replace(/\/+$/, "")}/leads?lead=${leadId}`;
}
