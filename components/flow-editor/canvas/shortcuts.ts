/** Keyboard shortcuts of the canvas: which key does what, and the help list the toolbar shows. */

export type ShortcutAction = "delete" | "undo" | "redo" | "copy" | "paste" | "selectAll";

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action of a key press, or null. Ctrl and Cmd are interchangeable. */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  const key = press.key.toLowerCase();
  const mod = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  if (!mod) return key === "delete" || key === "backspace" ? "delete" : null;
  if (key === "z") return press.shiftKey ? "redo" : "undo";
  if (key === "y" && !press.shiftKey) return "redo";
  if (press.shiftKey) return null;
  if (key === "c") return "copy";
  if (key === "v") return "paste";
  if (key === "a") return "selectAll";
  return null;
}

interface ElementLike {
  tagName?: unknown;
  isContentEditable?: unknown;
}

/** Whether the key press belongs to a text field (then the canvas leaves it alone). */
export function isEditableTarget(target: unknown): boolean {
  if (target === null || typeof target !== "object") return false;
  const element: ElementLike = target;
  if (element.isContentEditable === true) return true;
  return element.tagName === "INPUT" || element.tagName === "TEXTAREA" || element.tagName === "SELECT";
}

export const SHORTCUT_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: "Drag from the palette", action: "Add a step where you drop it" },
  { keys: "Drag from a dot to a step", action: "Connect (replaces that output's connection)" },
  { keys: "Shift + click", action: "Select several steps" },
  { keys: "Shift + drag", action: "Select everything in a box" },
  { keys: "Delete / Backspace", action: "Delete the selection" },
  { keys: "Ctrl/⌘ + C, Ctrl/⌘ + V", action: "Copy and paste steps (also into another flow)" },
  { keys: "Ctrl/⌘ + A", action: "Select all steps" },
  { keys: "Ctrl/⌘ + Z", action: "Undo" },
  { keys: "Ctrl/⌘ + Shift + Z, Ctrl + Y", action: "Redo" },
  { keys: "Scroll / pinch", action: "Zoom; drag the background to move around" },
];
