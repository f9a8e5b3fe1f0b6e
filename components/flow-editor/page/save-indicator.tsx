import type { SaveStatus } from "./use-draft-autosave";

const LOOK: Record<SaveStatus, { text: string; dot: string }> = {
  saved: { text: "All changes saved", dot: "bg-emerald-500" },
  unsaved: { text: "Unsaved changes", dot: "bg-amber-400" },
  saving: { text: "Saving…", dot: "bg-sky-500 animate-pulse" },
  conflict: { text: "Not saved: edited elsewhere", dot: "bg-rose-500" },
  error: { text: "Not saved: error", dot: "bg-rose-500" },
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  const look = LOOK[status];
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-slate-600"
      data-testid="save-status"
      data-status={status}
    >
      <span className={`h-2 w-2 rounded-full ${look.dot}`} aria-hidden="true" />
      {look.text}
    </span>
  );
}
