"use client";

import { type ReactNode, useEffect, useRef } from "react";

const PLACEMENT = {
  /** Centred box. */
  modal: {
    dialog: "m-auto w-full max-w-lg rounded-xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/40",
    header: "flex items-center justify-between border-b border-slate-200 px-5 py-3",
  },
  /** A panel over the right edge, for details beside a list. */
  drawer: {
    dialog:
      "ml-auto mr-0 h-full max-h-none w-full max-w-2xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/30",
    header:
      "sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white px-5 py-3",
  },
} as const;

/** A modal built on the native <dialog>: focus trapping and Escape come from the browser. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  placement = "modal",
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  placement?: keyof typeof PLACEMENT;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-label={title} className={PLACEMENT[placement].dialog}>
      <div className={PLACEMENT[placement].header}>
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          className="text-xl leading-none text-slate-400 hover:text-slate-700"
        >
          ×
        </button>
      </div>
      <div className="px-5 py-4">{open ? children : null}</div>
    </dialog>
  );
}
