/** The rep form keeps the notification URL as text; the API takes a URL or null for "none". */
export function notifyUrlInput(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
