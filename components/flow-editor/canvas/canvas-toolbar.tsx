"use client";

/** The small toolbar on the canvas: undo, redo, auto-layout, fit, and the shortcut help. */
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SHORTCUT_HELP } from "./shortcuts";

export interface CanvasToolbarProps {
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
}

export function CanvasToolbar({
  readOnly,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onLayout,
  onFit,
}: CanvasToolbarProps) {
  const [helpOpen, setHelpOpen] = useState(false);
  const helpRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!helpOpen) return;
    const close = (event: PointerEvent | KeyboardEvent) => {
      const outside = event.target instanceof Node && !helpRef.current?.contains(event.target);
      if (event instanceof KeyboardEvent ? event.key === "Escape" : outside) setHelpOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [helpOpen]);

  return (
    <div className="flex items-center gap-1 rounded-lg border border-slate-200 bg-white/95 p-1 shadow-sm backdrop-blur">
      {readOnly ? null : (
        <>
          <Button
            variant="ghost"
            size="sm"
            onClick={onUndo}
            disabled={!canUndo}
            title="Undo (Ctrl/⌘+Z)"
            data-testid="toolbar-undo"
          >
            Undo
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={onRedo}
            disabled={!canRedo}
            title="Redo (Ctrl/⌘+Shift+Z)"
            data-testid="toolbar-redo"
          >
            Redo
          </Button>
          <span className="mx-0.5 h-4 w-px bg-slate-200" aria-hidden="true" />
          <Button
            variant="ghost"
            size="sm"
            onClick={onLayout}
            title="Tidy up: arrange the steps top to bottom"
            data-testid="toolbar-layout"
          >
            Auto-layout
          </Button>
        </>
      )}
      <Button variant="ghost" size="sm" onClick={onFit} title="Show the whole flow" data-testid="toolbar-fit">
        Fit
      </Button>
      <div className="relative" ref={helpRef}>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => setHelpOpen((open) => !open)}
          aria-expanded={helpOpen}
          aria-haspopup="dialog"
          title="Keyboard shortcuts"
          data-testid="toolbar-shortcuts"
        >
          ?
        </Button>
        {helpOpen ? (
          <div
            role="dialog"
            aria-label="Keyboard shortcuts"
            data-testid="shortcut-help"
            className="absolute right-0 top-full z-10 mt-2 w-80 rounded-lg border border-slate-200 bg-white p-3 text-left shadow-lg"
          >
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Shortcuts</h3>
            <dl className="space-y-1.5 text-xs">
              {SHORTCUT_HELP.map((entry) => (
                <div key={entry.keys} className="flex justify-between gap-3">
                  <dt className="shrink-0 font-medium text-slate-700">{entry.keys}</dt>
                  <dd className="text-right text-slate-500">{entry.action}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : null}
      </div>
    </div>
  );
}
