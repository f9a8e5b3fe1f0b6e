"use client";

/** The left-hand list of steps a manager can add, by dragging onto the canvas or clicking. */
import type { DragEvent } from "react";
import { z } from "zod";
import { BRANCH_PRESETS, NODE_TYPES } from "@/engine";
import { NodeIcon } from "./node-icons";
import { NODE_THEME } from "./node-theme";
import { PALETTE_DRAG_TYPE, PALETTE_ITEMS, type PaletteItem } from "./palette-items";

const dragPayloadSchema = z.object({
  type: z.enum(NODE_TYPES),
  preset: z.enum(BRANCH_PRESETS).optional(),
});

export type PaletteDrop = z.infer<typeof dragPayloadSchema>;

/** The palette item carried by a drag, or null when the drag is something else. */
export function readPaletteDrag(event: DragEvent): PaletteDrop | null {
  const text = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
  if (text === "") return null;
  try {
    const parsed = dragPayloadSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function isPaletteDrag(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(PALETTE_DRAG_TYPE);
}

export interface PaletteProps {
  onAdd: (item: PaletteItem) => void;
  /** A flow has one source: the Source item is disabled while it exists. */
  hasSource: boolean;
}

export function Palette({ onAdd, hasSource }: PaletteProps) {
  return (
    <aside
      className="flex w-60 shrink-0 flex-col gap-1.5 overflow-y-auto border-r border-slate-200 bg-slate-50/80 p-3"
      aria-label="Steps you can add"
      data-testid="flow-palette"
    >
      <h2 className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Add a step</h2>
      <p className="px-1 pb-1 text-[11px] leading-snug text-slate-500">
        Drag onto the canvas, or click to add.
      </p>
      {PALETTE_ITEMS.map((item) => {
        const theme = NODE_THEME[item.type];
        const disabled = item.type === "source" && hasSource;
        return (
          <button
            key={item.testId}
            type="button"
            draggable={!disabled}
            disabled={disabled}
            data-testid={item.testId}
            title={disabled ? "This flow already has its Source" : `${item.title}: ${item.description}`}
            onClick={() => onAdd(item)}
            onDragStart={(event) => {
              event.dataTransfer.setData(
                PALETTE_DRAG_TYPE,
                JSON.stringify(
                  item.preset === undefined ? { type: item.type } : { type: item.type, preset: item.preset },
                ),
              );
              event.dataTransfer.effectAllowed = "copy";
            }}
            className={`group relative flex items-start gap-2.5 overflow-hidden rounded-md border border-slate-200 bg-white py-2 pl-3 pr-2 text-left shadow-sm transition-colors focus-visible:outline-2 focus-visible:outline-brand-500 disabled:cursor-not-allowed disabled:opacity-50 ${
              disabled ? "" : `cursor-grab active:cursor-grabbing ${theme.paletteHover}`
            }`}
          >
            <span className={`absolute inset-y-0 left-0 w-1 ${theme.strip}`} aria-hidden="true" />
            <span
              className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded ${theme.icon}`}
            >
              <NodeIcon type={item.type} className="h-4 w-4" />
            </span>
            <span className="min-w-0">
              <span className="block text-sm font-medium text-slate-800">{item.title}</span>
              <span className="block text-[11px] leading-snug text-slate-500">{item.description}</span>
            </span>
          </button>
        );
      })}
    </aside>
  );
}
