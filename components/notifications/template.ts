// Notification message templates in the editor: placeholder chips, inserting one at the caret, and
// warnings. The placeholder list and the default come from the server's renderer, so they cannot drift.
import { PLACEHOLDERS } from "@/server/services/webhooks/template";

export { DEFAULT_TEMPLATE, unknownPlaceholders } from "@/server/services/webhooks/template";

export interface Placeholder {
  token: string;
  label: string;
}

const LABELS: Record<(typeof PLACEHOLDERS)[number], string> = {
  "rep.name": "Rep name",
  "rep.email": "Rep email",
  "flow.name": "Flow",
  "pool.name": "Pool",
  band: "Band",
  score: "Score",
  path: "Why (path)",
  leadUrl: "Lead link",
};

/** Placeholders every template may use, besides `{{lead.<field>}}` for the lead's own fields. */
export const FIXED_PLACEHOLDERS: readonly Placeholder[] = PLACEHOLDERS.map((name) => ({
  token: `{{${name}}}`,
  label: LABELS[name],
}));

/** `{{lead.<field>}}` chips for the fields the flow's source declares. */
export function leadPlaceholders(fieldNames: readonly string[]): Placeholder[] {
  return fieldNames.map((name) => ({ token: `{{lead.${name}}}`, label: `lead.${name}` }));
}

/**
 * Puts `token` in place of the selection [start, end) and returns the new text with the caret after it.
 * Out-of-range positions are clamped, so a stale selection never throws away text.
 */
export function insertPlaceholder(
  text: string,
  token: string,
  start: number,
  end: number = start,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(text.length, Math.max(start, end, from));
  return { text: `${text.slice(0, from)}${token}${text.slice(to)}`, caret: from + token.length };
}

const LEAD_TOKEN = /\{\{\s*lead\.([^{}.\s]+)[^{}]*?\}\}/g;

/**
 * `{{lead.x}}` placeholders whose field the flow's source does not declare. They are allowed (a lead may
 * carry extra fields) but render empty when it does not, so the editor hints at a possible typo.
 */
export function undeclaredLeadFields(template: string, fieldNames: readonly string[]): string[] {
  const declared = new Set(fieldNames);
  const found = new Set<string>();
  for (const match of template.matchAll(LEAD_TOKEN)) {
    const field = match[1] ?? "";
    if (!declared.has(field)) found.add(field);
  }
  return [...found];
}
