"use client";

/**
 * Keyboard shortcuts and clipboard for the canvas. They act while the canvas has focus, or while
 * nothing has (focus falls back to the page when the focused node is deleted) and the last click was
 * on the canvas; never while typing in a field.
 */
import { type RefObject, useEffect, useEffectEvent, useRef } from "react";
import { isEditableTarget, shortcutFor } from "./shortcuts";

export interface CanvasCommands {
  readOnly: boolean;
  copy: () => string | null;
  paste: (text?: string) => boolean;
  deleteSelection: () => void;
  undo: () => void;
  redo: () => void;
  selectAll: () => void;
}

/** How long to wait for the browser's paste event before pasting this tab's last copy instead. */
const PASTE_FALLBACK_MS = 50;

export function useCanvasKeyboard(wrapperRef: RefObject<HTMLElement | null>, commands: CanvasCommands): void {
  const lastPointerInside = useRef(false);
  const pendingPaste = useRef<number | null>(null);

  const isActive = (target: EventTarget | null): boolean => {
    const wrapper = wrapperRef.current;
    if (wrapper === null || isEditableTarget(target)) return false;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return wrapper.contains(active);
    return lastPointerInside.current;
  };
  const keepFocus = (): void => {
    const wrapper = wrapperRef.current;
    if (wrapper !== null && !wrapper.contains(document.activeElement)) wrapper.focus({ preventScroll: true });
  };
  const cancelPendingPaste = (): void => {
    if (pendingPaste.current !== null) window.clearTimeout(pendingPaste.current);
    pendingPaste.current = null;
  };

  const onPointerDown = useEffectEvent((event: PointerEvent) => {
    const wrapper = wrapperRef.current;
    const inside = wrapper !== null && event.target instanceof Node && wrapper.contains(event.target);
    lastPointerInside.current = inside;
    if (inside && !isEditableTarget(event.target)) keepFocus();
  });

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || !isActive(event.target)) return;
    const action = shortcutFor(event);
    if (action === null) return;
    if (action === "copy") {
      // The copy event that follows also puts the text on the system clipboard.
      commands.copy();
      return;
    }
    if (action === "selectAll") {
      event.preventDefault();
      commands.selectAll();
      return;
    }
    if (commands.readOnly) return;
    if (action === "paste") {
      // The paste event normally follows with the system clipboard; if the browser sends none
      // (permissions, headless), this tab's last copy is pasted instead.
      cancelPendingPaste();
      pendingPaste.current = window.setTimeout(() => {
        pendingPaste.current = null;
        commands.paste();
      }, PASTE_FALLBACK_MS);
      return;
    }
    event.preventDefault();
    // A deleted (or undone) node may hold the focus: keep it on the canvas.
    keepFocus();
    if (action === "delete") commands.deleteSelection();
    else if (action === "undo") commands.undo();
    else commands.redo();
  });

  const onCopy = useEffectEvent((event: ClipboardEvent) => {
    if (!isActive(event.target)) return;
    const text = commands.copy();
    if (text === null || event.clipboardData === null) return;
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
  });

  const onPaste = useEffectEvent((event: ClipboardEvent) => {
    if (commands.readOnly || !isActive(event.target)) return;
    cancelPendingPaste();
    event.preventDefault();
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!(text !== "" && commands.paste(text))) commands.paste();
  });

  useEffect(() => {
    const pointer = (event: PointerEvent) => onPointerDown(event);
    const key = (event: KeyboardEvent) => onKeyDown(event);
    const copy = (event: ClipboardEvent) => onCopy(event);
    const paste = (event: ClipboardEvent) => onPaste(event);
    document.addEventListener("pointerdown", pointer, true);
    document.addEventListener("keydown", key);
    document.addEventListener("copy", copy);
    document.addEventListener("paste", paste);
    return () => {
      document.removeEventListener("pointerdown", pointer, true);
      document.removeEventListener("keydown", key);
      document.removeEventListener("copy", copy);
      document.removeEventListener("paste", paste);
      if (pendingPaste.current !== null) window.clearTimeout(pendingPaste.current);
    };
  }, []);
}
