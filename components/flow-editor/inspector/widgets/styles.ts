/** Class names of the inspector's compact controls: the look of components/ui/field.tsx, denser. */

const CONTROL_BASE =
  "block rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500";

/** A text input, select or number input; red ring when a validation issue concerns it. */
export function controlClass(invalid = false, extra = "w-full"): string {
  return `${CONTROL_BASE} ${invalid ? "ring-rose-400 bg-rose-50" : "ring-slate-300"} ${extra}`;
}

/** The frame of a composite control (tag field, picker) that shows the focus ring of its inner input. */
export function frameClass(invalid = false, disabled = false): string {
  const ring = invalid ? "ring-rose-400" : "ring-slate-300";
  const background = disabled ? "bg-slate-50" : invalid ? "bg-rose-50" : "bg-white";
  return `flex min-h-[30px] w-full flex-wrap items-center gap-1 rounded-md px-1.5 py-1 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500 ${ring} ${background}`;
}

export const CHIP_CLASS =
  "inline-flex max-w-full items-center gap-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700";

export const CHECKBOX_CLASS = "h-3.5 w-3.5 rounded border-slate-300 text-brand-600";
