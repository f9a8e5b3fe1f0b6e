import type { ReactNode } from "react";

/** A compact labelled control: label above, then the control, then an error or a hint. */
export function InspectorField({
  label,
  hint,
  error,
  children,
  className = "",
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  children: ReactNode;
  className?: string;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label className={`block space-y-0.5 ${className}`}>
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      {children}
      {error ? <span className="block text-xs text-rose-600">{error}</span> : null}
      {!error && hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
    </label>
  );
}

/** A titled block of the inspector, separated from the previous one by a rule. */
export function Section({
  title,
  hint,
  children,
  invalid = false,
  testId,
}: {
  title: string;
  hint?: ReactNode;
  children: ReactNode;
  /** A validation issue concerns the section as a whole (e.g. "add at least one case"). */
  invalid?: boolean;
  testId?: string;
}) {
  return (
    <section
      className={`space-y-2 border-t px-3 py-3 ${invalid ? "border-rose-200 bg-rose-50/40" : "border-slate-100"}`}
      data-testid={testId}
    >
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {children}
    </section>
  );
}

/** Small grey text for ids and other details a person rarely needs. */
export function Detail({ children }: { children: ReactNode }) {
  return <span className="text-[11px] text-slate-400">{children}</span>;
}
